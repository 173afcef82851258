using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// The product as users get it: the packed .nupkg, referenced from a local feed by a
/// consumer project, built with `dotnet build`, its warnings read from the output.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable]
public class PackageEndToEndTests
{
    private const string Schema = """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), total NUMERIC);
        """;

    private const string GoodQuery = "SELECT email FROM users WHERE id > @id";
    internal const string DriftedQuery = "SELECT nickname FROM users";

    private static string Source(string second) => $$"""
        using Dapper;
        using Microsoft.Data.Sqlite;

        namespace Consumer;

        public static class Queries
        {
            public static IEnumerable<string> Emails(SqliteConnection c) =>
                c.Query<string>("{{GoodQuery}}", new { id = 0 });

            public static IEnumerable<string> Second(SqliteConnection c) =>
                c.Query<string>("{{second}}");
        }
        """;

    private static (int Line, int Column) Locate(string source, string text)
    {
        var index = source.IndexOf(text, StringComparison.Ordinal);
        var before = source[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    /// <summary>A consumer on a SQLite file whose second query is <paramref name="query"/>.</summary>
    internal static ConsumerProject SqliteConsumer(string query, string extraProperties = "") =>
        new ConsumerProject(extraProperties: "<SchemaDriftConnectionString>Data Source=app.db</SchemaDriftConnectionString>" + extraProperties)
            .WithSqliteDatabase("app.db", Schema)
            .WithSource("Queries.cs", Source(query));

    [Test]
    public void Drifted_query_warns_on_the_identifier_and_a_correct_one_is_silent()
    {
        using var project = SqliteConsumer(DriftedQuery);
        var build = project.Build();

        Assert.That(build.Succeeded, build.ToString());
        Assert.That(build.LoadOrCrashProblems, Is.Empty, build.ToString());
        var (line, column) = Locate(Source(DriftedQuery), "nickname");
        Assert.That(build.Drift, Is.EqualTo(new[]
        {
            new BuildDiagnostic("Queries.cs", line, column, "warning", "DBDRIFT201", "Column 'nickname' does not exist in table 'users'"),
        }), build.ToString());
    }

    [Test]
    public void Correct_queries_build_clean_even_with_warnings_as_errors()
    {
        using var project = SqliteConsumer("SELECT display_name FROM users");
        var build = project.Build("-warnaserror");
        Assert.That(build.Succeeded, build.ToString());
        Assert.That(build.Drift, Is.Empty, build.ToString());
    }

    [TestCase("-warnaserror")]
    [TestCase("-p:WarningsAsErrors=DBDRIFT201")]
    public void Drift_fails_a_build_with_warnings_as_errors(string flag)
    {
        using var project = SqliteConsumer(DriftedQuery);
        var build = project.Build(flag);
        Assert.That(build.Succeeded, Is.False, build.ToString());
        Assert.That(build.Drift.Select(d => (d.Severity, d.Id)), Does.Contain(("error", "DBDRIFT201")), build.ToString());
    }

    [Test]
    public void Unchanged_database_is_not_introspected_again_and_a_schema_change_is_seen()
    {
        using var project = SqliteConsumer(DriftedQuery);
        var first = project.Build("-v:d");
        Assert.That(first.Output, Does.Contain("snapshot refreshed").And.Contain("SchemaDrift: running "), first.ToString());

        var second = project.Build("-v:d");
        Assert.That(second.Output, Does.Contain("database file unchanged since the last build"), second.ToString());
        Assert.That(second.Output, Does.Not.Contain("SchemaDrift: running "), "the tool was not started: " + second);

        // The database gains the column: the next build notices and the warning goes away.
        project.ExecuteSqlite("app.db", "ALTER TABLE users ADD COLUMN nickname TEXT;");
        var third = project.Build();
        Assert.That(third.Succeeded, third.ToString());
        Assert.That(third.Drift, Is.Empty, third.ToString());
    }

    [Test]
    public void Offline_mode_checks_against_the_committed_snapshot_without_a_database()
    {
        using var project = SqliteConsumer(DriftedQuery);
        var snapshot = project.Run("build", new[] { "-t:SchemaDriftSnapshot" });
        Assert.That(snapshot.Succeeded, snapshot.ToString());
        var committed = File.ReadAllText(project.PathOf("schema.snapshot.json"));
        Assert.That(committed, Does.Contain("\"display_name\"").And.Not.Contain("capturedAtUtc").And.Not.Contain("app.db"));

        // Writing it again from an unchanged database gives the same bytes.
        project.Run("build", new[] { "-t:SchemaDriftSnapshot" });
        Assert.That(File.ReadAllText(project.PathOf("schema.snapshot.json")), Is.EqualTo(committed));

        File.Delete(project.PathOf("app.db"));
        var build = project.Build("-p:SchemaDriftMode=offline");
        Assert.That(build.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }), build.ToString());
    }

    [Test]
    public void Unreachable_database_falls_back_to_the_last_good_snapshot_with_one_notice()
    {
        using var project = SqliteConsumer(DriftedQuery);
        Assert.That(project.Build().Succeeded);
        File.Delete(project.PathOf("app.db"));
        File.AppendAllText(project.PathOf("Queries.cs"), "\n// edited\n");

        var build = project.Build();
        Assert.That(build.Succeeded, build.ToString());
        var notices = build.Drift.Where(d => d.Id == "DBDRIFT000").ToList();
        Assert.That(notices, Has.Count.EqualTo(1), build.ToString());
        Assert.That(notices[0].Message, Does.Contain("does not exist").And.Contain("last good snapshot"));
        Assert.That(build.Drift.Count(d => d.Id == "DBDRIFT201"), Is.EqualTo(1), build.ToString());
    }

    [Test]
    public void No_connection_and_no_snapshot_says_what_to_do()
    {
        using var project = new ConsumerProject().WithSource("Queries.cs", Source(DriftedQuery));
        var build = project.Build();
        Assert.That(build.Succeeded, build.ToString());
        var notice = build.Drift.Single();
        Assert.That(notice.Id, Is.EqualTo("DBDRIFT000"));
        Assert.That(notice.Message, Does.Contain("SchemaDriftConnectionString").And.Contain("SchemaDriftSnapshot"));
    }

    [Test]
    public void Assess_prints_the_stack_summary_and_schema_counts()
    {
        using var project = SqliteConsumer(DriftedQuery);
        var assess = project.Run("build", new[] { "-t:SchemaDriftAssess" });
        Assert.That(assess.Succeeded, assess.ToString());
        Assert.That(assess.Output, Does.Contain("| Provider | SQLite | HIGH | connection string names a SQLite database file (app.db) |"), assess.ToString());
        Assert.That(assess.Output, Does.Contain("| Data access | Dapper | HIGH | package references Dapper |"));
        Assert.That(assess.Output, Does.Contain("| Connection | MSBuild property SchemaDriftConnectionString | HIGH |"));
        Assert.That(assess.Output, Does.Contain("| Push method | SchemaDriftPush (staged SQL migrations) | MEDIUM |"));
        Assert.That(assess.Output, Does.Contain("| Tables | 2 |"));
        Assert.That(assess.Output, Does.Contain("| Foreign keys | 1 |"));
    }

    [Test]
    public void A_committed_snapshot_that_differs_from_the_live_database_is_reported_as_stale()
    {
        using var project = SqliteConsumer(GoodQuery);
        Assert.That(project.Run("build", new[] { "-t:SchemaDriftSnapshot" }).Succeeded);
        project.ExecuteSqlite("app.db", "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");

        var build = project.Build();
        var notice = build.Drift.Single(d => d.Id == "DBDRIFT000");
        Assert.That(notice.Message, Does.Contain("is stale").And.Contain("new: invoices").And.Contain("SchemaDriftSnapshot"), build.ToString());

        Assert.That(project.Run("build", new[] { "-t:SchemaDriftSnapshot" }).Succeeded);
        Assert.That(project.Build().Drift, Is.Empty, "refreshed snapshot: no notice");
    }

    [Test]
    public void Package_is_a_development_dependency_with_analyzers_build_files_and_the_tool()
    {
        using var zip = ZipFile.OpenRead(TestPackage.File);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.That(names, Does.Contain("analyzers/dotnet/cs/SchemaDrift.Analyzers.dll"));
        Assert.That(names, Does.Contain("analyzers/dotnet/cs/SchemaDrift.Core.dll"));
        Assert.That(names, Does.Contain("analyzers/dotnet/cs/SchemaDrift.CodeFixes.dll"));
        Assert.That(names, Does.Contain("build/SchemaDrift.props"));
        Assert.That(names, Does.Contain("build/SchemaDrift.targets"));
        Assert.That(names, Does.Contain("build/SchemaDrift.MSBuild.dll"));
        Assert.That(names, Does.Contain("tools/net8.0/any/SchemaDrift.Tool.dll"));
        Assert.That(names, Does.Contain("tools/net8.0/any/SchemaDrift.Tool.runtimeconfig.json"));
        Assert.That(names.Where(n => n.StartsWith("lib/", StringComparison.Ordinal)), Is.Empty, "no runtime assets for the consumer");

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = nuspec.ReadToEnd();
        Assert.That(text, Does.Contain("<developmentDependency>true</developmentDependency>"));
        Assert.That(text, Does.Not.Contain("<dependency "), "no dependencies leak into the consumer");

        // The tool must roll forward to whatever runtime the build machine has.
        using var config = new StreamReader(zip.GetEntry("tools/net8.0/any/SchemaDrift.Tool.runtimeconfig.json")!.Open());
        Assert.That(config.ReadToEnd(), Does.Contain("\"rollForward\": \"Major\""));
    }

    [Test]
    public void Analyzer_assemblies_reference_no_Roslyn_newer_than_4_8()
    {
        using var zip = ZipFile.OpenRead(TestPackage.File);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var stream = new MemoryStream();
            using (var s = entry.Open()) s.CopyTo(stream);
            stream.Position = 0;
            using var pe = new PEReader(stream);
            var md = pe.GetMetadataReader();
            foreach (var handle in md.AssemblyReferences)
            {
                var reference = md.GetAssemblyReference(handle);
                var name = md.GetString(reference.Name);
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    Assert.That(reference.Version, Is.LessThanOrEqualTo(new Version(4, 8, 0, 0)), entry.FullName + " references " + name + " " + reference.Version);
                }
                Assert.That(name, Is.Not.EqualTo("System.Text.Json"), entry.FullName + " must not depend on System.Text.Json");
                Assert.That(name, Is.Not.EqualTo("Microsoft.CodeAnalysis.Workspaces").Or.Matches<string>(_ => entry.Name.Contains("CodeFixes")),
                    entry.FullName + ": only the code fix assembly may use Workspaces");
            }
        }
    }
}
