using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Audit;

/// <summary>
/// SQLite: ANALYZE statistics (sqlite_stat1), NULLs in PRIMARY KEY columns (SQLite's legacy
/// rule allows them outside INTEGER PRIMARY KEY and WITHOUT ROWID tables), and the bounded data
/// checks. Foreign keys are only enforced on connections that enable them, so orphans are common.
/// </summary>
internal sealed class SqliteLiveAudit : LiveAudit
{
    public SqliteLiveAudit(AuditSession session, SchemaSnapshot snapshot, AuditOptions options, AuditFacts facts, AuditResult result)
        : base(session, snapshot, options, facts, result)
    {
    }

    public override Task ReadFactsAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the connection is read-only already

    public override async Task RunStatisticsAsync(CancellationToken cancellationToken)
    {
        Skip("DBIDX005, DBPERF004", "SQLite keeps no usage statistics: not judged");
        var analyzed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hasStat1 = false;
        await Session.ForEachRowAsync("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'", r => hasStat1 = r.GetInt64(0) > 0, cancellationToken);
        if (hasStat1) await Session.ForEachRowAsync("SELECT DISTINCT tbl FROM sqlite_stat1", r => analyzed.Add(r.GetString(0)), cancellationToken);
        foreach (var t in AuditedTables)
        {
            // Statistics matter where the planner has a choice: tables with indexes.
            if (t.Indexes.Count == 0 || analyzed.Contains(t.Name)) continue;
            var rows = await BoundedCountAsync(t, Options.MaintenanceMinRows, cancellationToken);
            if (rows == null || rows < Options.MaintenanceMinRows) continue;
            Result.Findings.Add(AuditFinding.OnTable(AuditRules.MissingMaintenance, null, t.Name,
                "Table has at least " + N(rows.Value) + " rows and " + t.Indexes.Count + " index" + (t.Indexes.Count == 1 ? "" : "es") +
                " but no ANALYZE statistics (sqlite_stat1): the planner guesses which index to use.",
                "Run ANALYZE (or PRAGMA optimize on closing connections, which keeps statistics current cheaply).").WithSql("ANALYZE"));
        }
    }

    protected override IEnumerable<(ColumnInfo Column, string Why)> RequiredColumns(TableInfo t)
    {
        foreach (var r in base.RequiredColumns(t)) yield return r;
        if (t.WithoutRowId || t.PrimaryKey == null) yield break;
        foreach (var c in t.Columns)
        {
            if (c.PrimaryKey && c.Nullable && !AuditNaming.IsCreatedTimestamp(c.Name)) yield return (c, "a PRIMARY KEY column (SQLite allows NULL there unless it is declared NOT NULL)");
        }
    }
}
