using System.Diagnostics;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Robustness;

/// <summary>
/// The SQL reader and the snapshot reader must never throw and never hang, whatever they
/// are given. A short seeded run is part of every test run; `build/fuzz.sh` runs the
/// long mode (SCHEMADRIFT_FUZZ_CASES, at least 1,000,000 cases).
/// </summary>
[Category("Fuzz")]
public class FuzzTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("SCHEMADRIFT_FUZZ_CASES"), out var n) ? n : 3000;
    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("SCHEMADRIFT_FUZZ_SEED"), out var n) ? n : 20261123;

    /// <summary>A single input taking longer than this is a hang, not slowness (benchmarks measure speed).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(2);

    private static readonly string[] SqlSeeds =
    {
        "SELECT u.id, u.email FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total > @min ORDER BY u.email",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r",
        "INSERT INTO users (email, display_name) VALUES ('a@b', 'x') ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name RETURNING id",
        "UPDATE orders SET total = total * 1.1 FROM users WHERE users.id = orders.user_id AND users.email LIKE '%@x'",
        "DELETE FROM orders USING users WHERE orders.user_id = users.id AND users.id = $1",
        "SELECT count(*) FILTER (WHERE total > 10) OVER (PARTITION BY user_id ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM orders",
        "SELECT $$it's$$, E'\\n', 'a''b', \"Quoted Col\" FROM \"Users\" /* c */ -- x\n;SELECT 1",
        "SELECT `id` FROM `users` WHERE email = ? AND id IN (SELECT user_id FROM orders) # mysql",
        "INSERT INTO users SET email = 'x' ON DUPLICATE KEY UPDATE email = VALUES(email)",
        "SELECT [id], rowid FROM users WHERE email GLOB 'a*' AND :p IS NOT NULL LIMIT 5 OFFSET 2",
        "SELECT * FROM (SELECT id, email AS e FROM users) AS d(x, y) WHERE d.y IS DISTINCT FROM 'q'",
        "SELECT CASE WHEN total BETWEEN 1 AND 2 THEN 'a' ELSE CAST(total AS text) END, total::numeric(10,2) FROM orders",
    };

    private static readonly (string Name, SchemaIndex Index)[] Indexes =
    {
        ("sqlite", new SchemaIndex(TestSnapshots.FromSqlite("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, display_name TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total NUMERIC);"))),
        ("postgres", new SchemaIndex(TestSnapshots.Build(SqlProviders.Postgres, "public", "users(id int, email text, display_name text)", "orders(id int, user_id int, total numeric)", "\"Users\"(id int, \"Quoted Col\" text)"))),
        ("mysql", new SchemaIndex(TestSnapshots.Build(SqlProviders.MySql, "app", "users(id int, email varchar(100), display_name text)", "orders(id int, user_id int, total decimal(10,2))"))),
    };

    [Test]
    public void Sql_checker_never_throws_or_hangs_on_mutated_and_random_sql()
    {
        var fuzzer = new Fuzzer(Seed);
        var worst = TimeSpan.Zero;
        var worstInput = "";
        var findings = 0;
        var clock = new Stopwatch();
        for (var i = 0; i < Cases; i++)
        {
            var sql = i % 5 == 4 ? fuzzer.Random(400) : fuzzer.Mutate(fuzzer.Pick(SqlSeeds));
            foreach (var (_, index) in Indexes)
            {
                clock.Restart();
                SqlCheckResult result;
                try
                {
                    result = SqlChecker.Check(sql, index);
                }
                catch (Exception ex)
                {
                    Assert.Fail("case " + i + " threw " + ex + "\ninput: " + Printable(sql));
                    return;
                }
                clock.Stop();
                findings += result.Findings.Count;
                foreach (var f in result.Findings)
                {
                    Assert.That(f.Start >= 0 && f.Length > 0 && f.Start + f.Length <= sql.Length, "finding outside the text in case " + i + ": " + Printable(sql));
                }
                if (clock.Elapsed > worst)
                {
                    worst = clock.Elapsed;
                    worstInput = sql;
                }
            }
        }
        TestContext.Out.WriteLine($"SQL fuzz: {Cases} cases x {Indexes.Length} dialects, {findings} findings, slowest {worst.TotalMilliseconds:F1} ms ({worstInput.Length} chars)");
        Assert.That(worst, Is.LessThan(HangLimit), "slowest input: " + Printable(worstInput));
    }

    [Test]
    public void Deep_nesting_and_huge_inputs_are_bounded()
    {
        foreach (var (_, index) in Indexes)
        {
            var deep = new string('(', 100_000) + "SELECT 1" + new string(')', 100_000);
            Assert.DoesNotThrow(() => SqlChecker.Check(deep, index));
            var deepExpr = "SELECT " + string.Concat(Enumerable.Repeat("-(", 50_000)) + "1" + new string(')', 50_000) + " FROM users";
            Assert.DoesNotThrow(() => SqlChecker.Check(deepExpr, index));
            var wide = "SELECT " + string.Join(", ", Enumerable.Range(0, 20_000).Select(i => "id")) + " FROM users";
            Assert.That(SqlChecker.Check(wide, index).Findings, Is.Empty);
            var many = string.Concat(Enumerable.Repeat("SELECT nope FROM users;", 2_000));
            Assert.That(SqlChecker.Check(many, index).Findings, Has.Count.EqualTo(2_000));
        }
    }

    [Test]
    public void Snapshot_reader_never_throws_on_mutated_truncated_or_random_json()
    {
        var valid = TestSnapshots.SqliteJson("""
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, display_name TEXT DEFAULT 'x');
            CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), total NUMERIC CHECK (total > 0));
            CREATE INDEX ix ON orders(user_id) WHERE total > 1;
            CREATE VIEW v AS SELECT id FROM users;
            """);
        var fuzzer = new Fuzzer(Seed + 1);
        var readable = 0;
        for (var i = 0; i < Cases; i++)
        {
            var json = i % 7 == 6 ? fuzzer.Random(300) : fuzzer.Mutate(valid);
            SnapshotReadResult result;
            try
            {
                result = SnapshotSerializer.Read(json);
                if (result.Snapshot != null)
                {
                    readable++;
                    // Whatever was read must be usable by the analyzers without throwing.
                    var index = new SchemaIndex(result.Snapshot);
                    SqlChecker.Check(fuzzer.Pick(SqlSeeds), index);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail("case " + i + " threw " + ex + "\ninput: " + Printable(json));
                return;
            }
            if (result.Snapshot == null)
            {
                Assert.That(result.Message, Is.Not.Null.And.Not.Empty, "every failure says why");
            }
        }
        TestContext.Out.WriteLine($"Snapshot fuzz: {Cases} cases, {readable} still readable, {Cases - readable} rejected with a message");
    }

    [Test]
    public void Snapshot_reader_bounds_nesting_depth()
    {
        var deep = new string('[', 1_000_000) + new string(']', 1_000_000);
        var result = SnapshotSerializer.Read(deep);
        Assert.That(result.Success, Is.False);
        Assert.That(result.Message, Does.Contain("nesting"));
    }

    private static string Printable(string s) =>
        string.Concat(s.Take(500).Select(c => c < 32 || c > 126 ? "\\u" + ((int)c).ToString("x4") : c.ToString()));
}
