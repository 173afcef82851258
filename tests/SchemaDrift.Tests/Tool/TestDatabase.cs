using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Introspection;

namespace SchemaDrift.Tests.Tool;

/// <summary>
/// A throwaway database on one of the test servers build/servers.sh starts, created with
/// a unique name and dropped on dispose. Tests that need a server call
/// <see cref="CreateAsync"/>, which ignores the test when the server is not configured.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SCHEMADRIFT_TEST_POSTGRES";
    public const string MySqlVariable = "SCHEMADRIFT_TEST_MYSQL";

    private readonly string _adminConnectionString;

    private TestDatabase(string provider, string adminConnectionString, string name, string connectionString)
    {
        Provider = provider;
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Provider { get; }
    public string Name { get; }

    /// <summary>Driver connection string for this database (admin user).</summary>
    public string ConnectionString { get; }

    /// <summary>The admin password, which must never show up in any output.</summary>
    public string Password => new DbConnectionStringBuilder { ConnectionString = ConnectionString }["Password"].ToString()!;

    /// <summary>The server's connection string from the environment, or the test is ignored (failed under build/test.sh).</summary>
    public static string ServerConnectionString(string provider)
    {
        var variable = provider == SqlProviders.Postgres ? PostgresVariable : MySqlVariable;
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            // build/test.sh sets this when it started the servers: then a missing server is a failure, not a skip.
            if (Environment.GetEnvironmentVariable("SCHEMADRIFT_REQUIRE_SERVERS") == "1")
            {
                Assert.Fail(variable + " is not set although SCHEMADRIFT_REQUIRE_SERVERS=1: build/servers.sh did not start the server.");
            }
            Assert.Ignore(variable + " is not set: database tests run through build/test.sh (or eval \"$(build/servers.sh start)\").");
        }
        return value!;
    }

    public static async Task<TestDatabase> CreateAsync(string provider, string? setupSql = null)
    {
        var admin = ServerConnectionString(provider);
        var name = "sd_" + Guid.NewGuid().ToString("N")[..12];
        string connectionString;
        if (provider == SqlProviders.Postgres)
        {
            await ExecutePostgresAsync(admin, "CREATE DATABASE " + name);
            connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        }
        else
        {
            await ExecuteMySqlAsync(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            connectionString = new MySqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        }
        var db = new TestDatabase(provider, admin, name, connectionString);
        if (setupSql != null) await db.ExecuteAsync(setupSql);
        return db;
    }

    /// <summary>Runs SQL in this database (several statements allowed; MySQL routine bodies need no DELIMITER).</summary>
    public Task ExecuteAsync(string sql) =>
        Provider == SqlProviders.Postgres ? ExecutePostgresAsync(ConnectionString, sql) : ExecuteMySqlAsync(ConnectionString, sql);

    /// <summary>Runs SQL against the server's default database (roles, users, other databases).</summary>
    public Task ExecuteOnServerAsync(string sql) =>
        Provider == SqlProviders.Postgres ? ExecutePostgresAsync(_adminConnectionString, sql) : ExecuteMySqlAsync(_adminConnectionString, sql);

    /// <summary>Opens the product's reader on this database, the way the tool does.</summary>
    public Task<OpenedReader> OpenReaderAsync(int timeoutSeconds = 5) => OpenReaderAsync(Provider, ConnectionString, timeoutSeconds);

    public static Task<OpenedReader> OpenReaderAsync(string provider, string connectionString, int timeoutSeconds = 5) =>
        SchemaReaderFactory.OpenAsync(provider, connectionString, Path.GetTempPath(), timeoutSeconds, CancellationToken.None);

    public async Task<SchemaSnapshot> ReadAsync()
    {
        await using var opened = await OpenReaderAsync();
        return await opened.Reader.ReadAsync(CancellationToken.None);
    }

    public async Task<string> FingerprintAsync()
    {
        await using var opened = await OpenReaderAsync();
        return await opened.Reader.ReadFingerprintAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == SqlProviders.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecutePostgresAsync(_adminConnectionString, "DROP DATABASE IF EXISTS " + Name + " WITH (FORCE)");
        }
        else
        {
            MySqlConnection.ClearAllPools();
            await ExecuteMySqlAsync(_adminConnectionString, "DROP DATABASE IF EXISTS " + Name);
        }
    }

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteMySqlAsync(string connectionString, string sql)
    {
        await using var c = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
