namespace SchemaDrift.Tests.EndToEnd;

/// <summary>`dotnet format analyzers` applies SchemaDrift's code fixes from the command line, on a packed consumer.</summary>
[Category("EndToEnd")]
[NonParallelizable]
public class DotnetFormatTests
{
    [Test]
    public void Dotnet_format_applies_the_rename_fix_and_the_next_build_is_clean()
    {
        using var project = new ConsumerProject(extraProperties: "<SchemaDriftConnectionString>Data Source=app.db</SchemaDriftConnectionString>")
            .WithSqliteDatabase("app.db", "CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT, email TEXT);")
            .WithSource("Queries.cs", """
                using Dapper;
                using Microsoft.Data.Sqlite;
                namespace Consumer;
                public static class Queries
                {
                    public static object A(SqliteConnection c) => c.Query("SELECT displayName FROM users");
                    public static object B(SqliteConnection c) => c.Query(@"SELECT id, emial
                        FROM users WHERE displayName = 'x'");
                }
                """);
        var first = project.Build();
        Assert.That(first.Drift.Count(d => d.Id == "DBDRIFT401"), Is.EqualTo(3), first.ToString());

        var format = project.Run("format", new[] { "analyzers", "--diagnostics", "DBDRIFT401", "--severity", "warn" });
        Assert.That(format.Succeeded, format.ToString());
        var fixedSource = File.ReadAllText(project.PathOf("Queries.cs"));
        Assert.That(fixedSource, Does.Contain("c.Query(\"SELECT display_name FROM users\")"));
        Assert.That(fixedSource, Does.Contain("c.Query(@\"SELECT id, email\n        FROM users WHERE display_name = 'x'\")").Or.Contain("c.Query(@\"SELECT id, email\r\n        FROM users WHERE display_name = 'x'\")"));

        var after = project.Build("-warnaserror");
        Assert.That(after.Succeeded, after.ToString());
        Assert.That(after.Drift, Is.Empty);
    }
}
