using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// Eight projects built in parallel (`dotnet build -m`) against one database and one shared
/// committed snapshot: every file stays whole (atomic replace) and each project introspects
/// at most once per build.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable]
public class ConcurrencyEndToEndTests
{
    private const int Projects = 8;

    [Test]
    public void Eight_projects_in_parallel_share_one_database_and_one_committed_snapshot_without_torn_files()
    {
        var root = Path.Combine(Path.GetTempPath(), "schemadrift-e2e", "parallel-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var shared = Path.Combine(root, "shared");
            Directory.CreateDirectory(shared);
            using (var seed = new ConsumerProject("Seed"))
            {
                seed.WithSqliteDatabase("app.db", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);");
                File.Copy(seed.PathOf("app.db"), Path.Combine(shared, "app.db"));
                File.Copy(seed.PathOf("nuget.config"), Path.Combine(root, "nuget.config"));
            }
            foreach (var f in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" }) File.WriteAllText(Path.Combine(root, f), "<Project />");

            var db = Path.Combine(shared, "app.db");
            var committed = Path.Combine(shared, "schema.snapshot.json");
            var projects = new List<string>();
            for (var i = 0; i < Projects; i++)
            {
                var dir = Path.Combine(root, "P" + i);
                Directory.CreateDirectory(dir);
                var csproj = Path.Combine(dir, "P" + i + ".csproj");
                File.WriteAllText(csproj, $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net10.0</TargetFramework>
                        <ImplicitUsings>enable</ImplicitUsings>
                        <SchemaDriftConnectionString>Data Source={db}</SchemaDriftConnectionString>
                        <SchemaDriftSnapshotFile>{committed}</SchemaDriftSnapshotFile>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="SchemaDrift" Version="{TestPackage.Version}" PrivateAssets="all" />
                        <PackageReference Include="Dapper" Version="2.1.66" />
                        <PackageReference Include="Microsoft.Data.Sqlite" Version="8.0.34" />
                      </ItemGroup>
                    </Project>
                    """);
                File.WriteAllText(Path.Combine(dir, "Q.cs"), $$"""
                    using Dapper;
                    namespace P{{i}};
                    public static class Q
                    {
                        public static object A(Microsoft.Data.Sqlite.SqliteConnection c) => c.Query("SELECT email, nope{{i}} FROM users");
                    }
                    """);
                projects.Add(csproj);
            }
            var traversal = Path.Combine(root, "all.proj");
            File.WriteAllText(traversal, "<Project><Target Name=\"Build\"><MSBuild Projects=\"" + string.Join(";", projects) + "\" Targets=\"Restore\" Properties=\"_Restore=1\" /><MSBuild Projects=\"" + string.Join(";", projects) +
                "\" BuildInParallel=\"true\" Targets=\"$(Targets)\" /></Target></Project>");

            // 1. Every project writes the shared committed snapshot at the same time.
            var snapshotRun = ProcessRunner.Run("dotnet", new[] { "msbuild", traversal, "-m:8", "-nologo", "-p:Targets=SchemaDriftSnapshot", "-nodeReuse:false" }, root);
            Assert.That(snapshotRun.ExitCode, Is.EqualTo(0), snapshotRun.ToString());
            var read = SnapshotSerializer.Read(File.ReadAllText(committed));
            Assert.That(read.Success, read.Message);
            Assert.That(read.Snapshot!.Tables.Select(t => t.Name), Is.EqualTo(new[] { "orders", "users" }));
            Assert.That(Directory.GetFiles(shared, "*.tmp"), Is.Empty, "no temporary files left behind");

            // 2. Parallel builds: each project introspects once and reports its own drift.
            var build = ProcessRunner.Run("dotnet", new[] { "msbuild", traversal, "-m:8", "-nologo", "-p:Targets=Build", "-v:n", "-nodeReuse:false" }, root);
            Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
            for (var i = 0; i < Projects; i++)
            {
                Assert.That(build.Output, Does.Contain("Column 'nope" + i + "' does not exist"), build.ToString());
                var cache = Directory.GetFiles(Path.Combine(root, "P" + i, "obj"), "snapshot.json", SearchOption.AllDirectories).Single();
                Assert.That(SnapshotSerializer.Read(File.ReadAllText(cache)).Success, cache);
            }
            var introspections = build.Output.Split('\n').Count(l => l.Contains("SchemaDrift: sqlite database 'app.db'", StringComparison.Ordinal));
            Assert.That(introspections, Is.EqualTo(Projects), "one introspection per project per build");
            Assert.That(build.Output, Does.Not.Contain("DBDRIFT000"), "no project saw a half-written file or a stale snapshot");
        }
        finally
        {
            try
            {
                Directory.Delete(root, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
