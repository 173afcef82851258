using System.Diagnostics;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Commands;
using SchemaDrift.Tool.Connections;

namespace SchemaDrift.Tests.Robustness;

/// <summary>
/// Faults injected against real servers while the build's introspection runs: the connection
/// dropped half way, a catalog lock held by someone else, a user who may not read the catalogs.
/// Each must end in one clear DBDRIFT000, bounded time, the last good snapshot intact.
/// </summary>
[Category("Database")]
[NonParallelizable]
public class DatabaseFaultTests
{
    private string _dir = null!;

    private string CachePath => Path.Combine(_dir, "obj", "schemadrift", "snapshot.json");

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sd-faults-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, true);

    private (string Output, TimeSpan Took) Introspect(string connectionString, int timeout = 3)
    {
        var previous = Environment.GetEnvironmentVariable(ConnectionResolver.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, connectionString);
        try
        {
            var output = new StringWriter();
            var clock = Stopwatch.StartNew();
            var options = ToolOptions.Parse(new[] { "introspect", "--project-dir", _dir, "--cache", "obj/schemadrift/snapshot.json", "--timeout", timeout.ToString() });
            var exit = new IntrospectCommand(options, new Reporter(output)).RunAsync().GetAwaiter().GetResult();
            Assert.That(exit, Is.EqualTo(0), "introspection never fails the build: " + output);
            return (output.ToString(), clock.Elapsed);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, previous);
        }
    }

    private static string ThroughProxy(TestDatabase db, int port) => db.Provider == SqlProviders.Postgres
        ? new NpgsqlConnectionStringBuilder(db.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString
        : new MySqlConnectionStringBuilder(db.ConnectionString) { Server = "127.0.0.1", Port = (uint)port }.ConnectionString;

    private static (string Host, int Port) ServerOf(TestDatabase db) => db.Provider == SqlProviders.Postgres
        ? (new NpgsqlConnectionStringBuilder(db.ConnectionString).Host!, new NpgsqlConnectionStringBuilder(db.ConnectionString).Port)
        : (new MySqlConnectionStringBuilder(db.ConnectionString).Server, (int)new MySqlConnectionStringBuilder(db.ConnectionString).Port);

    [TestCase(SqlProviders.Postgres)]
    [TestCase(SqlProviders.MySql)]
    public async Task Connection_dropped_in_the_middle_of_introspection_keeps_the_last_good_snapshot(string provider)
    {
        var ddl = string.Concat(Enumerable.Range(0, 60).Select(i => $"CREATE TABLE t{i} (id int PRIMARY KEY, a varchar(50), b varchar(50), c int);"));
        await using var db = await TestDatabase.CreateAsync(provider, ddl);
        var (host, port) = ServerOf(db);
        using var proxy = new CuttingProxy(host, port);

        var good = Introspect(ThroughProxy(db, proxy.Port));
        Assert.That(good.Output, Does.Contain("snapshot refreshed"), good.Output);
        var fullReadBytes = proxy.BytesFromServer;
        var lastGood = File.ReadAllText(CachePath);

        // The schema changes, so the next build must read everything: cut the line half way through.
        await db.ExecuteAsync("CREATE TABLE added_later (id int PRIMARY KEY)");
        proxy.ResetCount();
        proxy.CutAfter = fullReadBytes / 2;
        var cut = Introspect(ThroughProxy(db, proxy.Port));

        Assert.That(cut.Output, Does.Contain("schemadrift:warning:DBDRIFT000:").And.Contain("last good snapshot"), cut.Output);
        Assert.That(cut.Output.Split('\n').Count(l => l.StartsWith("schemadrift:warning:", StringComparison.Ordinal)), Is.EqualTo(1), "one notice");
        Assert.That(cut.Output, Does.Not.Contain(db.Password));
        Assert.That(File.ReadAllText(CachePath), Is.EqualTo(lastGood), "the cached snapshot is untouched");
        Assert.That(cut.Took, Is.LessThan(TimeSpan.FromSeconds(3 * 6 + 10)), "bounded by the timeout");

        proxy.CutAfter = null;
        var recovered = Introspect(ThroughProxy(db, proxy.Port));
        Assert.That(recovered.Output, Does.Contain("snapshot refreshed"), recovered.Output);
        Assert.That(SnapshotSerializer.Read(File.ReadAllText(CachePath)).Snapshot!.Tables.Any(t => t.Name == "added_later"));
    }

    [Test]
    public async Task A_lock_held_on_the_catalog_ends_in_a_notice_within_the_timeout()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres, "CREATE TABLE t (id int PRIMARY KEY);");
        Introspect(db.ConnectionString);
        var lastGood = File.ReadAllText(CachePath);
        await db.ExecuteAsync("CREATE TABLE t2 (id int PRIMARY KEY)");

        await using var locker = new NpgsqlConnection(db.ConnectionString);
        await locker.OpenAsync();
        await using var tx = await locker.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("LOCK TABLE pg_catalog.pg_class IN ACCESS EXCLUSIVE MODE", locker, tx))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        var blocked = Introspect(db.ConnectionString, timeout: 2);
        await tx.RollbackAsync();

        Assert.That(blocked.Output, Does.Contain("DBDRIFT000").And.Contain("last good snapshot"), blocked.Output);
        Assert.That(blocked.Took, Is.LessThan(TimeSpan.FromSeconds(2 * 6 + 10)));
        Assert.That(File.ReadAllText(CachePath), Is.EqualTo(lastGood));
    }

    [Test]
    public async Task A_user_who_may_not_read_the_catalogs_gets_a_clear_notice()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres, "CREATE TABLE t (id int PRIMARY KEY);");
        var user = "sd_norights_" + Guid.NewGuid().ToString("N")[..8];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        await db.ExecuteAsync($"CREATE ROLE {user} LOGIN PASSWORD '{password}'; REVOKE SELECT ON pg_catalog.pg_proc FROM PUBLIC;");
        try
        {
            var limited = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = user, Password = password }.ConnectionString;
            var result = Introspect(limited);
            Assert.That(result.Output, Does.Contain("DBDRIFT000"), result.Output);
            Assert.That(result.Output, Does.Contain("permission").IgnoreCase.Or.Contain("privilege").IgnoreCase, result.Output);
            Assert.That(result.Output, Does.Not.Contain(password));
            Assert.That(File.Exists(CachePath), Is.False, "no half snapshot is written");
        }
        finally
        {
            await db.ExecuteAsync($"GRANT SELECT ON pg_catalog.pg_proc TO PUBLIC; DROP OWNED BY {user}; DROP ROLE {user};");
        }
    }
}
