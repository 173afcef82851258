using System.Data.Common;
using System.Diagnostics;

namespace SchemaDrift.Tool.Audit;

/// <summary>
/// Runs the audit's own queries on the connection the reader opened: counts them, bounds each
/// one by a timeout, and turns a query that fails or times out into "not checked" instead of
/// an aborted audit. The audit never writes: the session is read-only where the engine allows.
/// </summary>
internal sealed class AuditSession
{
    private readonly DbConnection _connection;

    public AuditSession(DbConnection connection, int defaultTimeoutSeconds)
    {
        _connection = connection;
        DefaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    public DbConnection Connection => _connection;
    public int DefaultTimeoutSeconds { get; }
    public int QueryCount { get; private set; }

    /// <summary>Data-check queries sent (bounded by AuditOptions.MaxDataQueries).</summary>
    public int DataQueryCount { get; set; }

    /// <summary>After this moment no further data-check query starts (the audit must finish inside the build's time limit).</summary>
    public DateTime Deadline { get; set; } = DateTime.MaxValue;

    public bool PastDeadline => DateTime.UtcNow >= Deadline;

    /// <summary>Why the last failed query failed (for the "not checked" list).</summary>
    public string? LastError { get; private set; }

    public async Task<bool> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        return await RunAsync(sql, null, async cmd => await cmd.ExecuteNonQueryAsync(cancellationToken), cancellationToken) != null;
    }

    /// <summary>Hands every row to <paramref name="row"/>; false when the query failed or timed out.</summary>
    public async Task<bool> ForEachRowAsync(string sql, Action<DbDataReader> row, CancellationToken cancellationToken, int? timeoutSeconds = null)
    {
        var done = await RunAsync(sql, timeoutSeconds, async cmd =>
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) row(reader);
            return (object)true;
        }, cancellationToken);
        return done != null;
    }

    private async Task<object?> RunAsync(string sql, int? timeoutSeconds, Func<DbCommand, Task<object>> run, CancellationToken cancellationToken)
    {
        QueryCount++;
        LastError = null;
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = Math.Max(1, timeoutSeconds ?? DefaultTimeoutSeconds);
        var watch = Stopwatch.StartNew();
        try
        {
            return await run(cmd);
        }
        catch (Exception ex) when (ex is DbException || ex is InvalidOperationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested) || ex is TimeoutException)
        {
            LastError = IsTimeout(ex) || watch.Elapsed.TotalSeconds >= cmd.CommandTimeout
                ? "timed out after " + cmd.CommandTimeout + " s"
                : FirstLine(ex.Message);
            return null;
        }
    }

    private static bool IsTimeout(Exception ex) =>
        ex is TimeoutException || ex.InnerException is TimeoutException ||
        ex.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("canceling statement", StringComparison.OrdinalIgnoreCase) ||
        ex.Message.Contains("max_statement_time", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("interrupted", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n');
        return (i < 0 ? s : s[..i]).Trim();
    }
}
