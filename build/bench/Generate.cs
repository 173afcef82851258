using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SchemaDrift.Bench;

/// <summary>
/// Writes a large consumer solution: a SQLite database with N tables of 20 columns, and
/// two identical C# projects (with and without the SchemaDrift package) holding M files
/// with S SQL call sites (Dapper, ADO.NET, EF Core raw SQL) and E EF Core entities.
/// </summary>
internal static class Generate
{
    private static readonly string[] ColumnTypes = { "TEXT", "INTEGER", "REAL", "NUMERIC", "TEXT", "INTEGER", "BLOB", "TEXT" };

    public static int Run(Dictionary<string, string> o)
    {
        var outDir = Path.GetFullPath(o["out"]);
        var files = int.Parse(o.GetValueOrDefault("files", "2000"), CultureInfo.InvariantCulture);
        var sites = int.Parse(o.GetValueOrDefault("sites", "10000"), CultureInfo.InvariantCulture);
        var tables = int.Parse(o.GetValueOrDefault("tables", "500"), CultureInfo.InvariantCulture);
        var entities = int.Parse(o.GetValueOrDefault("entities", "100"), CultureInfo.InvariantCulture);
        var version = o["package-version"];
        var feed = Path.GetFullPath(o["feed"]);

        if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(outDir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(outDir, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(outDir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        var db = Path.Combine(outDir, "app.db");
        CreateDatabase(db, tables);

        var sources = Path.Combine(outDir, "src");
        Directory.CreateDirectory(sources);
        WriteSources(sources, files, sites, tables, entities);

        foreach (var (name, withPackage) in new[] { ("WithSchemaDrift", true), ("Baseline", false) })
        {
            var dir = Path.Combine(outDir, name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <OutputType>Library</OutputType>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
                    <SchemaDriftConnectionString>Data Source={db}</SchemaDriftConnectionString>
                  </PropertyGroup>
                  <ItemGroup>
                    <Compile Include="../src/**/*.cs" />
                    <PackageReference Include="Dapper" Version="2.1.66" />
                    <PackageReference Include="Microsoft.Data.Sqlite" Version="8.0.34" />
                    <PackageReference Include="Microsoft.EntityFrameworkCore.Relational" Version="8.0.34" />
                    {(withPackage ? $"<PackageReference Include=\"SchemaDrift\" Version=\"{version}\" PrivateAssets=\"all\" />" : "")}
                  </ItemGroup>
                </Project>
                """);
        }
        Console.WriteLine($"generated {files} files, {sites} SQL call sites, {entities} entities over {tables} tables in {outDir}");
        return 0;
    }

    public static string Column(int i) => "c" + i.ToString("00", CultureInfo.InvariantCulture);

    public static string Table(int i) => "t" + i.ToString("000", CultureInfo.InvariantCulture);

    private static void CreateDatabase(string path, int tables)
    {
        if (File.Exists(path)) File.Delete(path);
        using var c = new SqliteConnection("Data Source=" + path + ";Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        for (var t = 0; t < tables; t++)
        {
            var sb = new StringBuilder("CREATE TABLE " + Table(t) + " (id INTEGER PRIMARY KEY, parent_id INTEGER" + (t > 0 ? " REFERENCES " + Table(t - 1) + "(id)" : ""));
            for (var col = 1; col <= 18; col++)
            {
                sb.Append(", ").Append(Column(col)).Append(' ').Append(ColumnTypes[col % ColumnTypes.Length]).Append(col % 3 == 0 ? " NOT NULL DEFAULT 0" : "");
            }
            sb.Append(");");
            sb.Append("CREATE INDEX ix_" + Table(t) + "_parent ON " + Table(t) + "(parent_id);");
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sb.ToString();
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static void WriteSources(string dir, int files, int sites, int tables, int entities)
    {
        var rnd = new Random(42);
        var perFile = Math.Max(1, sites / files);
        var site = 0;
        for (var f = 0; f < files; f++)
        {
            var sb = new StringBuilder();
            sb.AppendLine("using Dapper;");
            sb.AppendLine("using Microsoft.Data.Sqlite;");
            sb.AppendLine("using Microsoft.EntityFrameworkCore;");
            sb.AppendLine("namespace Bench.Queries;");
            sb.AppendLine("public static class Queries" + f.ToString(CultureInfo.InvariantCulture));
            sb.AppendLine("{");
            for (var k = 0; k < perFile && site < sites; k++, site++)
            {
                var t = rnd.Next(tables);
                var u = rnd.Next(tables);
                var a = Column(1 + rnd.Next(18));
                var b = Column(1 + rnd.Next(18));
                var name = "Q" + k.ToString(CultureInfo.InvariantCulture);
                switch (site % 5)
                {
                    case 0:
                        sb.AppendLine($"    public static IEnumerable<dynamic> {name}(SqliteConnection c) => c.Query(\"SELECT x.id, x.{a}, y.{b} FROM {Table(t)} x JOIN {Table(u)} y ON y.parent_id = x.id WHERE x.{a} = @v ORDER BY x.id\", new {{ v = 1 }});");
                        break;
                    case 1:
                        sb.AppendLine($"    public static int {name}(SqliteConnection c) => c.Execute(\"INSERT INTO {Table(t)} (parent_id, {a}, {b}) VALUES (@p, @a, @b)\", new {{ p = 1, a = 2, b = 3 }});");
                        break;
                    case 2:
                        sb.AppendLine($"    public static int {name}(SqliteConnection c) {{ using var cmd = c.CreateCommand(); cmd.CommandText = \"\"\"\n        UPDATE {Table(t)} SET {a} = @a\n        WHERE id IN (SELECT parent_id FROM {Table(u)} WHERE {b} IS NOT NULL)\n        \"\"\"; return cmd.ExecuteNonQuery(); }}");
                        break;
                    case 3:
                        sb.AppendLine($"    public static int {name}(DbContext db) => db.Database.ExecuteSqlRaw(\"DELETE FROM {Table(t)} WHERE {a} < 0 AND parent_id = {{0}}\", 1);");
                        break;
                    default:
                        sb.AppendLine($"    public static long {name}(SqliteConnection c) => c.ExecuteScalar<long>(\"WITH r AS (SELECT id, {a} FROM {Table(t)} WHERE {b} > 0) SELECT count(*) FROM r\");");
                        break;
                }
            }
            sb.AppendLine("}");
            File.WriteAllText(Path.Combine(dir, "Queries" + f.ToString("0000", CultureInfo.InvariantCulture) + ".cs"), sb.ToString());
        }

        var ctx = new StringBuilder();
        ctx.AppendLine("using System.ComponentModel.DataAnnotations.Schema;");
        ctx.AppendLine("using Microsoft.EntityFrameworkCore;");
        ctx.AppendLine("namespace Bench.Model;");
        ctx.AppendLine("public sealed class BenchContext : DbContext");
        ctx.AppendLine("{");
        for (var e = 0; e < entities; e++)
        {
            ctx.AppendLine($"    public DbSet<Entity{e}> {Table(e)} => Set<Entity{e}>();");
        }
        ctx.AppendLine("}");
        for (var e = 0; e < entities; e++)
        {
            ctx.AppendLine($"[Table(\"{Table(e)}\")]");
            ctx.AppendLine($"public sealed class Entity{e}");
            ctx.AppendLine("{");
            ctx.AppendLine("    public long Id { get; set; }");
            ctx.AppendLine("    [Column(\"parent_id\")] public long? ParentId { get; set; }");
            for (var col = 1; col <= 18; col++)
            {
                var type = ColumnTypes[col % ColumnTypes.Length] switch
                {
                    "INTEGER" => "long",
                    "REAL" => "double",
                    "NUMERIC" => "decimal",
                    "BLOB" => "byte[]?",
                    _ => "string?",
                };
                if (col % 3 == 0 && type.EndsWith('?')) type = type.TrimEnd('?');
                if (col % 3 != 0 && !type.EndsWith('?')) type += "?";
                if (type is "string" or "byte[]") type += " = default!";
                var decl = type.Contains('=') ? type.Replace(" = default!", "") + " " + "C" + col + " { get; set; } = default!;" : type + " C" + col + " { get; set; }";
                ctx.AppendLine($"    [Column(\"{Column(col)}\")] public {decl}");
            }
            ctx.AppendLine("}");
        }
        File.WriteAllText(Path.Combine(dir, "Model.cs"), ctx.ToString());
    }
}
