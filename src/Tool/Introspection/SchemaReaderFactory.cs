using System.Data.Common;
using SchemaDrift.Tool.Connections;
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
            default:
                throw new IntrospectionException(
                    "introspection of '" + provider + "' databases is not available in this version",
                    "Use SchemaDriftMode=offline with a committed snapshot.");
        }
    }
}
