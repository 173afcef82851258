using System.IO.Compression;
using System.Runtime.InteropServices;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using SchemaDrift.Tests.Tool;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// The package's ahead-of-time compiled tool (tools/native/linux-x64/): builds on such a
/// machine run it instead of `dotnet SchemaDrift.Tool.dll`; it writes the same snapshots as
/// the framework-dependent tool; and when it cannot run, the build falls back to that tool.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class NativeToolEndToEndTests
{
    private const string NativeEntry = "tools/native/linux-x64/SchemaDrift.Tool";
    private const string SqliteEntry = "tools/native/linux-x64/libe_sqlite3.so";

    private const string Ddl = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email VARCHAR(120) NOT NULL UNIQUE,
            display_name TEXT DEFAULT 'anon',
            CONSTRAINT email_has_at CHECK (instr(email, '@') > 0)
        );
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('new', 'paid')),
            total REAL,
            total_with_tax REAL GENERATED ALWAYS AS (total * 1.2) VIRTUAL
        );
        CREATE INDEX ix_orders_user ON orders (user_id, status DESC) WHERE status <> 'paid';
        CREATE TABLE "Order Lines" ("line id" INTEGER, "order" INTEGER REFERENCES orders, PRIMARY KEY ("line id", "order")) WITHOUT ROWID;
        CREATE VIEW paid_orders AS SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = 'paid';
        CREATE TRIGGER orders_audit AFTER UPDATE OF status ON orders BEGIN SELECT 1; END;
        """;

    private static bool IsLinuxX64 => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64;

    private string _tools = "";

    [OneTimeSetUp]
    public void ExtractTools()
    {
        if (!IsLinuxX64) Assert.Ignore("build/pack.sh compiles the native tool on Linux x64 only.");
        _tools = Path.Combine(Path.GetTempPath(), "schemadrift-e2e", "native-" + Guid.NewGuid().ToString("N")[..8]);
        using var zip = ZipFile.OpenRead(TestPackage.File);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name.Length > 0))
        {
            var target = Path.Combine(_tools, entry.FullName);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
        }
    }

    [OneTimeTearDown]
    public void DeleteTools()
    {
        if (_tools.Length > 0 && Directory.Exists(_tools)) Directory.Delete(_tools, recursive: true);
    }

    [Test]
    public void The_package_carries_the_native_tool_and_a_build_runs_it()
    {
        using (var zip = ZipFile.OpenRead(TestPackage.File))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.That(names, Does.Contain(NativeEntry).And.Contain(SqliteEntry));
            Assert.That(names.Where(n => n.StartsWith("tools/native/", StringComparison.Ordinal) && (n.EndsWith(".dbg", StringComparison.Ordinal) || n.EndsWith(".pdb", StringComparison.Ordinal))), Is.Empty, "no debug symbols shipped");
        }

        using var project = SqliteConsumer();
        var build = project.Build("-v:d");
        Assert.That(build.Output, Does.Contain("SchemaDrift: running ").And.Contain(NativeEntry + " introspect"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("SchemaDrift.Tool.dll introspect"));
        Assert.That(build.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }), build.ToString());
    }

    [Test]
    public void SchemaDriftUseNativeTool_false_runs_the_framework_dependent_tool()
    {
        using var project = SqliteConsumer();
        var build = project.Build("-v:d", "-p:SchemaDriftUseNativeTool=false");
        Assert.That(build.Output, Does.Contain("tools/net8.0/any/SchemaDrift.Tool.dll introspect"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain(NativeEntry + " introspect"));
        Assert.That(build.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }), build.ToString());
    }

    [Test]
    public void A_SchemaDriftToolPath_of_your_own_runs_instead_of_the_native_tool()
    {
        using var project = SqliteConsumer();
        var own = Path.Combine(_tools, "tools/net8.0/any/SchemaDrift.Tool.dll");
        var build = project.Build("-v:d", "-p:SchemaDriftToolPath=" + own);
        Assert.That(build.Output, Does.Contain("SchemaDrift: running " + own + " introspect"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain(NativeEntry + " introspect"));
        Assert.That(build.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }), build.ToString());
    }

    [Test]
    public void A_native_tool_without_its_execute_bit_is_made_executable()
    {
        using var project = SqliteConsumer();
        var copy = project.PathOf("native/SchemaDrift.Tool");
        Directory.CreateDirectory(project.PathOf("native"));
        File.Copy(Path.Combine(_tools, NativeEntry), copy);
        File.Copy(Path.Combine(_tools, SqliteEntry), project.PathOf("native/libe_sqlite3.so"));
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var build = project.Build("-v:d", "-p:SchemaDriftNativeToolPath=" + copy);
        Assert.That(build.Output, Does.Contain("SchemaDrift: running " + copy + " introspect"), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("using the framework-dependent tool"), build.ToString());
        Assert.That(build.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }), build.ToString());
        Assert.That(File.GetUnixFileMode(copy) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
    }

    [TestCase("not an executable at all", "did not start")]
    [TestCase("#!/bin/sh\necho 'version GLIBC_9.99 not found' >&2\nexit 1\n", "failed to start")]
    public void A_native_tool_that_cannot_run_falls_back_to_the_framework_dependent_tool(string content, string reason)
    {
        using var project = SqliteConsumer();
        var broken = project.PathOf("broken-tool");
        File.WriteAllText(broken, content);
        File.SetUnixFileMode(broken, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var build = project.Build("-v:d", "-p:SchemaDriftNativeToolPath=" + broken);
        Assert.That(build.Output, Does.Contain("the native tool " + reason).And.Contain("using the framework-dependent tool"), build.ToString());
        Assert.That(build.Output, Does.Contain("tools/net8.0/any/SchemaDrift.Tool.dll introspect"), build.ToString());
        Assert.That(build.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }), build.ToString());
        Assert.That(build.Output, Does.Not.Contain("DBDRIFT000"), "the fallback is silent at normal verbosity: " + build);
    }

    [Test]
    public void Native_and_framework_dependent_tools_write_the_same_sqlite_snapshot()
    {
        var dir = Path.Combine(_tools, "sqlite-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "app.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + db + ";Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = Ddl;
            cmd.ExecuteNonQuery();
        }
        AssertSameSnapshot("sqlite", "Data Source=" + db, dir, minimumTables: 4);
    }

    [Test]
    [Category("Database")]
    public async Task Native_and_framework_dependent_tools_write_the_same_postgres_snapshot()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres, PostgresTestSchema.Sql.Replace("{role}", "PUBLIC"));
        AssertSameSnapshot("postgres", db.ConnectionString, _tools, minimumTables: 10);
    }

    [Test]
    [Category("Database")]
    public async Task Native_and_framework_dependent_tools_write_the_same_mysql_snapshot()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.MySql, MySqlTestSchema.Sql);
        AssertSameSnapshot("mysql", db.ConnectionString, _tools, minimumTables: 10);
    }

    private void AssertSameSnapshot(string provider, string connectionString, string workDir, int minimumTables)
    {
        var env = new Dictionary<string, string?> { ["SCHEMADRIFT_CONNECTION"] = connectionString };
        var nativeFile = Path.Combine(workDir, provider + "-native.json");
        var jitFile = Path.Combine(workDir, provider + "-jit.json");
        var native = Path.Combine(_tools, NativeEntry);
        File.SetUnixFileMode(native, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var a = ProcessRunner.Run(native, new[] { "snapshot", "--project-dir", workDir, "--provider", provider, "--committed", nativeFile }, workDir, env, TimeSpan.FromMinutes(2));
        var b = ProcessRunner.Run("dotnet", new[] { Path.Combine(_tools, "tools/net8.0/any/SchemaDrift.Tool.dll"), "snapshot", "--project-dir", workDir, "--provider", provider, "--committed", jitFile }, workDir, env, TimeSpan.FromMinutes(2));
        Assert.That((a.ExitCode, b.ExitCode), Is.EqualTo((0, 0)), a + "\n---\n" + b);

        var nativeText = File.ReadAllText(nativeFile);
        Assert.That(nativeText, Is.EqualTo(File.ReadAllText(jitFile)), "byte-identical snapshots");
        var read = SnapshotSerializer.Read(nativeText);
        Assert.That(read.Snapshot, Is.Not.Null, read.Message);
        Assert.That(read.Snapshot!.Tables.Count, Is.GreaterThanOrEqualTo(minimumTables));
    }

    private static ConsumerProject SqliteConsumer() => PackageEndToEndTests.SqliteConsumer(PackageEndToEndTests.DriftedQuery);
}
