using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Commands;
using SchemaDrift.Tool.Connections;

namespace SchemaDrift.Tests.Audit;

/// <summary>The `audit` command as the targets run it: output protocol, files, in-build reuse, fallback to a snapshot, no secrets.</summary>
public class AuditCommandTests
{
    private string _dir = null!;

    private const string Ddl = """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE audit_log (message TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
        """;

    [SetUp]
    public void CreateProject()
    {
        _dir = Path.Combine(Path.GetTempPath(), "schemadrift-audit-cmd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        using (var c = new SqliteConnection("Data Source=" + Path.Combine(_dir, "app.db") + ";Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = Ddl;
            cmd.ExecuteNonQuery();
        }
        File.WriteAllText(Path.Combine(_dir, "appsettings.json"), """{ "ConnectionStrings": { "Default": "Data Source=app.db" } }""");
    }

    [TearDown]
    public void DeleteProject()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<(int Exit, string Output)> RunAsync(string command, params string[] extra)
    {
        var args = new List<string> { command, "--project-dir", _dir, "--provider", "sqlite" };
        args.AddRange(extra);
        var output = new StringWriter();
        var options = ToolOptions.Parse(args.ToArray());
        var reporter = new Reporter(output);
        var exit = command switch
        {
            "audit" => await new AuditCommand(options, reporter).RunAsync(),
            "introspect" => await new IntrospectCommand(options, reporter).RunAsync(),
            _ => throw new ArgumentException(command),
        };
        return (exit, output.ToString());
    }

    private string AuditFilePath => Path.Combine(_dir, "obj", "schemadrift", "audit.json");

    [Test]
    public async Task The_target_prints_the_tables_and_writes_the_findings_and_a_report_pair()
    {
        var (exit, output) = await RunAsync("audit", "--connection-name", "Default", "--audit-file", "obj/schemadrift/audit.json", "--report-dir", ".db-reports");

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("schemadrift:text::| DB-SCHEMA-001 | Warning | audit_log | Table has no primary key"));
        Assert.That(output, Does.Contain("schemadrift:text::| Schema Issues | "));
        Assert.That(output, Does.Contain("schemadrift:text::SchemaDrift audit of app.db: "));
        var findings = AuditFile.ReadFindings(File.ReadAllText(AuditFilePath), out var problem);
        Assert.That(problem, Is.Null);
        Assert.That(findings.Select(f => f.Id + " " + f.Object), Does.Contain("DBSCHEMA001 audit_log"));
        var reports = Directory.GetFiles(Path.Combine(_dir, ".db-reports")).Select(Path.GetFileName).OrderBy(n => n).ToList();
        Assert.That(reports, Has.Count.EqualTo(2));
        Assert.That(reports[0], Does.Match(@"^audit-\d{8}-\d{6}\.json$"));
        Assert.That(reports[1], Does.Match(@"^audit-\d{8}-\d{6}\.md$"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, ".db-reports", reports[1]!)), Does.StartWith("# Database Audit Report: "));
    }

    [Test]
    public async Task In_a_build_an_unchanged_schema_reuses_the_findings()
    {
        var introspect = await RunAsync("introspect", "--connection-name", "Default", "--cache", "obj/schemadrift/snapshot.json");
        Assert.That(introspect.Exit, Is.EqualTo(0), introspect.Output);
        var inBuild = new[] { "--connection-name", "Default", "--audit-file", "obj/schemadrift/audit.json", "--cache", "obj/schemadrift/snapshot.json", "--in-build", "true", "--report-dir", ".db-reports" };

        var first = await RunAsync("audit", inBuild);
        Assert.That(first.Output, Does.Contain("schemadrift:info::SchemaDrift audit of app.db: "), first.Output);
        Assert.That(first.Output, Does.Not.Contain("text::"), "a build prints a summary line, not the tables");
        Assert.That(Directory.Exists(Path.Combine(_dir, ".db-reports")), Is.False, "a build writes no report pair");
        var written = File.GetLastWriteTimeUtc(AuditFilePath);

        var second = await RunAsync("audit", inBuild);
        Assert.That(second.Output, Does.Contain("reused"), second.Output);
        Assert.That(File.GetLastWriteTimeUtc(AuditFilePath), Is.EqualTo(written));

        var resettled = await RunAsync("audit", inBuild.Concat(new[] { "--wide-columns", "30" }).ToArray());
        Assert.That(resettled.Output, Does.Contain("SchemaDrift audit of app.db"), "other settings audit again");

        var changed = await RunAsync("audit", inBuild.Concat(new[] { "--ttl", "0" }).ToArray());
        Assert.That(changed.Output, Does.Contain("SchemaDrift audit of app.db"), "a TTL of 0 always audits");
    }

    [Test]
    public async Task Without_a_database_the_snapshot_is_audited_and_the_live_checks_are_listed_as_not_run()
    {
        var introspect = await RunAsync("introspect", "--connection-name", "Default", "--cache", "obj/schemadrift/snapshot.json");
        Assert.That(introspect.Exit, Is.EqualTo(0), introspect.Output);
        File.Delete(Path.Combine(_dir, "appsettings.json"));

        var (exit, output) = await RunAsync("audit", "--connection-name", "Default", "--audit-file", "obj/schemadrift/audit.json", "--cache", "obj/schemadrift/snapshot.json");

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("schemadrift:warning:DBDRIFT000:SchemaDrift audit: no connection string is configured; audited the snapshot"));
        var json = File.ReadAllText(AuditFilePath);
        Assert.That(AuditFile.ReadHeader(json, out _)!.GetBool("live"), Is.False);
        Assert.That(json, Does.Contain("DBINT001"), "the skipped live checks are listed");
        Assert.That(AuditFile.ReadFindings(json, out _).Select(f => f.Id), Does.Contain("DBSCHEMA001"));
    }

    [Test]
    public async Task Nothing_to_audit_is_an_error_for_the_target_and_a_warning_in_a_build()
    {
        File.Delete(Path.Combine(_dir, "appsettings.json"));
        var target = await RunAsync("audit", "--connection-name", "Default");
        Assert.That(target.Exit, Is.EqualTo(1));
        Assert.That(target.Output, Does.Contain("schemadrift:error:DBDRIFT000:SchemaDrift audit did not run"));
        var build = await RunAsync("audit", "--connection-name", "Default", "--in-build", "true");
        Assert.That(build.Exit, Is.EqualTo(0));
        Assert.That(build.Output, Does.Contain("schemadrift:warning:DBDRIFT000:SchemaDrift audit did not run"));
    }

    [Test]
    [Category("Database")]
    public async Task No_password_reaches_the_output_or_the_files()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres, "CREATE TABLE t (x int);");
        Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, db.ConnectionString);
        try
        {
            var args = new[] { "audit", "--project-dir", _dir, "--provider", "postgres", "--audit-file", "obj/schemadrift/audit.json", "--report-dir", ".db-reports" };
            var output = new StringWriter();
            var exit = await new AuditCommand(ToolOptions.Parse(args), new Reporter(output)).RunAsync();
            Assert.That(exit, Is.EqualTo(0), output.ToString());
            Assert.That(output.ToString(), Does.Contain("DB-SCHEMA-001"));
            var everything = output + string.Concat(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db")).Select(File.ReadAllText));
            Assert.That(everything, Does.Not.Contain(db.Password));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, null);
        }
    }
}
