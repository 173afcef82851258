using System.Diagnostics;
using System.Globalization;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Introspection;

namespace SchemaDrift.Tool.Audit;

/// <summary>
/// One audit run: the schema read, the live facts, the snapshot checks, then statistics and
/// bounded data checks, all on the connection the reader opened. The tests call this directly.
/// </summary>
internal static class AuditRunner
{
    public static async Task<AuditResult> RunLiveAsync(OpenedReader opened, AuditOptions options, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = await opened.Reader.ReadAsync(cancellationToken);
        var readerQueries = opened.Reader.QueryCount;
        snapshot.Fingerprint = await opened.Reader.ReadFingerprintAsync(cancellationToken);
        readerQueries++;
        var result = NewResult(snapshot, live: true);
        result.Settings = options.Describe();
        var session = new AuditSession(opened.Connection, Math.Max(5, options.DataQueryTimeoutSeconds))
        {
            Deadline = DateTime.UtcNow.AddSeconds(Math.Max(20, timeoutSeconds * 5)),
        };
        var facts = new AuditFacts();
        var live = LiveAudit.For(session, snapshot, options, facts, result);
        await live.ReadFactsAsync(cancellationToken);
        result.Findings.AddRange(SnapshotAudit.Run(snapshot, options, facts));
        await live.RunStatisticsAsync(cancellationToken);
        await live.RunDataChecksAsync(cancellationToken);
        result.Queries = readerQueries + session.QueryCount;
        result.ElapsedMilliseconds = watch.ElapsedMilliseconds;
        result.Sort();
        return result;
    }

    /// <summary>The snapshot checks alone (no database reachable): says which checks could not run.</summary>
    public static AuditResult RunSnapshotOnly(SchemaSnapshot snapshot, AuditOptions options)
    {
        var watch = Stopwatch.StartNew();
        var result = NewResult(snapshot, live: false);
        result.Settings = options.Describe();
        result.Findings.AddRange(SnapshotAudit.Run(snapshot, options));
        result.Skipped.Add(new AuditSkip("DBIDX005, DBINT001, DBINT003, DBINT004, DBINT005, DBFUNC002, DBPERF002, DBPERF004",
            "no database reachable: statistics and data checks need a live connection (partitions and extension tables could not be told apart either)"));
        result.ElapsedMilliseconds = watch.ElapsedMilliseconds;
        result.Sort();
        return result;
    }

    private static AuditResult NewResult(SchemaSnapshot snapshot, bool live) => new()
    {
        Provider = snapshot.Provider,
        Database = snapshot.Database,
        ServerVersion = snapshot.ServerVersion,
        Fingerprint = snapshot.Fingerprint,
        CreatedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Live = live,
    };
}
