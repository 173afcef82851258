using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Audit.QueryIndexAnalyzer>;

namespace SchemaDrift.Tests.Audit;

/// <summary>DBIDX002/003/006 at the column identifier inside the SQL string, and every case they stay quiet.</summary>
public class QueryIndexAnalyzerTests
{
    /// <summary>orders: ~50,000 rows, PK id, index on user_id, unique code; tiny: 10 rows; users: size unknown (no statistics).</summary>
    private static SchemaSnapshot PgSnapshot()
    {
        var s = TestSnapshots.Build("postgres", "public",
            "orders(id int4, user_id int4, status text, region text, channel text, code text, created_at timestamptz, total numeric)",
            "tiny(id int4, name text)",
            "users(id int4, email text, name text)");
        foreach (var t in s.Tables)
        {
            t.PrimaryKey = new PrimaryKeyInfo { Name = t.Name + "_pkey" };
            t.PrimaryKey.Columns.Add("id");
            t.Columns[0].PrimaryKey = true;
            t.Indexes.Add(Index(t.Name + "_pkey", true, "id"));
        }
        var orders = s.Tables.Single(t => t.Name == "orders");
        orders.RowEstimate = 50000;
        orders.Indexes.Add(Index("orders_user_id_idx", false, "user_id"));
        var unique = new UniqueConstraintInfo { Name = "orders_code_key" };
        unique.Columns.Add("code");
        orders.UniqueConstraints.Add(unique);
        orders.Indexes.Add(Index("orders_code_key", true, "code"));
        s.Tables.Single(t => t.Name == "tiny").RowEstimate = 10;
        return s;
    }

    private static IndexInfo Index(string name, bool unique, params string[] columns)
    {
        var i = new IndexInfo { Name = name, Unique = unique, Primary = name.EndsWith("_pkey", StringComparison.Ordinal), Method = "btree" };
        foreach (var c in columns) i.Columns.Add(new IndexColumnInfo { Name = c });
        return i;
    }

    private static readonly string Pg = SnapshotSerializer.Write(PgSnapshot(), SnapshotFlavor.Cache);

    private const string Usings = "using Dapper;\nusing Npgsql;\n";

    [Test]
    public Task Filters_without_an_index_are_reported_at_the_column() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c, int u, string s)
            {
                c.Query("SELECT id FROM orders WHERE {|DBIDX002:status|} = @s", new { s });
                c.Query("SELECT id FROM orders WHERE {|DBIDX002:created_at|} > now() - interval '1 day'");
                c.Query("SELECT * FROM users WHERE {|DBIDX002:name|} = @n", new { n = s });
                c.Execute("UPDATE orders SET total = 0 WHERE {|DBIDX002:status|} = 'void'");
                c.Query("SELECT * FROM users WHERE id IN (SELECT user_id FROM orders WHERE {|DBIDX002:status|} = 'paid')");
                c.Query("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.{|DBIDX002:email|} = @e", new { e = s });
            }
        }
        """, Pg);

    [Test]
    public Task Indexed_unique_tiny_or_unanalyzable_filters_are_not_reported() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c, int u, string s)
            {
                c.Query("SELECT id FROM orders WHERE user_id = @u", new { u });
                c.Query("SELECT id FROM orders WHERE user_id = @u AND status = @s", new { u, s });
                c.Query("SELECT id FROM orders WHERE id = @id AND status = 'x'", new { id = u });
                c.Query("SELECT id FROM orders WHERE code = @s", new { s });
                c.Query("SELECT * FROM tiny WHERE name = @s", new { s });
                c.Query("SELECT id FROM orders WHERE status = @s OR region = @s", new { s });
                c.Query("SELECT id FROM orders WHERE lower(status) = @s", new { s });
                c.Query("SELECT id FROM orders WHERE status LIKE 'p%'");
                c.Query("SELECT id FROM orders WHERE status IS NULL");
                c.Query("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id");
                c.Query("WITH x AS (SELECT * FROM orders) SELECT * FROM x WHERE status = 'a'");
            }
        }
        """, Pg);

    [Test]
    public Task Several_equality_filters_with_no_index_ask_for_one_composite_index() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c, string r, string ch)
            {
                c.Query("SELECT id FROM orders WHERE {|DBIDX006:region|} = @r AND channel = @ch AND total > 10", new { r, ch });
            }
        }
        """, Pg);

    [Test]
    public Task Top_n_sorts_without_an_index_are_reported() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Query("SELECT id FROM orders ORDER BY {|DBIDX003:created_at|} DESC LIMIT 20");
                c.Query("SELECT id FROM orders ORDER BY created_at");
                c.Query("SELECT id FROM orders ORDER BY user_id LIMIT 5");
                c.Query("SELECT id FROM orders WHERE user_id = 1 ORDER BY created_at LIMIT 5");
                c.Query("SELECT status, count(*) FROM orders GROUP BY status ORDER BY status LIMIT 5");
                c.Query("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id ORDER BY o.created_at LIMIT 5");
                c.Query("SELECT created_at AS created_at FROM orders ORDER BY created_at LIMIT 5");
            }
        }
        """, Pg);

    [Test]
    public async Task The_row_threshold_is_configurable()
    {
        var test = Verify.Create(Usings + """
            class C
            {
                void M(NpgsqlConnection c) => c.Query("SELECT id FROM orders WHERE status = 'paid'");
            }
            """, Pg);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.SchemaDriftIndexAdviceMinRows = 100000\n"));
        await test.RunAsync(CancellationToken.None);
    }

    [Test]
    public void Advice_is_skipped_only_when_no_table_can_get_any()
    {
        var snapshot = PgSnapshot();
        var index = new SchemaDrift.Core.Sql.Analysis.SchemaIndex(snapshot);
        // users has no estimate (unknown size): it may still be advised at any threshold.
        Assert.That(SchemaDrift.Core.Audit.QueryIndexAdvisor.MayAdviseAny(index, 100000), Is.True);
        snapshot.Tables.Single(t => t.Name == "users").RowEstimate = 200;
        index = new SchemaDrift.Core.Sql.Analysis.SchemaIndex(snapshot);
        Assert.That(SchemaDrift.Core.Audit.QueryIndexAdvisor.MayAdviseAny(index, 1000), Is.True, "orders has 50,000 rows");
        Assert.That(SchemaDrift.Core.Audit.QueryIndexAdvisor.MayAdviseAny(index, 50001), Is.False, "every table is estimated below the threshold");
        foreach (var t in snapshot.Tables) { t.RowEstimate = null; t.Kind = TableKind.View; }
        Assert.That(SchemaDrift.Core.Audit.QueryIndexAdvisor.MayAdviseAny(new SchemaDrift.Core.Sql.Analysis.SchemaIndex(snapshot)), Is.False, "views have no indexes to advise");
    }

    [Test]
    public async Task A_small_database_gets_no_advice_and_the_drift_checks_still_run()
    {
        // Every table below the threshold: the index analyzer registers nothing, and the drift analyzer,
        // which otherwise shares the index analyzer's reads and parses, still does its own.
        const string source = Usings + """
            class C
            {
                void M(NpgsqlConnection c)
                {
                    c.Query("SELECT id FROM orders WHERE status = 'paid'");
                    c.Query("SELECT id FROM orders WHERE statuz = 'paid'");
                }
            }
            """;
        var analyzers = new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new SchemaDrift.Analyzers.Audit.QueryIndexAnalyzer(), new SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer() };
        var large = await TestCompilations.AnalyzerDiagnosticsAsync(source, Pg, analyzers);
        Assert.That(large.Select(d => d.Id), Is.EquivalentTo(new[] { "DBIDX002", "DBDRIFT401" }));

        var snapshot = PgSnapshot();
        foreach (var t in snapshot.Tables) t.RowEstimate = 10;
        var small = await TestCompilations.AnalyzerDiagnosticsAsync(source, SnapshotSerializer.Write(snapshot, SnapshotFlavor.Cache), analyzers);
        Assert.That(small.Select(d => d.Id), Is.EquivalentTo(new[] { "DBDRIFT401" }), "statuz: probably a renamed or misspelt status");
    }

    [Test]
    public Task Sqlite_snapshot_without_statistics_is_judged() => Verify.VerifyAsync("""
        using Dapper;
        using Microsoft.Data.Sqlite;
        class C
        {
            void M(SqliteConnection c)
            {
                c.Query("SELECT id FROM orders WHERE {|DBIDX002:status|} = $s AND total > 3");
                c.Query("SELECT id FROM orders WHERE user_id = $u");
            }
        }
        """, TestSnapshots.SqliteJson("""
            CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, status TEXT, total NUMERIC);
            CREATE INDEX orders_user_id ON orders (user_id);
            """));
}
