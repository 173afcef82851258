using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Commands;
using SchemaDrift.Tool.Connections;

namespace SchemaDrift.Tests.Tool;

/// <summary>
/// The `introspect` command's build cache on a real SQLite file: a full read of an unchanged
/// schema leaves the cache byte for byte as it was (capture time included), and a changed
/// schema replaces it.
/// </summary>
[NonParallelizable]
public class IntrospectCommandCacheTests
{
    private string _dir = null!;
    private string Db => Path.Combine(_dir, "app.db");
    private string CachePath => Path.Combine(_dir, "obj", "schemadrift", "snapshot.json");
    private string StatePath => Path.Combine(_dir, "obj", "schemadrift", "state.json");

    [SetUp]
    public void CreateProjectDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sd-cache-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        Execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL);");
    }

    [TearDown]
    public void DeleteProjectDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void A_full_read_of_an_unchanged_schema_keeps_the_cache_and_a_change_replaces_it()
    {
        Assert.That(Run(), Does.Contain("snapshot refreshed"));
        var firstBytes = File.ReadAllBytes(CachePath);
        var firstCapture = Cache().CapturedAtUtc;
        var stamp = new DateTime(2022, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(CachePath, stamp);

        // Without the state file the tool cannot know the cache is current: it reads the whole
        // schema again, finds it identical and keeps the file, capture time and timestamp.
        File.Delete(StatePath);
        Thread.Sleep(1100);
        var again = Run();
        Assert.That(again, Does.Contain("snapshot unchanged"));
        Assert.That(again, Does.Contain("catalog queries"), "a full read happened");
        Assert.That(File.ReadAllBytes(CachePath), Is.EqualTo(firstBytes));
        Assert.That(File.GetLastWriteTimeUtc(CachePath), Is.EqualTo(stamp));

        Execute("ALTER TABLE orders ADD COLUMN note VARCHAR(40);");
        Assert.That(Run(), Does.Contain("snapshot refreshed"));
        var changed = Cache();
        Assert.That(changed.Tables.Single().Column("note").MaxLength, Is.EqualTo(40));
        Assert.That(changed.CapturedAtUtc, Is.Not.EqualTo(firstCapture), "a new schema gets a new capture time");
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(CachePath)!).Where(f => f.EndsWith(".tmp")), Is.Empty);
    }

    private SchemaSnapshot Cache()
    {
        var read = SnapshotSerializer.Read(File.ReadAllText(CachePath));
        Assert.That(read.Success, Is.True, read.Message);
        return read.Snapshot!;
    }

    private void Execute(string sql)
    {
        using var c = new SqliteConnection("Data Source=" + Db + ";Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private string Run()
    {
        var previous = Environment.GetEnvironmentVariable(ConnectionResolver.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, "Data Source=" + Db);
        try
        {
            var output = new StringWriter();
            var options = ToolOptions.Parse(new[] { "introspect", "--project-dir", _dir, "--cache", "obj/schemadrift/snapshot.json", "--provider", "sqlite", "--timeout", "3" });
            var exit = new IntrospectCommand(options, new Reporter(output)).RunAsync().GetAwaiter().GetResult();
            Assert.That(exit, Is.EqualTo(0), output.ToString());
            return output.ToString();
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, previous);
        }
    }
}
