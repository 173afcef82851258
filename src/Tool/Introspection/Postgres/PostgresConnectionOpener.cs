using System.Globalization;
using Npgsql;

namespace SchemaDrift.Tool.Introspection.Postgres;

/// <summary>Opens the introspection connection to PostgreSQL and explains why it failed.</summary>
internal static class PostgresConnectionOpener
{
    private const string Engine = "PostgreSQL";

    // A data source is meant to live as long as the process; unpooled, it holds no connection.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new();

    public static async Task<(NpgsqlConnection Connection, Func<Exception, IntrospectionException?> Translate)> OpenAsync(
        string connectionString, int timeoutSeconds, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Timeout = Math.Min(timeoutSeconds, 1024),
                // One short-lived process, one connection: a pool would only hold it open longer.
                Pooling = false,
                Multiplexing = false,
                // The catalog queries return built-in types only: loading the database's own types
                // (a round trip and a large type graph on every connect) is wasted start-up time.
                ServerCompatibilityMode = ServerCompatibilityMode.NoTypeLoading,
            };
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "SchemaDrift";
        }
        catch (ArgumentException ex)
        {
            throw ConnectionFailures.InvalidConnectionString(Engine, ex, connectionString);
        }
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new IntrospectionException("the PostgreSQL connection string names no host", "Add Host=… (or use a postgres://user@host/db URL).");
        }
        var facts = new ConnectionFacts(builder.Host, builder.Port, builder.Username ?? Environment.UserName, builder.Database ?? builder.Username ?? "", timeoutSeconds);
        var translate = ConnectionFailures.Translator(ex => Describe(ex, facts), connectionString);
        // The slim builder registers only the core type handlers (plus arrays, which the catalog
        // queries return); the full one JIT-compiles hundreds of mappings this tool never reads.
        var connection = DataSources.GetOrAdd(builder.ConnectionString,
            cs => new NpgsqlSlimDataSourceBuilder(cs).EnableArrays().Build()).CreateConnection();
        await ConnectionFailures.OpenAsync(connection, translate, cancellationToken);
        return (connection, translate);
    }

    private static IntrospectionException? Describe(Exception ex, ConnectionFacts f)
    {
        if (ex is PostgresException pg)
        {
            return pg.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword => new IntrospectionException(
                    "PostgreSQL at " + f.Endpoint + " rejected the password for user '" + f.User + "'",
                    "Check the user name and password in the connection string.", ex),
                PostgresErrorCodes.InvalidAuthorizationSpecification => new IntrospectionException(
                    "PostgreSQL at " + f.Endpoint + " does not let user '" + f.User + "' in: " + pg.MessageText,
                    "Check the user name, or ask for an entry in the server's pg_hba.conf for this host, user and database.", ex),
                PostgresErrorCodes.InvalidCatalogName => new IntrospectionException(
                    "the database '" + f.Database + "' does not exist on PostgreSQL at " + f.Endpoint,
                    "Create it (for example by running your migrations) or fix Database= in the connection string.", ex),
                PostgresErrorCodes.InsufficientPrivilege => new IntrospectionException(
                    "user '" + f.User + "' may not read the schema on PostgreSQL at " + f.Endpoint + ": " + pg.MessageText,
                    "Connect as a role with CONNECT on the database and USAGE on its schemas (a read-only role is enough).", ex),
                PostgresErrorCodes.QueryCanceled => new IntrospectionException(
                    "PostgreSQL at " + f.Endpoint + " cancelled a catalog query (statement timeout)",
                    "Retry, or raise SchemaDriftTimeoutSeconds if the schema is very large.", ex),
                PostgresErrorCodes.LockNotAvailable => new IntrospectionException(
                    "a catalog query on PostgreSQL at " + f.Endpoint + " waited too long for a lock (a migration may be running)",
                    "Retry when the migration has finished.", ex),
                PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow => new IntrospectionException(
                    "PostgreSQL at " + f.Endpoint + " does not accept connections right now: " + pg.MessageText,
                    "Retry in a moment, or free connections on the server.", ex),
                PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.UndefinedFunction => new IntrospectionException(
                    "the PostgreSQL server at " + f.Endpoint + " lacks a catalog column SchemaDrift reads (" + pg.MessageText + ")",
                    "SchemaDrift supports PostgreSQL 12 and newer; upgrade the server or use a committed snapshot (SchemaDriftMode=offline).", ex),
                _ => new IntrospectionException(
                    "PostgreSQL at " + f.Endpoint + " reported " + pg.SqlState + ": " + pg.MessageText,
                    "Check the server log and the connection settings.", ex),
            };
        }
        if (ConnectionFailures.Network(ex, Engine, f.Endpoint, f.TimeoutSeconds) is { } network) return network;
        if (ex is NpgsqlException npg)
        {
            return new IntrospectionException("the connection to PostgreSQL at " + f.Endpoint + " failed: " + npg.Message,
                "Check that the server is running and that the connection string's SSL and authentication settings match it.", ex);
        }
        return null;
    }
}
