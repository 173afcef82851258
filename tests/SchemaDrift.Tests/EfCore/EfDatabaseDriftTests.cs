using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.EfCore.Models.Blogging;
using SchemaDrift.Tests.EfCore.Models.Shop;
using SchemaDrift.Tests.EndToEnd;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Introspection.Sqlite;

namespace SchemaDrift.Tests.EfCore;

/// <summary>
/// EF Core creates the schema of the test models (EnsureCreated), the product's reader
/// introspects it, and the analyzer reads the very same model source: the untouched database
/// gives no diagnostic; after dropping, renaming and retyping columns, dropping a table and
/// removing enum labels, each change is reported on the member it breaks, and nothing else is.
/// </summary>
public class EfDatabaseDriftTests
{
    private static readonly string[] ModelFiles = { "ShopModel.cs", "ShopSetup.cs", "BlogModel.cs", "NamingConventionsStub.cs" };

    private static async Task<CSharpCompilation> ModelCompilationAsync()
    {
        var dir = Path.Combine(TestPackage.RepoRoot, "tests", "SchemaDrift.Tests", "EfCore", "Models");
        return await EfTestCompilation.CompileAsync(ModelFiles.Select(f => (f, File.ReadAllText(Path.Combine(dir, f)))));
    }

    internal static async Task<List<string>> AnalyzeAsync(SchemaSnapshot snapshot)
    {
        var compilation = await ModelCompilationAsync();
        var json = SnapshotSerializer.Write(snapshot, SnapshotFlavor.Committed);
        var diagnostics = await EfTestCompilation.RunAsync(compilation, new EfModelDriftAnalyzer(), json);
        return diagnostics.Select(d => EfTestCompilation.Describe(d, compilation)).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    private static string Dump(IEnumerable<string> list) => string.Join("\n", list);

    // ------------------------------------------------------------------ SQLite (always)

    [Test]
    public async Task Sqlite_database_created_by_ef_core_matches_and_mutations_are_reported()
    {
        var path = Path.Combine(Path.GetTempPath(), "schemadrift-ef-" + Guid.NewGuid().ToString("N") + ".db");
        var cs = "Data Source=" + path + ";Pooling=False";
        try
        {
            using (var shop = new ShopContext(ShopSetup.Sqlite(cs))) shop.Database.EnsureCreated();
            using (var blog = new BloggingContext(BloggingSetup.Sqlite(cs))) blog.GetService<IRelationalDatabaseCreator>().CreateTables();

            var clean = await AnalyzeAsync(ReadSqlite(path));
            Assert.That(clean, Is.Empty, "unmutated database:\n" + Dump(clean));

            using (var c = new SqliteConnection(cs))
            {
                c.Open();
                Exec(c, "PRAGMA foreign_keys = OFF");
                Exec(c, "ALTER TABLE Customers DROP COLUMN Phone");
                Exec(c, "ALTER TABLE products RENAME COLUMN Title TO Heading");
                RebuildSqlite(c, "OrderLine", ddl => ddl.Replace("\"Quantity\" INTEGER NOT NULL", "\"Quantity\" TEXT NOT NULL"));
                Exec(c, "DROP TABLE ProductTag; DROP TABLE Tags");
                RebuildSqlite(c, "orders", ddl => ddl.Replace(", 'Cancelled'", ""));
                Exec(c, "ALTER TABLE posts RENAME COLUMN author_email_address TO author_email");
                Exec(c, "ALTER TABLE comment DROP COLUMN is_approved");
            }
            var drift = await AnalyzeAsync(ReadSqlite(path));
            Assert.That(drift, Is.EqualTo(new[]
            {
                "DBDRIFT301 OrderLine.Quantity",
                "DBDRIFT501 Comment.IsApproved",
                "DBDRIFT501 Customer.Phone",
                "DBDRIFT501 Post.Author",
                "DBDRIFT501 Product.Title",
                "DBDRIFT501 ShopContext.Tags",
                "DBDRIFT601 Post",
                "DBDRIFT601 Product",
                "DBDRIFT801 OrderStatus.Cancelled",
            }), Dump(drift));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Test]
    public async Task Mapping_corners_match_the_database_ef_core_creates()
    {
        var path = Path.Combine(Path.GetTempPath(), "schemadrift-ef-edge-" + Guid.NewGuid().ToString("N") + ".db");
        var cs = "Data Source=" + path + ";Pooling=False";
        try
        {
            var options = new DbContextOptionsBuilder<Models.Edge.EdgeContext>().UseSqlite(cs).Options;
            using (var edge = new Models.Edge.EdgeContext(options)) edge.Database.EnsureCreated();
            await AssertEdgeModelMatchesAsync(ReadSqlite(path));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>The Edge model (mapping corners) against a database EF Core created from it: no diagnostic.</summary>
    internal static async Task AssertEdgeModelMatchesAsync(SchemaSnapshot snapshot)
    {
        var dir = Path.Combine(TestPackage.RepoRoot, "tests", "SchemaDrift.Tests", "EfCore", "Models");
        var compilation = await EfTestCompilation.CompileAsync(new[] { ("EdgeModel.cs", File.ReadAllText(Path.Combine(dir, "EdgeModel.cs"))) });
        var json = SnapshotSerializer.Write(snapshot, SnapshotFlavor.Committed);
        var diagnostics = await EfTestCompilation.RunAsync(compilation, new EfModelDriftAnalyzer(), json);
        Assert.That(diagnostics.Select(d => EfTestCompilation.Describe(d, compilation) + ": " + d.GetMessage()), Is.Empty);
    }

    private static SchemaSnapshot ReadSqlite(string path)
    {
        using var connection = SqliteSchemaReader.Open(path, 5);
        return new SqliteSchemaReader(connection, path).ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>SQLite cannot change a column's type or a CHECK in place: rebuild the table from edited DDL.</summary>
    private static void RebuildSqlite(SqliteConnection c, string table, Func<string, string> edit)
    {
        string ddl;
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $n";
            cmd.Parameters.AddWithValue("$n", table);
            ddl = (string)cmd.ExecuteScalar()!;
        }
        var edited = edit(ddl);
        Assert.That(edited, Is.Not.EqualTo(ddl), "the edit did not apply to: " + ddl);
        var temp = table + "_rebuild";
        var create = "CREATE TABLE \"" + temp + "\"" + edited.Substring(edited.IndexOf('('));
        Exec(c, create);
        Exec(c, "INSERT INTO \"" + temp + "\" SELECT * FROM \"" + table + "\"");
        Exec(c, "DROP TABLE \"" + table + "\"");
        Exec(c, "ALTER TABLE \"" + temp + "\" RENAME TO \"" + table + "\"");
    }
}
