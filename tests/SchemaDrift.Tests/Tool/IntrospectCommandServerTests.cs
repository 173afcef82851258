using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Commands;
using SchemaDrift.Tool.Connections;

namespace SchemaDrift.Tests.Tool;

/// <summary>
/// The tool's `introspect` command against a real server, the way the MSBuild task runs it:
/// connection from SCHEMADRIFT_CONNECTION, snapshot and state under obj/, a second run that
/// costs only the fingerprint, a refresh after DDL, and a fallback when the password is wrong.
/// </summary>
[Category("Database")]
[TestFixture(SqlProviders.Postgres)]
[TestFixture(SqlProviders.MySql)]
[NonParallelizable]
public class IntrospectCommandServerTests
{
    private readonly string _provider;
    private string _dir = null!;

    public IntrospectCommandServerTests(string provider) => _provider = provider;

    private bool Pg => _provider == SqlProviders.Postgres;
    private string CachePath => Path.Combine(_dir, "obj", "schemadrift", "snapshot.json");
    private string StatePath => Path.Combine(_dir, "obj", "schemadrift", "state.json");

    [SetUp]
    public void CreateProjectDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sd-introspect-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void DeleteProjectDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Introspect_caches_the_live_schema_refreshes_on_change_and_never_writes_the_password()
    {
        await using var db = await TestDatabase.CreateAsync(_provider, Pg
            ? "CREATE TYPE order_status AS ENUM ('new', 'done'); CREATE TABLE orders (id serial PRIMARY KEY, status order_status NOT NULL);"
            : "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, status ENUM('new','done') NOT NULL) ENGINE=InnoDB;");
        var password = db.Password;
        // PostgreSQL through a URL (converted by the tool), MySQL as a key/value string.
        var connection = Pg ? UrlFor(db) : db.ConnectionString;

        var first = Run(connection);
        Assert.That(first, Does.Contain("schemadrift:info::SchemaDrift: " + _provider + " database '" + db.Name + "' (connection from environment variable SCHEMADRIFT_CONNECTION): 1 tables and views, snapshot refreshed"));
        Assert.That(first, Does.Contain("catalog queries"));
        var cached = SnapshotSerializer.Read(File.ReadAllText(CachePath));
        Assert.That(cached.Success, Is.True, cached.Message);
        Assert.That(cached.Snapshot!.Provider, Is.EqualTo(_provider));
        Assert.That(cached.Snapshot.Fingerprint, Does.StartWith(Pg ? "pg:" : "mysql:"));
        Assert.That(cached.Snapshot.Tables.Single().Column("status").Family, Is.EqualTo("enum"));
        Assert.That(File.ReadAllText(StatePath), Does.Contain("\"live\""));

        var second = Run(connection);
        Assert.That(second, Does.Contain("snapshot unchanged"));
        Assert.That(second, Does.Not.Contain("catalog queries"), "an unchanged database costs only the fingerprint");

        await db.ExecuteAsync("ALTER TABLE orders ADD COLUMN note VARCHAR(40)");
        var third = Run(connection);
        Assert.That(third, Does.Contain("snapshot refreshed"));
        Assert.That(SnapshotSerializer.Read(File.ReadAllText(CachePath)).Snapshot!.Tables.Single().Column("note").Type,
            Is.EqualTo(Pg ? "character varying(40)" : "varchar(40)"));

        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N")[..12];
        var broken = Run(connection.Replace(password, wrongPassword));
        Assert.That(broken, Does.Contain("schemadrift:warning:DBDRIFT000:SchemaDrift could not read the " + _provider + " database"));
        Assert.That(broken, Does.Contain("Check the user name and password in the connection string. Using the last good snapshot"));

        foreach (var (what, text) in new[] { ("output", first + second + third + broken), ("cache", File.ReadAllText(CachePath)), ("state", File.ReadAllText(StatePath)) })
        {
            Assert.That(text, Does.Not.Contain(password), what + " holds the password");
            Assert.That(text, Does.Not.Contain(wrongPassword), what + " holds the wrong password");
            Assert.That(text, Does.Not.Contain(connection), what + " holds the connection string");
        }
    }

    [Test]
    public async Task An_unchanged_database_is_reported_from_the_state_and_a_stale_committed_snapshot_is_repeated_until_refreshed()
    {
        await using var db = await TestDatabase.CreateAsync(_provider, Pg
            ? "CREATE TABLE orders (id serial PRIMARY KEY);"
            : "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;");
        var committed = new[] { "--committed", "schema.snapshot.json" };
        Run(db.ConnectionString, "snapshot", committed);
        await db.ExecuteAsync("CREATE TABLE invoices (id INT PRIMARY KEY)");

        var first = Run(db.ConnectionString, "introspect", committed);
        Assert.That(first, Does.Contain("2 tables and views, snapshot refreshed").And.Contain("is stale").And.Contain("new: invoices"));

        // Unchanged: no catalog read and no parse of the cache, but the same figures and the same warning.
        var second = Run(db.ConnectionString, "introspect", committed);
        Assert.That(second, Does.Contain("'" + db.Name + "'").And.Contain("2 tables and views, snapshot unchanged").And.Not.Contain("catalog queries"));
        Assert.That(second, Does.Contain("is stale").And.Contain("new: invoices"), "the warning stays until the committed snapshot is refreshed");

        Run(db.ConnectionString, "snapshot", committed);
        var third = Run(db.ConnectionString, "introspect", committed);
        Assert.That(third, Does.Contain("snapshot unchanged").And.Not.Contain("is stale"), "a refreshed committed file is compared again");

        // A cache that is not the one the state describes is never trusted: read everything again.
        File.AppendAllText(CachePath, " ");
        var fourth = Run(db.ConnectionString, "introspect", committed);
        Assert.That(fourth, Does.Contain("catalog queries").And.Contain("snapshot refreshed"));
        Assert.That(SnapshotSerializer.Read(File.ReadAllText(CachePath)).Snapshot!.Tables, Has.Count.EqualTo(2));
    }

    /// <summary>Runs a tool command in-process with the connection in the environment; returns everything it printed.</summary>
    private string Run(string connectionString, string command, params string[] extra)
    {
        var previous = Environment.GetEnvironmentVariable(ConnectionResolver.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, connectionString);
        try
        {
            var output = new StringWriter();
            var options = ToolOptions.Parse(new[] { command, "--project-dir", _dir, "--cache", "obj/schemadrift/snapshot.json", "--timeout", "3" }.Concat(extra).ToArray());
            var exit = command == "snapshot"
                ? new SnapshotCommand(options, new Reporter(output)).RunAsync().GetAwaiter().GetResult()
                : new IntrospectCommand(options, new Reporter(output)).RunAsync().GetAwaiter().GetResult();
            Assert.That(exit, Is.EqualTo(0), output.ToString());
            return output.ToString();
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, previous);
        }
    }

    /// <summary>Runs `introspect` in-process with the connection in the environment; returns everything it printed.</summary>
    private string Run(string connectionString) => Run(connectionString, "introspect");

    private static string UrlFor(TestDatabase db)
    {
        var b = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        return "postgres://" + b.Username + ":" + Uri.EscapeDataString(b.Password!) + "@" + b.Host + ":" + b.Port + "/" + b.Database;
    }
}
