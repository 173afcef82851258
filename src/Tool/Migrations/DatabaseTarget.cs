using System.Data.Common;
using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Introspection.MySql;
using SchemaDrift.Tool.Introspection.Postgres;

namespace SchemaDrift.Tool.Migrations;

/// <summary>A database a migration command works on: where its connection string came from, never the string in any output.</summary>
internal sealed record DatabaseTarget(string Provider, string ConnectionString, string Source, string Role)
{
    public bool IsProduction => Role == "production";
}

/// <summary>
/// Resolves the local (development) and production connections. Local is the usual
/// SchemaDrift connection (SCHEMADRIFT_CONNECTION, SchemaDriftConnectionString,
/// ConnectionStrings:&lt;SchemaDriftConnectionStringName&gt;). Production is
/// SCHEMADRIFT_PRODUCTION_CONNECTION, else ConnectionStrings:&lt;SchemaDriftProductionConnectionStringName&gt;
/// (environment ConnectionStrings__name, user secrets, appsettings). Values are registered
/// with the reporter as secrets the moment they are read.
/// </summary>
internal static class DatabaseTargets
{
    public const string ProductionVariable = "SCHEMADRIFT_PRODUCTION_CONNECTION";

    public static DatabaseTarget? Local(ToolOptions o, Reporter r, bool report = true)
    {
        var c = ConnectionResolver.Resolve(o, r);
        if (c == null)
        {
            if (report) r.Error("DBDRIFT000", "No connection string: set SchemaDriftConnectionString, the SCHEMADRIFT_CONNECTION environment variable, or SchemaDriftConnectionStringName.");
            return null;
        }
        return WithProvider(o, r, c.ConnectionString, c.Source, "local", report);
    }

    /// <summary>The production connection, or null when none is configured.</summary>
    public static DatabaseTarget? Production(ToolOptions o, Reporter r)
    {
        var env = Environment.GetEnvironmentVariable(ProductionVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Register(r, WithProvider(o, r, env!, "environment variable " + ProductionVariable, "production", true));
        var name = o.Get("production-connection-name");
        if (name == null) return null;
        var found = Named(o, r, name);
        if (found == null)
        {
            r.Error("DBDRIFT000", "SchemaDriftProductionConnectionStringName is '" + name + "' but no ConnectionStrings:" + name +
                                  " was found (environment ConnectionStrings__" + name + ", user secrets, appsettings.json).");
            return null;
        }
        return WithProvider(o, r, found.Value.Value, found.Value.Source, "production", true);
    }

    /// <summary>ConnectionStrings:&lt;name&gt; the way a .NET app reads it (environment, user secrets, appsettings).</summary>
    public static (string Value, string Source)? Named(ToolOptions o, Reporter r, string name)
    {
        var envName = "ConnectionStrings__" + name;
        var fromEnv = Environment.GetEnvironmentVariable(envName);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Secret(r, fromEnv!, "environment variable " + envName);
        var secretsId = o.Get("user-secrets-id");
        if (secretsId != null && ConnectionResolver.ReadConnectionString(ConnectionResolver.UserSecretsPath(secretsId), name) is { } s)
        {
            return Secret(r, s, "user secrets ConnectionStrings:" + name);
        }
        foreach (var file in new[] { "appsettings.Development.json", "appsettings.json" })
        {
            if (ConnectionResolver.ReadConnectionString(Path.Combine(o.ProjectDirectory, file), name) is { } v) return Secret(r, v, file + " ConnectionStrings:" + name);
        }
        return null;
    }

    /// <summary>`env:VAR`, `name:NAME` (ConnectionStrings), `local`/`live` (the project's connection). Files are handled by the caller.</summary>
    public static DatabaseTarget? Reference(ToolOptions o, Reporter r, string reference, string role)
    {
        if (reference.Equals("local", StringComparison.OrdinalIgnoreCase) || reference.Equals("live", StringComparison.OrdinalIgnoreCase)) return Local(o, r);
        if (reference.Equals("production", StringComparison.OrdinalIgnoreCase))
        {
            var p = Production(o, r);
            if (p == null) r.Error("DBDRIFT000", "'production' names no connection: set SCHEMADRIFT_PRODUCTION_CONNECTION or SchemaDriftProductionConnectionStringName.");
            return p;
        }
        if (reference.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            var variable = reference.Substring(4);
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                r.Error("DBDRIFT000", "The environment variable " + variable + " is not set.");
                return null;
            }
            var (cs, source) = Secret(r, value!, "environment variable " + variable);
            return WithProvider(o, r, cs, source, role, true);
        }
        if (reference.StartsWith("name:", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("connection:", StringComparison.OrdinalIgnoreCase))
        {
            var name = reference.Substring(reference.IndexOf(':') + 1);
            var found = Named(o, r, name);
            if (found == null)
            {
                r.Error("DBDRIFT000", "No ConnectionStrings:" + name + " found (environment ConnectionStrings__" + name + ", user secrets, appsettings.json).");
                return null;
            }
            return WithProvider(o, r, found.Value.Value, found.Value.Source, role, true);
        }
        r.Error("DBDRIFT000", "'" + reference + "' is neither a snapshot file nor a connection reference. Use a .json snapshot path, env:VARIABLE, name:ConnectionStringName or local. " +
                              "Connection strings never go on the command line.");
        return null;
    }

    private static (string, string) Secret(Reporter r, string value, string source)
    {
        r.AddSecret(value);
        foreach (var s in ConnectionStrings.SecretsIn(value)) r.AddSecret(s);
        return (value, source);
    }

    private static DatabaseTarget? Register(Reporter r, DatabaseTarget? t)
    {
        if (t == null) return null;
        Secret(r, t.ConnectionString, t.Source);
        return t;
    }

    private static DatabaseTarget? WithProvider(ToolOptions o, Reporter r, string cs, string source, string role, bool report)
    {
        var packages = (o.Get("packages") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var provider = ProviderDetector.Detect(o.Get("provider"), cs, packages);
        if (provider == null)
        {
            if (report) r.Error("DBDRIFT000", "Cannot tell which database engine the connection string (from " + source + ") is for: set SchemaDriftProvider.");
            return null;
        }
        return new DatabaseTarget(provider.Value, cs, source, role);
    }
}

/// <summary>An open, writable connection for migrations (introspection keeps its own read-only one).</summary>
internal sealed class MigrationSession : IAsyncDisposable
{
    private MigrationSession(DatabaseTarget target, DbConnection connection, string projectDirectory, int timeoutSeconds)
    {
        Target = target;
        Connection = connection;
        ProjectDirectory = projectDirectory;
        TimeoutSeconds = timeoutSeconds;
    }

    public DatabaseTarget Target { get; }
    public DbConnection Connection { get; }
    public string ProjectDirectory { get; }
    public int TimeoutSeconds { get; }
    public string Provider => Target.Provider;

    /// <summary>How long one migration statement may run (index builds and backfills take time).</summary>
    public int StatementTimeoutSeconds { get; set; } = 600;

    public static async Task<MigrationSession> OpenAsync(DatabaseTarget target, string projectDirectory, int timeoutSeconds, CancellationToken ct)
    {
        var driverForm = ConnectionStrings.ToDriverForm(target.Provider, target.ConnectionString, projectDirectory);
        DbConnection connection;
        switch (target.Provider)
        {
            case SqlProviders.Sqlite:
                {
                    var path = ConnectionStrings.SqlitePath(driverForm) ?? throw new IntrospectionException("the SQLite connection string names no file", "Use the form 'Data Source=app.db'.");
                    if (!File.Exists(path)) throw new IntrospectionException("the SQLite database file '" + path + "' does not exist", "Create it first or fix the Data Source path.");
                    var b = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = timeoutSeconds };
                    var c = new SqliteConnection(b.ConnectionString);
                    await c.OpenAsync(ct);
                    connection = c;
                    break;
                }
            case SqlProviders.Postgres:
                connection = (await PostgresConnectionOpener.OpenAsync(driverForm, timeoutSeconds, ct)).Connection;
                break;
            case SqlProviders.MySql:
                connection = (await MySqlConnectionOpener.OpenAsync(driverForm, timeoutSeconds, ct)).Connection;
                break;
            default:
                throw new IntrospectionException("migrations for '" + target.Provider + "' are not available", "Set SchemaDriftProvider to postgres, mysql or sqlite.");
        }
        return new MigrationSession(target, connection, projectDirectory, timeoutSeconds);
    }

    /// <summary>The database name as the engine reports it (SQLite: the file name), for SchemaDriftConfirm.</summary>
    public async Task<string> DatabaseNameAsync(CancellationToken ct)
    {
        if (Provider == SqlProviders.Sqlite)
        {
            var path = ConnectionStrings.SqlitePath(ConnectionStrings.ToDriverForm(Provider, Target.ConnectionString, ProjectDirectory)) ?? "";
            return Path.GetFileName(path);
        }
        var name = await ScalarAsync(Provider == SqlProviders.Postgres ? "SELECT current_database()" : "SELECT DATABASE()", null, ct);
        return Convert.ToString(name, System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public async Task<int> ExecuteAsync(string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = StatementTimeoutSeconds;
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<object?> ScalarAsync(string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = StatementTimeoutSeconds;
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is DBNull ? null : v;
    }

    public async Task<List<object?[]>> QueryAsync(string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = StatementTimeoutSeconds;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The whole schema, read with the product's own reader (a separate read-only session).</summary>
    public async Task<SchemaSnapshot> ReadSchemaAsync(CancellationToken ct)
    {
        await using var opened = await SchemaReaderFactory.OpenAsync(Provider, Target.ConnectionString, ProjectDirectory, TimeoutSeconds, ct);
        var s = await opened.Reader.ReadAsync(ct);
        s.Fingerprint = await opened.Reader.ReadFingerprintAsync(ct);
        return s;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
