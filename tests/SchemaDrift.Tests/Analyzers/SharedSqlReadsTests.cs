using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Analyzers.Audit;
using SchemaDrift.Analyzers.Caching;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Analyzers;

/// <summary>
/// The SQL analyzers share each call site's constant text and its parse within a compilation.
/// Sharing must never change a finding: the analyzers together report exactly what each
/// reports alone, whatever order the driver runs them in and however small the cache is.
/// </summary>
public class SharedSqlReadsTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Dapper;
        using Microsoft.Data.Sqlite;
        record Order(long Id, string Status, string Missing);
        class C
        {
            const string ByStatus = "SELECT id, status FROM orders WHERE status = @s";
            IEnumerable<Order> A(SqliteConnection c) => c.Query<Order>("SELECT id, status FROM orders WHERE status = 'new'");
            void B(SqliteConnection c)
            {
                var sql = "SELECT id FROM orders WHERE region = @r";
                c.Query(sql, new { r = 1 });
                c.Query(ByStatus, new { s = 1 });
                c.Query(ByStatus, new { s = 2 });
                c.Execute("UPDATE orders SET gone = 1 WHERE status = 'x'");
                using var cmd = c.CreateCommand();
                cmd.CommandText = "DELETE FROM shipments WHERE region = 'eu'";
            }
            void D(SqliteConnection c, string dynamicSql) => c.Query(dynamicSql + " WHERE status = 1");
        }
        """;

    private static readonly string Snapshot = BuildSnapshot();

    private static string BuildSnapshot()
    {
        var s = TestSnapshots.FromSqlite("CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, region TEXT);");
        s.Tables.Single().RowEstimate = 100_000; // large enough for index advice
        return SnapshotSerializer.Write(s, SnapshotFlavor.Cache);
    }

    private static CSharpCompilation Compile() => TestCompilations.Create("Shared", Source);

    private static async Task<List<string>> Findings(bool concurrent, params DiagnosticAnalyzer[] analyzers)
    {
        var found = await TestCompilations.AnalyzerDiagnosticsAsync(Compile(), Snapshot, concurrent, analyzers);
        return found.Select(d => d.Id + "@" + d.Location.SourceSpan + ":" + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(x => x, StringComparer.Ordinal).ToList();
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Analyzers_together_report_exactly_what_each_reports_alone(bool concurrent)
    {
        var alone = new List<string>();
        alone.AddRange(await Findings(concurrent, new SqlDriftAnalyzer()));
        alone.AddRange(await Findings(concurrent, new QueryIndexAnalyzer()));
        alone.AddRange(await Findings(concurrent, new DapperResultAnalyzer()));
        alone.Sort(StringComparer.Ordinal);

        // Every kind of finding the sharing touches is present, so the comparison means something.
        Assert.That(alone.Select(f => f.Split('@')[0]).Distinct(), Is.SupersetOf(new[] { "DBDRIFT101", "DBDRIFT201", "DBIDX002", "DBDRIFT502" }));

        Assert.That(await Findings(concurrent, new SqlDriftAnalyzer(), new QueryIndexAnalyzer(), new DapperResultAnalyzer()), Is.EqualTo(alone));
        Assert.That(await Findings(concurrent, new DapperResultAnalyzer(), new QueryIndexAnalyzer(), new SqlDriftAnalyzer()), Is.EqualTo(alone));
    }

    [Test]
    public void A_parse_is_reused_and_a_full_cache_starts_over()
    {
        var reads = SharedSqlReads.For(Compile());
        var first = reads.Parse("SELECT id FROM orders", SqlDialect.Sqlite);
        Assert.That(reads.Parse("SELECT id FROM orders", SqlDialect.Sqlite), Is.SameAs(first));
        Assert.That(reads.Parse("SELECT id FROM orders", SqlDialect.PostgreSql), Is.Not.SameAs(first), "the dialect is part of the key");
        for (var i = 0; i < 5000; i++) reads.Parse("SELECT " + i, SqlDialect.Sqlite);
        var again = reads.Parse("SELECT id FROM orders", SqlDialect.Sqlite);
        Assert.That(again, Is.Not.SameAs(first), "bounded: old entries are dropped");
        Assert.That(again.Statements, Has.Count.EqualTo(first.Statements.Count));
    }

    [Test]
    public void A_bounded_cache_keeps_what_it_has_when_full()
    {
        var keep = new BoundedCache<int, string>(3);
        for (var i = 0; i < 4; i++) keep.Add(i, "v" + i);
        Assert.That(keep.TryGetValue(0, out _) && keep.TryGetValue(2, out _), Is.True);
        Assert.That(keep.TryGetValue(3, out _), Is.False, "full: stops adding");
        keep.Add(0, "other");
        Assert.That(keep.TryGetValue(0, out var kept) ? kept : null, Is.EqualTo("v0"), "an existing key keeps its value");
    }

    [Test]
    public void A_recent_cache_keeps_the_latest_entry_of_each_slot()
    {
        var recent = new RecentCache<int, string>(4);
        string Cached(int key) => recent.GetOrAdd(key, (_, _) => "missing", 0);
        Assert.That(recent.GetOrAdd(1, (k, _) => "v" + k, 0), Is.EqualTo("v1"));
        Assert.That(recent.GetOrAdd(1, (_, _) => "made again", 0), Is.EqualTo("v1"), "a hit does not make the value again");
        // 1 and 5 share a slot of four (int hashes are the values): the newer one replaces the older.
        Assert.That(recent.GetOrAdd(5, (k, _) => "v" + k, 0), Is.EqualTo("v5"));
        Assert.That(Cached(5), Is.EqualTo("v5"));
        Assert.That(recent.GetOrAdd(2, (k, _) => "v" + k, 0), Is.EqualTo("v2"));
        Assert.That(Cached(5), Is.EqualTo("v5"), "another slot is left alone");
        // Last: looking 1 up again takes its slot back from 5.
        Assert.That(Cached(1), Is.EqualTo("missing"), "replaced");
    }

    [Test]
    public void A_recent_cache_is_safe_to_share_between_threads()
    {
        var recent = new RecentCache<string, string>(8);
        var wrong = 0;
        System.Threading.Tasks.Parallel.For(0, 20000, i =>
        {
            var key = "k" + (i % 97);
            var value = recent.GetOrAdd(key, (k, _) => "v" + k, 0);
            if (value != "v" + key) System.Threading.Interlocked.Increment(ref wrong);
        });
        Assert.That(wrong, Is.Zero, "a lookup never returns another key's value");
    }
}
