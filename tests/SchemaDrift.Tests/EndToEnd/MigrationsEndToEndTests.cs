using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// Migrations as a user runs them, through the packed package: the build writes its findings
/// to the SARIF log, SchemaDriftMigrate turns the schema-side ones into a migration, SchemaDriftPush
/// applies it, and the next build is clean. Also the production refusal, lint and the report.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable]
public class MigrationsEndToEndTests
{
    private const string Source = """
        using Dapper;
        using Microsoft.Data.Sqlite;

        namespace Consumer;

        public static class Queries
        {
            public static IEnumerable<string> Names(SqliteConnection c) =>
                c.Query<string>("SELECT fullname FROM users WHERE id > @id", new { id = 0 });
        }
        """;

    [Test]
    public void Build_migrate_push_and_the_next_build_is_clean()
    {
        using var project = new ConsumerProject(extraProperties: "<SchemaDriftConnectionString>Data Source=app.db</SchemaDriftConnectionString>")
            .WithSqliteDatabase("app.db", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, full_name TEXT); INSERT INTO users VALUES (1, 'ann@example.com', 'Ann');")
            .WithSource("Queries.cs", Source);
        ProcessRunner.Run("git", new[] { "init", "-q" }, project.Directory);

        var first = project.Build();
        Assert.That(first.Succeeded, first.ToString());
        Assert.That(first.Drift.Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT401" }), first.ToString());
        Assert.That(Directory.GetFiles(project.PathOf("obj"), "diagnostics.sarif", SearchOption.AllDirectories), Is.Empty,
            "ordinary builds write no error log (it would make the compiler run every disabled analyzer)");

        // Without the opt-in a possible rename is only listed as deferred.
        var deferred = project.Build("-t:SchemaDriftMigrate", "-p:SchemaDriftMigrationName=rename_fullname");
        Assert.That(deferred.Succeeded, deferred.ToString());
        Assert.That(deferred.Output, Does.Contain("DEFERRED").And.Contain("SchemaDriftAcceptRenames=true"));
        var sarif = Directory.GetFiles(project.PathOf("obj"), "diagnostics.sarif", SearchOption.AllDirectories).Single();
        Assert.That(File.ReadAllText(sarif), Does.Contain("\"Candidate0\": \"full_name\""), "the compile SchemaDriftMigrate runs writes the SARIF log with the diagnostic properties");
        Assert.That(Directory.Exists(project.PathOf(".db-reports/migrations/staged")) && Directory.GetFiles(project.PathOf(".db-reports/migrations/staged"), "*.sql").Length > 0, Is.False);

        var migrate = project.Build("-t:SchemaDriftMigrate", "-p:SchemaDriftMigrationName=rename_fullname", "-p:SchemaDriftAcceptRenames=true");
        Assert.That(migrate.Succeeded, migrate.ToString());
        Assert.That(migrate.Output, Does.Contain("MIGRATION ANALYSIS REPORT").And.Contain("Rename users.full_name to fullname"));
        var staged = Directory.GetFiles(project.PathOf(".db-reports/migrations/staged"), "*.sql").Select(Path.GetFileName).ToList();
        Assert.That(staged, Has.Count.EqualTo(2));
        Assert.That(staged, Has.Some.Match(@"^\d{8}_\d{6}_rename_fullname\.sql$").And.Some.Match(@"^\d{8}_\d{6}_rename_fullname_rollback\.sql$"));
        Assert.That(File.ReadAllText(project.PathOf(".gitignore")), Does.Contain(".db-reports/"));

        var production = project.Build("-t:SchemaDriftPush", "-p:SchemaDriftEnvironment=production");
        Assert.That(production.Succeeded, Is.False, production.ToString());
        Assert.That(production.Diagnostics.Select(d => d.Id), Does.Contain("DBPUSH001"), production.ToString());

        var push = project.Build("-t:SchemaDriftPush");
        Assert.That(push.Succeeded, push.ToString());
        Assert.That(push.Output, Does.Contain("expected change(s) present"));

        var after = project.Build();
        Assert.That(after.Succeeded, after.ToString());
        Assert.That(after.Drift, Is.Empty, after.ToString());

        var report = project.Build("-t:SchemaDriftReport");
        Assert.That(report.Succeeded, report.ToString());
        Assert.That(Directory.GetFiles(project.PathOf(".db-reports"), "db-*.md"), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(project.PathOf(".db-reports/history.json")), Does.Contain("\"type\": \"push\"").And.Contain("\"status\": \"applied\""));
        Assert.That(File.Exists(project.PathOf(".db-reports/schema-snapshot.json")));
    }

    [Test]
    public void Ef_model_ahead_of_the_database_is_migrated_pushed_and_then_clean()
    {
        using var project = new ConsumerProject(
                extraProperties: "<SchemaDriftConnectionString>Data Source=app.db</SchemaDriftConnectionString>",
                extraItems: "<PackageReference Include=\"Microsoft.EntityFrameworkCore.Sqlite\" Version=\"8.0.34\" />")
            .WithSqliteDatabase("app.db", "CREATE TABLE \"Customers\" (\"Id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"Email\" TEXT NOT NULL); INSERT INTO \"Customers\" (\"Email\") VALUES ('a@example.com');")
            .WithSource("Model.cs", """
                using System.ComponentModel.DataAnnotations;
                using Microsoft.EntityFrameworkCore;
                namespace Consumer;
                public class Customer
                {
                    public int Id { get; set; }
                    public string Email { get; set; } = "";
                    [MaxLength(40)] public string? Nickname { get; set; }
                    public int LoyaltyPoints { get; set; }
                }
                public class Invoice
                {
                    public long Id { get; set; }
                    public decimal Total { get; set; }
                    public string? Note { get; set; }
                }
                public class ShopContext : DbContext
                {
                    public DbSet<Customer> Customers => Set<Customer>();
                    public DbSet<Invoice> Invoices => Set<Invoice>();
                }
                """);
        var first = project.Build();
        Assert.That(first.Drift.Where(d => d.Id == "DBDRIFT501").Select(d => d.Message).ToList(),
            Has.Count.EqualTo(3).And.Some.Contains("Nickname").And.Some.Contains("LoyaltyPoints").And.Some.Contains("Invoices"), first.ToString());

        var migrate = project.Build("-t:SchemaDriftMigrate", "-p:SchemaDriftMigrationName=catch_up_model");
        Assert.That(migrate.Succeeded, migrate.ToString());
        Assert.That(migrate.Output, Does.Contain("dotnet ef migrations add CatchUpModel"), "EF Core projects are told the equivalent command");
        var sql = File.ReadAllText(Directory.GetFiles(project.PathOf(".db-reports/migrations/staged"), "*_catch_up_model.sql").Single());
        Assert.That(sql, Does.Contain("CREATE TABLE \"Invoices\"").And.Contain("\"Nickname\"").And.Contain("\"LoyaltyPoints\""), sql);

        var push = project.Build("-t:SchemaDriftPush");
        Assert.That(push.Succeeded, push.ToString());

        var after = project.Build("-warnaserror");
        Assert.That(after.Succeeded, after.ToString());
        Assert.That(after.Drift.Where(d => d.Severity != "info"), Is.Empty, after.ToString());
    }

    [Test]
    public void Lint_a_hand_written_migration_file()
    {
        using var project = new ConsumerProject().WithSource("Queries.cs", Source);
        File.WriteAllText(project.PathOf("risky.sql"), "ALTER TABLE users DROP COLUMN legacy;\nCREATE INDEX ix_users_email ON users (email);\n");
        var lint = project.Build("-t:SchemaDriftLint", "-p:SchemaDriftLintFile=risky.sql", "-p:SchemaDriftProvider=postgres");
        Assert.That(lint.Succeeded, lint.ToString());
        Assert.That(lint.Diagnostics.Where(d => d.Severity == "warning").Select(d => d.Id), Is.EquivalentTo(new[] { "DBMIG002", "DBMIG007" }), lint.ToString());
        Assert.That(lint.Output, Does.Contain("CREATE INDEX CONCURRENTLY"), "each finding comes with the safe alternative");
    }
}
