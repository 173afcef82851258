using System.Diagnostics;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Tests.Core.Oracle;

namespace SchemaDrift.Tests.Core;

/// <summary>
/// Not a timed test (the machine is shared): it prints the cost of checking one query against a
/// 500-table snapshot and fails only when it is off by orders of magnitude.
/// </summary>
public class CheckerPerformanceTests
{
    [Test]
    public void Checking_a_query_costs_microseconds()
    {
        var snapshot = new SchemaSnapshot { Provider = SqlProviders.Postgres, DefaultSchema = "public" };
        snapshot.Schemas.Add("public");
        foreach (var name in new[] { "users", "categories", "products", "orders", "order_items", "reviews", "active_users", "order_totals" })
        {
            snapshot.Tables.Add(Table(name, "id", "email", "display_name", "created_at", "is_admin", "name", "parent_id", "sku", "price",
                "category_id", "discontinued", "user_id", "status", "total", "shipped_at", "order_id", "product_id", "quantity",
                "unit_price", "rating", "body", "lifetime_total", "order_count"));
        }
        for (var i = 0; i < 492; i++) snapshot.Tables.Add(Table("table_" + i, "id", "name_" + i, "value", "created_at"));
        var index = new SchemaIndex(snapshot);
        var queries = OracleCorpus.For("pg").Select(q => q.Sql).ToList();

        foreach (var q in queries) SqlChecker.Check(q, index); // warm up
        const int rounds = 20;
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var q in queries) SqlChecker.Check(q, index);
        }
        watch.Stop();
        var perQuery = watch.Elapsed.TotalMilliseconds * 1000 / (rounds * queries.Count);
        TestContext.Out.WriteLine($"{queries.Count} queries x {rounds}: {perQuery:F1} µs per query (parse + check, 500-table snapshot)");
        var clean = queries.Where(q => SqlChecker.Check(q, index).Findings.Count == 0).ToList();
        watch.Restart();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var q in clean) SqlChecker.Check(q, index);
        }
        watch.Stop();
        TestContext.Out.WriteLine($"  of which {clean.Count} without findings: {watch.Elapsed.TotalMilliseconds * 1000 / (rounds * clean.Count):F1} µs per query");
        Assert.That(perQuery, Is.LessThan(2000));
    }

    private static TableInfo Table(string name, params string[] columns)
    {
        var t = new TableInfo { Schema = "public", Name = name };
        for (var i = 0; i < columns.Length; i++) t.Columns.Add(new ColumnInfo { Name = columns[i], Ordinal = i + 1 });
        return t;
    }
}
