using System.Globalization;
using MySqlConnector;

namespace SchemaDrift.Tool.Introspection.MySql;

/// <summary>Opens the introspection connection to MySQL or MariaDB and explains why it failed.</summary>
internal static class MySqlConnectionOpener
{
    private const string Engine = "MySQL/MariaDB";

    public static async Task<(MySqlConnection Connection, Func<Exception, IntrospectionException?> Translate)> OpenAsync(
        string connectionString, int timeoutSeconds, CancellationToken cancellationToken)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString)
            {
                ConnectionTimeout = (uint)timeoutSeconds,
                // One short-lived process, one connection: a pool would only hold it open longer.
                Pooling = false,
            };
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "SchemaDrift";
        }
        catch (ArgumentException ex)
        {
            throw ConnectionFailures.InvalidConnectionString(Engine, ex, connectionString);
        }
        if (string.IsNullOrEmpty(builder.Server))
        {
            throw new IntrospectionException("the MySQL connection string names no server", "Add Server=… (or use a mysql://user@host/db URL).");
        }
        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new IntrospectionException("the MySQL connection string names no database",
                "Add Database=… to the connection string: SchemaDrift reads the schema of that database.");
        }
        var facts = new ConnectionFacts(builder.Server, (int)builder.Port, builder.UserID ?? "", builder.Database, timeoutSeconds);
        var translate = ConnectionFailures.Translator(ex => Describe(ex, facts), connectionString);
        var connection = new MySqlConnection(builder.ConnectionString);
        await ConnectionFailures.OpenAsync(connection, translate, cancellationToken);
        return (connection, translate);
    }

    private static IntrospectionException? Describe(Exception ex, ConnectionFacts f)
    {
        if (ex is MySqlException my)
        {
            switch (my.ErrorCode)
            {
                case MySqlErrorCode.AccessDenied:
                    return new IntrospectionException("MySQL at " + f.Endpoint + " rejected the user name or password for user '" + f.User + "'",
                        "Check the user name and password in the connection string.", ex);
                case MySqlErrorCode.HostNotPrivileged:
                    return new IntrospectionException("MySQL at " + f.Endpoint + " does not accept user '" + f.User + "' from this machine",
                        "Grant the user access from this host (CREATE USER '" + f.User + "'@'<host>'), or connect from an allowed host.", ex);
                case MySqlErrorCode.UnknownDatabase:
                    return new IntrospectionException("the database '" + f.Database + "' does not exist on MySQL at " + f.Endpoint,
                        "Create it (for example by running your migrations) or fix Database= in the connection string.", ex);
                case MySqlErrorCode.DatabaseAccessDenied:
                case MySqlErrorCode.TableAccessDenied:
                case MySqlErrorCode.ColumnAccessDenied:
                case MySqlErrorCode.SpecifiedAccessDeniedError:
                case MySqlErrorCode.PrecedureAccessDenied:
                    return new IntrospectionException("user '" + f.User + "' may not read the schema of '" + f.Database + "' on MySQL at " + f.Endpoint + ": " + my.Message,
                        "Grant the user SELECT (a read-only grant is enough) on the database.", ex);
                case MySqlErrorCode.CommandTimeoutExpired:
                case MySqlErrorCode.QueryTimeout:
                    return new IntrospectionException("a catalog query on MySQL at " + f.Endpoint + " timed out",
                        "Retry, or raise SchemaDriftTimeoutSeconds if the schema is very large.", ex);
                case MySqlErrorCode.LockWaitTimeout:
                    return new IntrospectionException("a catalog query on MySQL at " + f.Endpoint + " waited too long for a lock (a migration may be running)",
                        "Retry when the migration has finished.", ex);
                case MySqlErrorCode.ConnectionCountError:
                case MySqlErrorCode.TooManyUserConnections:
                    return new IntrospectionException("MySQL at " + f.Endpoint + " has no free connections",
                        "Retry in a moment, or free connections on the server.", ex);
                case MySqlErrorCode.UnableToConnectToHost:
                    // One code, and no socket error, for unknown hosts, refused ports and connect timeouts.
                    return my.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase)
                        ? ConnectionFailures.TimedOut(Engine, f.Endpoint, f.TimeoutSeconds, ex)
                        : ConnectionFailures.Unreachable(Engine, f, ex);
                case MySqlErrorCode.BadFieldError:
                case MySqlErrorCode.UnknownTable:
                    return new IntrospectionException("the server at " + f.Endpoint + " lacks an information_schema column SchemaDrift reads (" + my.Message + ")",
                        "SchemaDrift supports MySQL 5.7+ and MariaDB 10.2+; upgrade the server or use a committed snapshot (SchemaDriftMode=offline).", ex);
            }
            if (my.Message.Contains("RSA public key", StringComparison.OrdinalIgnoreCase))
            {
                return new IntrospectionException("MySQL at " + f.Endpoint + " needs the server's RSA key to check the password over an unencrypted connection",
                    "Add AllowPublicKeyRetrieval=true or SslMode=Required to the connection string.", ex);
            }
        }
        if (ConnectionFailures.Network(ex, Engine, f.Endpoint, f.TimeoutSeconds) is { } network) return network;
        if (ex is MySqlException other)
        {
            return new IntrospectionException("MySQL at " + f.Endpoint + " reported error " + ((int)other.ErrorCode).ToString(CultureInfo.InvariantCulture) + ": " + other.Message,
                "Check the server log and the connection settings.", ex);
        }
        return null;
    }
}
