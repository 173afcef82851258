using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Audit;

/// <summary>Which columns a query filters and sorts on, resolved to their tables (the input of DBIDX002/003/006).</summary>
public class ColumnUsageCollectorTests
{
    private static readonly SchemaIndex Pg = new(TestSnapshots.Build("postgres", "public",
        "users(id int4, email text, \"Name\" text)",
        "orders(id int4, user_id int4, status text, total numeric)",
        "audit.events(id int4, kind text)"));

    private static readonly SchemaIndex My = new(TestSnapshots.Build("mysql", "shop", "orders(id int, status varchar, total decimal)"));

    private static List<string> Usages(string sql, SchemaIndex? index = null) =>
        ColumnUsageCollector.Collect(sql, index ?? Pg).Usages
            .Select(u => u.Kind + " " + u.Table.Name + "." + u.Column.Name + "@" + u.Start)
            .ToList();

    private static int At(string sql, string text) => sql.IndexOf(text, StringComparison.Ordinal);

    [Test]
    public void Equality_range_in_between_and_joins()
    {
        const string sql = "SELECT * FROM orders o JOIN users u ON u.id = o.user_id AND u.email = $1 WHERE o.status IN ('a', 'b') AND o.total BETWEEN 1 AND 2 AND o.id > 5";
        Assert.That(Usages(sql), Is.EqualTo(new[]
        {
            "Join users.id@" + At(sql, "id = o"),
            "Join orders.user_id@" + At(sql, "user_id"),
            "Equality users.email@" + At(sql, "email"),
            "Equality orders.status@" + At(sql, "status"),
            "Range orders.total@" + At(sql, "total"),
            "Range orders.id@" + At(sql, "id > 5"),
        }));
    }

    [Test]
    public void Correlated_columns_are_values_and_unresolvable_names_are_left_out()
    {
        const string sql = "SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND status = 'x')";
        Assert.That(Usages(sql), Is.EqualTo(new[]
        {
            "Equality orders.user_id@" + At(sql, "user_id"),
            "Equality orders.status@" + At(sql, "status"),
        }));
        Assert.That(Usages("WITH x AS (SELECT * FROM orders) SELECT * FROM x JOIN users ON true WHERE email = 'a'"), Is.Empty, "email could be x's");
        Assert.That(Usages("SELECT * FROM orders WHERE status = total"), Is.Empty, "two columns of one table are not a key");
        Assert.That(Usages("SELECT * FROM orders WHERE NOT status = 'a' OR total = 1"), Is.Empty);
    }

    [Test]
    public void Names_resolve_as_the_engine_does()
    {
        Assert.That(Usages("SELECT * FROM users WHERE \"Name\" = 'a'"), Has.Count.EqualTo(1));
        Assert.That(Usages("SELECT * FROM users WHERE Name = 'a'"), Is.Empty, "PostgreSQL folds Name to name, which does not exist");
        Assert.That(Usages("SELECT * FROM audit.events e WHERE e.kind = 'k'"), Has.Count.EqualTo(1));
        Assert.That(Usages("SELECT * FROM `orders` WHERE `Status` = 'a' ORDER BY total LIMIT 3", My), Is.EqualTo(new[]
        {
            "Equality orders.status@" + At("SELECT * FROM `orders` WHERE `Status` = 'a' ORDER BY total LIMIT 3", "`Status`"),
            "OrderBy orders.total@" + At("SELECT * FROM `orders` WHERE `Status` = 'a' ORDER BY total LIMIT 3", "total"),
        }));
    }

    [Test]
    public void Blocks_know_their_limit_grouping_and_sources()
    {
        var result = ColumnUsageCollector.Collect("SELECT status FROM orders GROUP BY status ORDER BY status LIMIT 1", Pg);
        var block = result.Block(result.Usages.Single().Block)!;
        Assert.That((block.HasLimit, block.HasGroupBy, block.TableCount, block.HasOpaqueSources), Is.EqualTo((true, true, 1, false)));
    }

    [Test]
    public void Deep_expressions_cost_the_statement_never_the_stack()
    {
        var sql = "SELECT * FROM orders WHERE status = 'a' AND (" + string.Join(" OR ", Enumerable.Range(0, 5000).Select(i => "total = " + i)) + ")";
        Assert.DoesNotThrow(() => ColumnUsageCollector.Collect(sql, Pg));
    }
}

/// <summary>Not a timed test: prints what the index advice costs per query (parse + collect + advise) and fails only when it is off by orders of magnitude.</summary>
public class QueryIndexAdviceCostTests
{
    [Test]
    public void Advising_on_a_query_costs_microseconds()
    {
        var snapshot = TestSnapshots.Build("postgres", "public",
            "users(id int4, email text, display_name text, created_at timestamptz, is_admin bool)",
            "orders(id int4, user_id int4, status text, total numeric, shipped_at timestamptz, created_at timestamptz)",
            "order_items(id int4, order_id int4, product_id int4, quantity int4, unit_price numeric)",
            "products(id int4, sku text, name text, price numeric, category_id int4)");
        for (var i = 0; i < 300; i++) snapshot.Tables.Add(new SchemaDrift.Core.Snapshot.TableInfo { Schema = "public", Name = "table_" + i, Columns = { new SchemaDrift.Core.Snapshot.ColumnInfo { Name = "id", Ordinal = 1 } } });
        var index = new SchemaIndex(snapshot);
        var queries = SchemaDrift.Tests.Core.Oracle.OracleCorpus.For("pg").Select(q => q.Sql).ToList();
        foreach (var q in queries) SchemaDrift.Core.Audit.QueryIndexAdvisor.Advise(ColumnUsageCollector.Collect(q, index), index);
        const int rounds = 20;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var q in queries) SchemaDrift.Core.Audit.QueryIndexAdvisor.Advise(ColumnUsageCollector.Collect(q, index), index);
        }
        var perQuery = watch.Elapsed.TotalMilliseconds * 1000 / (rounds * queries.Count);
        TestContext.Out.WriteLine($"{queries.Count} queries x {rounds}: {perQuery:F1} µs per query (parse + collect + advise)");
        Assert.That(perQuery, Is.LessThan(2000));
    }
}
