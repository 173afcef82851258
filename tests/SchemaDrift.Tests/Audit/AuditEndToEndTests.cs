using SchemaDrift.Tests.EndToEnd;

namespace SchemaDrift.Tests.Audit;

/// <summary>
/// The audit through the packed package: the SchemaDriftAudit target, and findings as build
/// diagnostics with SchemaDriftAuditInBuild, whose severity .editorconfig sets.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable]
public class AuditEndToEndTests
{
    private const string Schema = """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE audit_log (message TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
        """;

    private const string Source = """
        using Dapper;
        using Microsoft.Data.Sqlite;

        namespace Consumer;

        public static class Queries
        {
            public static IEnumerable<string> Emails(SqliteConnection c) => c.Query<string>("SELECT email FROM users");
        }
        """;

    private static ConsumerProject Consumer(string extraProperties = "") =>
        new ConsumerProject("AuditConsumer", extraProperties: "<SchemaDriftConnectionString>Data Source=app.db</SchemaDriftConnectionString>" + extraProperties)
            .WithSqliteDatabase("app.db", Schema)
            .WithSource("Queries.cs", Source);

    [Test]
    public void The_audit_target_prints_the_tables_and_writes_the_report_pair()
    {
        using var project = Consumer();
        var build = project.Build("-t:SchemaDriftAudit");

        Assert.That(build.Succeeded, build.ToString());
        Assert.That(build.Output, Does.Contain("| DB-SCHEMA-001 | Warning | audit_log | Table has no primary key"), build.ToString());
        Assert.That(build.Output, Does.Contain("SchemaDrift audit of app.db:"), build.ToString());
        var reports = Directory.GetFiles(project.PathOf(".db-reports"), "audit-*").Select(Path.GetFileName).ToList();
        Assert.That(reports.Count(r => r!.EndsWith(".md")), Is.EqualTo(1), string.Join(", ", reports));
        Assert.That(reports.Count(r => r!.EndsWith(".json")), Is.EqualTo(1), string.Join(", ", reports));
        Assert.That(build.Diagnostics.Where(d => d.Id == "DBSCHEMA001"), Is.Empty, "the target reports; diagnostics are for SchemaDriftAuditInBuild");
    }

    [Test]
    public void In_build_findings_are_diagnostics_whose_severity_editorconfig_sets()
    {
        using var project = Consumer("<SchemaDriftAuditInBuild>true</SchemaDriftAuditInBuild>");
        var build = project.Build();
        Assert.That(build.Succeeded, build.ToString());
        Assert.That(build.LoadOrCrashProblems, Is.Empty, build.ToString());
        var finding = build.Diagnostics.SingleOrDefault(d => d.Id == "DBSCHEMA001");
        Assert.That(finding, Is.Not.Null, build.ToString());
        Assert.That(finding!.File, Is.EqualTo("audit.json"));
        Assert.That(finding.Severity, Is.EqualTo("warning"));
        Assert.That(finding.Message, Does.StartWith("audit_log: Table has no primary key"));

        File.WriteAllText(project.PathOf(".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.DBSCHEMA001.severity = error\n");
        var strict = project.Build();
        Assert.That(strict.Succeeded, Is.False, strict.ToString());
        Assert.That(strict.Diagnostics.Single(d => d.Id == "DBSCHEMA001").Severity, Is.EqualTo("error"), strict.ToString());

        File.WriteAllText(project.PathOf(".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.DBSCHEMA001.severity = none\n");
        var quiet = project.Build();
        Assert.That(quiet.Succeeded, quiet.ToString());
        Assert.That(quiet.Diagnostics.Where(d => d.Id == "DBSCHEMA001"), Is.Empty, quiet.ToString());
    }
}
