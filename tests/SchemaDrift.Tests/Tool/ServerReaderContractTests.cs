using System.Diagnostics;
using System.Text;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Introspection;

namespace SchemaDrift.Tests.Tool;

/// <summary>
/// What both server readers promise, checked on each engine: a query count that does not
/// grow with the schema, a fingerprint that moves with every kind of DDL and only then,
/// and connection failures that explain themselves quickly without the password.
/// </summary>
[Category("Database")]
[TestFixture(SqlProviders.Postgres)]
[TestFixture(SqlProviders.MySql)]
public class ServerReaderContractTests
{
    private const int Timeout = 2;
    private readonly string _provider;

    public ServerReaderContractTests(string provider) => _provider = provider;

    private bool Pg => _provider == SqlProviders.Postgres;

    /// <summary>n tables, each with a primary key, a foreign key to the previous one, a check and an index.</summary>
    private string Tables(int n)
    {
        var sql = new StringBuilder();
        for (var i = 1; i <= n; i++)
        {
            var parent = i == 1 ? "" : ", parent INT, FOREIGN KEY (parent) REFERENCES t" + (i - 1) + " (id)";
            sql.Append("CREATE TABLE t").Append(i).Append(" (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, v DECIMAL(10,2) CHECK (v > 0)")
               .Append(parent).Append(Pg ? ");" : ") ENGINE=InnoDB;")
               .Append("CREATE INDEX t").Append(i).Append("_name ON t").Append(i).Append(" (name);\n");
        }
        return sql.ToString();
    }

    [Test]
    public async Task Query_count_does_not_grow_with_the_number_of_tables()
    {
        var counts = new List<int>();
        foreach (var n in new[] { 10, 200 })
        {
            await using var db = await TestDatabase.CreateAsync(_provider, Tables(n));
            await using var opened = await db.OpenReaderAsync();
            var clock = Stopwatch.StartNew();
            var snapshot = await opened.Reader.ReadAsync(CancellationToken.None);
            TestContext.Progress.WriteLine(_provider + ": " + n + " tables read with " + opened.Reader.QueryCount + " queries in " + clock.ElapsedMilliseconds + " ms");
            Assert.That(snapshot.Tables, Has.Count.EqualTo(n));
            Assert.That(snapshot.Tables.Sum(t => t.ForeignKeys.Count), Is.EqualTo(n - 1));
            Assert.That(snapshot.Tables.Sum(t => t.Indexes.Count), Is.EqualTo(n * 2 + (Pg ? 0 : n - 1)), "PK + name index (+ MySQL's own FK index)");
            counts.Add(opened.Reader.QueryCount);
        }
        Assert.That(counts[1], Is.EqualTo(counts[0]));
        Assert.That(counts[0], Is.LessThanOrEqualTo(12));
    }

    [Test]
    public async Task Fingerprint_changes_with_each_schema_change_and_only_then()
    {
        await using var db = await TestDatabase.CreateAsync(_provider, Pg
            ? "CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE t (id INT PRIMARY KEY, m mood);"
            : "CREATE TABLE t (id INT PRIMARY KEY, m ENUM('ok')) ENGINE=InnoDB;");
        await using var opened = await db.OpenReaderAsync();
        async Task<string> Fingerprint() => await opened.Reader.ReadFingerprintAsync(CancellationToken.None);

        var before = await Fingerprint();
        Assert.That(await Fingerprint(), Is.EqualTo(before), "nothing changed");
        await db.ExecuteAsync(Pg ? "INSERT INTO t VALUES (1, 'ok'); ANALYZE t;" : "INSERT INTO t VALUES (1, 'ok'); ANALYZE TABLE t;");
        Assert.That(await Fingerprint(), Is.EqualTo(before), "data and statistics are not schema");
        Assert.That((await db.ReadAsync()).Tables.Single().Name, Is.EqualTo("t"));
        Assert.That(await Fingerprint(), Is.EqualTo(before), "reading the schema does not change it");

        var changes = Pg
            ? new[]
            {
                "ALTER TABLE t ADD COLUMN c TEXT",
                "CREATE INDEX t_c ON t (c)",
                "CREATE VIEW v AS SELECT id FROM t",
                "ALTER TYPE mood ADD VALUE 'great'",
                "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'x'",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2'",
                "COMMENT ON TABLE t IS 'x'",
                "ALTER TABLE t ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY p ON t USING (id > 0)",
                "DROP VIEW v",
            }
            : new[]
            {
                "ALTER TABLE t ADD COLUMN c VARCHAR(10)",
                "CREATE INDEX t_c ON t (c)",
                "CREATE VIEW v AS SELECT id FROM t",
                "ALTER TABLE t MODIFY m ENUM('ok','great')",
                "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'x'",
                "CREATE PROCEDURE p() SELECT 1",
                "DROP PROCEDURE p; CREATE PROCEDURE p() SELECT 2",
                "ALTER TABLE t COMMENT 'x'",
                "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.c = 'y'",
                "ALTER TABLE t ADD CONSTRAINT ck CHECK (id > 0)",
                "DROP VIEW v",
            };
        var seen = new HashSet<string> { before };
        foreach (var ddl in changes)
        {
            await db.ExecuteAsync(ddl);
            var now = await Fingerprint();
            Assert.That(seen.Add(now), Is.True, "fingerprint did not change after: " + ddl);
        }
    }

    [Test]
    public async Task Wrong_password_is_explained_without_the_password()
    {
        var wrong = "wrong-" + Guid.NewGuid().ToString("N")[..10];
        var ex = await FailAsync(With(Server(), "Password", wrong) + ";Database=" + (Pg ? "postgres" : "mysql"));
        Assert.That(ex.Message, Does.Contain("password").And.Contain("schemadrift"));
        Assert.That(ex.Remedy, Is.EqualTo("Check the user name and password in the connection string."));
        Assert.That(ex.Describe(), Does.Not.Contain(wrong));
    }

    [Test]
    public async Task Closed_port_is_explained_within_the_timeout()
    {
        var ex = await FailAsync(With(Server(), "Port", TestDatabase.ClosedPort().ToString()) + ";Database=x");
        Assert.That(ex.Message, Does.StartWith("nothing accepts connections at 127.0.0.1:"));
        Assert.That(ex.Remedy, Does.Contain("Start the"));
    }

    [Test]
    public async Task Server_that_accepts_but_never_answers_times_out()
    {
        // The kernel completes the TCP handshake for a listening socket nobody accepts from, so the
        // driver connects and then waits for a greeting that never comes.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
            var clock = Stopwatch.StartNew();
            var ex = await FailAsync(With(Server(), "Port", port.ToString()) + ";Database=x");
            Assert.That(clock.Elapsed.TotalSeconds, Is.GreaterThan(Timeout - 0.5), "waited for the timeout");
            Assert.That(ex.Message, Does.Contain("did not answer within " + Timeout + " s"));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Test]
    public async Task Unknown_host_is_explained_within_the_timeout()
    {
        var ex = await FailAsync(With(Server(), Pg ? "Host" : "Server", "no-such-host.invalid") + ";Database=x");
        Assert.That(ex.Message, Does.StartWith("the host of no-such-host.invalid:").And.EndWith(" cannot be resolved"));
    }

    [Test]
    public async Task Unknown_database_is_explained()
    {
        var ex = await FailAsync(Server() + ";Database=sd_missing_db");
        Assert.That(ex.Message, Does.Contain("'sd_missing_db' does not exist"));
        Assert.That(ex.Remedy, Does.Contain("Create it"));
    }

    [Test]
    public async Task Missing_permission_is_explained_without_the_password()
    {
        await using var db = await TestDatabase.CreateAsync(_provider, "CREATE TABLE t (id INT)");
        var user = "sd_ro_" + Guid.NewGuid().ToString("N")[..8];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        if (Pg)
        {
            await db.ExecuteOnServerAsync("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'; REVOKE CONNECT ON DATABASE " + db.Name + " FROM PUBLIC;");
        }
        else
        {
            await db.ExecuteOnServerAsync("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
        }
        try
        {
            var connectionString = With(With(db.ConnectionString, Pg ? "Username" : "User ID", user), "Password", password);
            var ex = await FailAsync(connectionString);
            Assert.That(ex.Message, Does.Contain("user '" + user + "' may not read the schema"));
            Assert.That(ex.Describe(), Does.Not.Contain(password));
        }
        finally
        {
            await db.ExecuteOnServerAsync(Pg ? "DROP ROLE " + user : "DROP USER '" + user + "'@'%'");
        }
    }

    [Test]
    public async Task Missing_host_or_database_in_the_connection_string_is_explained()
    {
        var ex = Assert.ThrowsAsync<IntrospectionException>(() => TestDatabase.OpenReaderAsync(_provider, Pg ? "Username=x;Password=secret-value" : "Server=127.0.0.1;User ID=x;Password=secret-value", Timeout));
        Assert.That(ex!.Message, Does.Contain(Pg ? "names no host" : "names no database"));
        Assert.That(ex.Describe(), Does.Not.Contain("secret-value"));
        await Task.CompletedTask;
    }

    private string Server() => TestDatabase.ServerConnectionString(_provider);

    /// <summary>The connection string with one key replaced (the driver's own builder keeps the other keys).</summary>
    private string With(string connectionString, string key, string value)
    {
        if (Pg) return new NpgsqlConnectionStringBuilder(connectionString) { [key] = value }.ConnectionString;
        return new MySqlConnectionStringBuilder(connectionString) { [key] = value }.ConnectionString;
    }

    /// <summary>Opening and reading must fail with an IntrospectionException, quickly, and never show the server's admin password.</summary>
    private async Task<IntrospectionException> FailAsync(string connectionString)
    {
        var clock = Stopwatch.StartNew();
        var ex = Assert.ThrowsAsync<IntrospectionException>(async () =>
        {
            await using var opened = await TestDatabase.OpenReaderAsync(_provider, connectionString, Timeout);
            await opened.Reader.ReadAsync(CancellationToken.None);
        });
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(Timeout + 3), "fails within the connect timeout");
        var adminPassword = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = Server() }["Password"].ToString()!;
        Assert.That(ex!.Describe(), Does.Not.Contain(adminPassword));
        Assert.That(ex.Remedy, Does.EndWith("."));
        TestContext.Progress.WriteLine(_provider + " failure after " + clock.ElapsedMilliseconds + " ms: " + ex.Describe());
        await Task.CompletedTask;
        return ex;
    }
}
