namespace SchemaDrift.Tests.EndToEnd;

/// <summary>SchemaDriftGenerateTypes=true on a packed consumer: code written with the generated names breaks at compile time when the schema does.</summary>
[Category("EndToEnd")]
[NonParallelizable]
public class TypedSchemaEndToEndTests
{
    [Test]
    public void Dropping_a_column_breaks_the_build_at_the_use_of_its_generated_name()
    {
        using var project = new ConsumerProject(extraProperties:
                "<SchemaDriftConnectionString>Data Source=app.db</SchemaDriftConnectionString><SchemaDriftGenerateTypes>true</SchemaDriftGenerateTypes><RootNamespace>Shop</RootNamespace>")
            .WithSqliteDatabase("app.db", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, nickname TEXT);")
            .WithSource("Queries.cs", """
                using Dapper;
                using Microsoft.Data.Sqlite;
                namespace Shop;
                public static class Queries
                {
                    private const string ByEmail = $"SELECT {Db.Users.Id}, {Db.Users.Email}, {Db.Users.Nickname} FROM {Db.Users.Table} WHERE {Db.Users.Email} = @email";
                    public static Db.UsersRow? Find(SqliteConnection c, string email) => c.QuerySingleOrDefault<Db.UsersRow>(ByEmail, new { email });
                }
                """);
        var ok = project.Build("-warnaserror");
        Assert.That(ok.Succeeded, ok.ToString());
        Assert.That(ok.Drift, Is.Empty, ok.ToString());

        project.ExecuteSqlite("app.db", "ALTER TABLE users DROP COLUMN nickname;");
        var broken = project.Build();
        Assert.That(broken.Succeeded, Is.False, broken.ToString());
        var error = broken.Diagnostics.Single(d => d.Severity == "error");
        Assert.That((error.File, error.Id, error.Line), Is.EqualTo(("Queries.cs", "CS0117", 6)), broken.ToString());
        Assert.That(error.Message, Does.Contain("Nickname"));
    }
}
