using System.Data.Common;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection.MySql;
using SchemaDrift.Tool.Introspection.Postgres;
using SchemaDrift.Tool.Introspection.Sqlite;

namespace SchemaDrift.Tool.Introspection;

/// <summary>An open connection and the reader for its engine; disposing closes the connection.</summary>
internal sealed class OpenedReader : IAsyncDisposable
{
    public OpenedReader(DbConnection connection, ISchemaReader reader, string? watchFile)
    {
        Connection = connection;
        Reader = reader;
        WatchFile = watchFile;
    }

    public DbConnection Connection { get; }
    public ISchemaReader Reader { get; }

    /// <summary>For SQLite, the database file whose stamp tells whether anything changed.</summary>
    public string? WatchFile { get; }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

internal static class SchemaReaderFactory
{
    /// <summary>
    /// How long one catalog query may run: the connect timeout bounds reaching the server,
    /// this bounds reading a large catalog (the caller also cancels the whole run).
    /// </summary>
    public static int CommandTimeoutSeconds(int timeoutSeconds) => Math.Max(30, timeoutSeconds * 6);

    public static async Task<OpenedReader> OpenAsync(string provider, string connectionString, string projectDirectory, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var driverForm = ConnectionStrings.ToDriverForm(provider, connectionString, projectDirectory);
        switch (provider)
        {
            case "sqlite":
            {
                var path = ConnectionStrings.SqlitePath(driverForm) ?? throw new IntrospectionException(
                    "the SQLite connection string names no file", "Use the form 'Data Source=app.db'.");
                var connection = SqliteSchemaReader.Open(path, timeoutSeconds);
                await Task.CompletedTask;
                return new OpenedReader(connection, new SqliteSchemaReader(connection, path), path);
            }
            case "postgres":
            {
                var (connection, translate) = await PostgresConnectionOpener.OpenAsync(driverForm, timeoutSeconds, cancellationToken);
                var session = new CatalogSession(connection, CommandTimeoutSeconds(timeoutSeconds), translate);
                return new OpenedReader(connection, new PostgresSchemaReader(session, timeoutSeconds), null);
            }
            case "mysql":
            {
                var (connection, translate) = await MySqlConnectionOpener.OpenAsync(driverForm, timeoutSeconds, cancellationToken);
                var session = new CatalogSession(connection, CommandTimeoutSeconds(timeoutSeconds), translate);
                return new OpenedReader(connection, new MySqlSchemaReader(session, MySqlFlavor.Parse(connection.ServerVersion)), null);
            }
            default:
                throw new IntrospectionException(
                    "introspection of '" + provider + "' databases is not available in this version",
                    "Use SchemaDriftMode=offline with a committed snapshot.");
        }
    }
}
