using System.Globalization;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Audit;

/// <summary>
/// MySQL/MariaDB: ON UPDATE CURRENT_TIMESTAMP columns (the snapshot does not record them),
/// InnoDB persistent statistics that stopped following the table, and the bounded data checks
/// (InnoDB enforces foreign keys, except for rows written with foreign_key_checks = 0).
/// Index usage needs performance_schema, which is off by default on MariaDB: not judged.
/// </summary>
internal sealed class MySqlLiveAudit : LiveAudit
{
    public MySqlLiveAudit(AuditSession session, SchemaSnapshot snapshot, AuditOptions options, AuditFacts facts, AuditResult result)
        : base(session, snapshot, options, facts, result)
    {
    }

    private bool IsMariaDb => (Snapshot.ServerVersion ?? "").Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    public override async Task ReadFactsAsync(CancellationToken cancellationToken)
    {
        await Session.ExecuteAsync("SET SESSION TRANSACTION READ ONLY", cancellationToken);
        // Server-side bound on every statement (the client-side command timeout is the backstop).
        await Session.ExecuteAsync(IsMariaDb
            ? "SET SESSION max_statement_time = " + Options.DataQueryTimeoutSeconds.ToString(CultureInfo.InvariantCulture)
            : "SET SESSION max_execution_time = " + (Options.DataQueryTimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture), cancellationToken);
        var onUpdate = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = await Session.ForEachRowAsync(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND LOWER(EXTRA) LIKE '%on update%'",
            r => onUpdate.Add(r.GetString(0) + "." + r.GetString(1)), cancellationToken);
        if (ok) Facts.OnUpdateColumns = onUpdate;
    }

    public override async Task RunStatisticsAsync(CancellationToken cancellationToken)
    {
        Skip("DBIDX005, DBPERF004", "MySQL/MariaDB keep index and scan usage only in performance_schema (off by default on MariaDB) or the userstat plugin: not judged");
        var candidates = new List<(TableInfo Table, long StatsRows, string Options)>();
        var ok = await Session.ForEachRowAsync(@"
SELECT t.TABLE_NAME, s.n_rows, t.CREATE_OPTIONS
FROM information_schema.TABLES t
JOIN mysql.innodb_table_stats s ON s.database_name = t.TABLE_SCHEMA AND s.table_name = t.TABLE_NAME
WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND t.ENGINE = 'InnoDB' AND s.n_rows < " +
            Options.MaintenanceMinRows.ToString(CultureInfo.InvariantCulture), r =>
        {
            var t = AuditedTables.FirstOrDefault(x => x.Name == r.GetString(0));
            if (t != null) candidates.Add((t, Long(r, 1) ?? 0, Text(r, 2) ?? ""));
        }, cancellationToken);
        if (!ok)
        {
            Skip("DBPERF002", "InnoDB persistent statistics (mysql.innodb_table_stats) could not be read: " + Session.LastError);
            return;
        }
        foreach (var (t, statsRows, createOptions) in candidates)
        {
            var rows = await BoundedCountAsync(t, Options.MaintenanceMinRows, cancellationToken);
            if (rows == null || rows < Options.MaintenanceMinRows || statsRows * 10 >= rows) continue;
            var noRecalc = createOptions.Contains("stats_auto_recalc=0", StringComparison.OrdinalIgnoreCase);
            var sql = "ANALYZE TABLE " + QuoteTable(t);
            Result.Findings.Add(AuditFinding.OnTable(AuditRules.MissingMaintenance, t.Schema, t.Name,
                "InnoDB statistics say " + N(statsRows) + " rows but the table has at least " + N(rows.Value) +
                (noRecalc ? " (STATS_AUTO_RECALC=0: they are never recalculated)" : ": they were not recalculated since it was filled") + "; the optimizer plans with wrong numbers.",
                "Run " + sql + (noRecalc ? " and re-enable STATS_AUTO_RECALC (ALTER TABLE " + QuoteTable(t) + " STATS_AUTO_RECALC=DEFAULT)" : "") + ".").WithSql(sql));
        }
    }
}
