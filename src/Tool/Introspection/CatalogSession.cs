using System.Data.Common;

namespace SchemaDrift.Tool.Introspection;

/// <summary>
/// Sends catalog queries on one open server connection, counts them (so tests and
/// benchmarks can check that the cost does not grow with the number of tables) and
/// turns driver failures into <see cref="IntrospectionException"/>s.
/// </summary>
internal sealed class CatalogSession
{
    private readonly DbConnection _connection;
    private readonly int _commandTimeoutSeconds;
    private readonly Func<Exception, IntrospectionException?> _translate;

    /// <param name="translate">Maps a driver exception to a user-facing one, or null to let it pass.</param>
    public CatalogSession(DbConnection connection, int commandTimeoutSeconds, Func<Exception, IntrospectionException?> translate)
    {
        _connection = connection;
        _commandTimeoutSeconds = commandTimeoutSeconds;
        _translate = translate;
    }

    /// <summary>Statements sent since the last <see cref="ResetCount"/> (every round trip counts, transaction control included).</summary>
    public int QueryCount { get; private set; }

    public void ResetCount() => QueryCount = 0;

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(sql, null, async cmd => await cmd.ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    public Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        RunAsync(sql, parameters, async cmd =>
        {
            var value = await cmd.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }, cancellationToken);

    /// <summary>Runs a query and hands every row to <paramref name="row"/>.</summary>
    public Task ForEachRowAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        RunAsync<object?>(sql, parameters, async cmd =>
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
            return null;
        }, cancellationToken);

    /// <summary>
    /// Runs several queries in one batch and hands each result set's rows, in order, to its
    /// handler. The server executes the next query while this process is still reading the
    /// previous one's rows, so the read costs about the slower of the two instead of their sum.
    /// Providers without batch support run the queries one after another.
    /// </summary>
    public async Task ForEachRowAsync(IReadOnlyList<(string Sql, Action<DbDataReader> Row)> queries, CancellationToken cancellationToken)
    {
        if (!_connection.CanCreateBatch)
        {
            foreach (var (sql, row) in queries) await ForEachRowAsync(sql, row, cancellationToken);
            return;
        }
        QueryCount += queries.Count;
        await using var batch = _connection.CreateBatch();
        batch.Timeout = _commandTimeoutSeconds;
        foreach (var (sql, _) in queries)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            batch.BatchCommands.Add(command);
        }
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < queries.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException("the catalog batch returned " + i + " result sets instead of " + queries.Count);
                }
                while (await reader.ReadAsync(cancellationToken))
                {
                    queries[i].Row(reader);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && _translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<T> RunAsync<T>(string sql, (string Name, object Value)[]? parameters, Func<DbCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        QueryCount++;
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = _commandTimeoutSeconds;
        foreach (var (name, value) in parameters ?? Array.Empty<(string, object)>())
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        try
        {
            return await run(cmd);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && _translate(ex) is { } translated)
        {
            throw translated;
        }
    }
}

/// <summary>Small typed accessors for catalog rows, where NULL means "absent".</summary>
internal static class CatalogRow
{
    /// <summary>Text of a column; some MySQL information_schema columns arrive as UTF-8 bytes.</summary>
    public static string? Text(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Name(this DbDataReader r, int i) => r.Text(i) ?? "";

    public static long? Long(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static bool Flag(this DbDataReader r, int i) => !r.IsDBNull(i) && Convert.ToBoolean(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    public static T[] Array<T>(this DbDataReader r, int i) => r.IsDBNull(i) ? System.Array.Empty<T>() : r.GetFieldValue<T[]>(i);
}
