using System.Data.Common;
using System.Globalization;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Tool.Audit;

/// <summary>
/// The checks that need the live database: engine facts the snapshot lacks, usage statistics,
/// and bounded data checks (orphaned rows, violated implicit relations, NULLs in required
/// columns). Data checks never read more than <see cref="AuditOptions.SampleRows"/> rows of a
/// table per query: smaller tables are checked completely, larger ones sampled, and the
/// finding says which.
/// </summary>
internal abstract class LiveAudit
{
    protected LiveAudit(AuditSession session, SchemaSnapshot snapshot, AuditOptions options, AuditFacts facts, AuditResult result)
    {
        Session = session;
        Snapshot = snapshot;
        Options = options;
        Facts = facts;
        Result = result;
        Dialect = Core.Sql.Analysis.NameRules.DialectOf(snapshot.Provider);
    }

    protected AuditSession Session { get; }
    protected SchemaSnapshot Snapshot { get; }
    protected AuditOptions Options { get; }
    protected AuditFacts Facts { get; }
    protected AuditResult Result { get; }
    protected SqlDialect Dialect { get; }

    public static LiveAudit For(AuditSession session, SchemaSnapshot snapshot, AuditOptions options, AuditFacts facts, AuditResult result) =>
        snapshot.Provider switch
        {
            SqlProviders.Postgres => new PostgresLiveAudit(session, snapshot, options, facts, result),
            SqlProviders.MySql => new MySqlLiveAudit(session, snapshot, options, facts, result),
            _ => new SqliteLiveAudit(session, snapshot, options, facts, result),
        };

    /// <summary>Session settings (read-only, statement timeouts) and the facts the snapshot checks use.</summary>
    public abstract Task ReadFactsAsync(CancellationToken cancellationToken);

    /// <summary>Usage statistics: unused indexes, sequential scans, maintenance.</summary>
    public abstract Task RunStatisticsAsync(CancellationToken cancellationToken);

    protected string Quote(string name) => AuditSql.Quote(name, Dialect);

    protected string QuoteTable(TableInfo t) => AuditSql.QuoteTable(t.Schema, t.Name, Dialect, Snapshot.DefaultSchema);

    protected string? SchemaOf(TableInfo t) => Snapshot.Provider == SqlProviders.Sqlite && t.Schema == "main" ? null : t.Schema;

    protected bool IsAudited(TableInfo t) =>
        t.Kind == TableKind.Table && !AuditNaming.IsFrameworkTable(t.Name) &&
        !Facts.Partitions.Contains(AuditFacts.Qualified(t.Schema, t.Name)) && !Facts.ExtensionTables.Contains(AuditFacts.Qualified(t.Schema, t.Name));

    protected IEnumerable<TableInfo> AuditedTables => Snapshot.Tables.Where(IsAudited);

    protected void Skip(string ids, string reason) => Result.Skipped.Add(new AuditSkip(ids, reason));

    protected static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ data checks

    /// <summary>What one bounded data query saw.</summary>
    protected readonly record struct Sampled(long Checked, long Hits, bool Partial);

    private bool _budgetReported;

    /// <summary>Rows are read through this: "FROM t" plus whatever sampling the engine offers for a large table.</summary>
    protected virtual string SampleFrom(TableInfo t, out bool sampled)
    {
        sampled = false;
        return QuoteTable(t);
    }

    /// <summary>
    /// SELECT count(*), sum(hit) over at most SampleRows rows of <paramref name="t"/>. <paramref name="projection"/>
    /// is the inner select list, <paramref name="where"/> filters the inner rows, <paramref name="hit"/> decides per row.
    /// Null when the query did not run (budget, timeout, error: recorded as not checked).
    /// </summary>
    protected async Task<Sampled?> CountAsync(string ids, TableInfo t, string projection, string? where, string hit, string what, CancellationToken cancellationToken)
    {
        if (Session.DataQueryCount >= Options.MaxDataQueries || Session.PastDeadline)
        {
            if (!_budgetReported)
            {
                Skip("DBINT001, DBINT003, DBINT004, DBINT005", Session.PastDeadline
                    ? "the audit's time budget ran out; the remaining data checks did not run (raise SchemaDriftTimeoutSeconds)"
                    : "data-check budget of " + Options.MaxDataQueries + " queries spent; the remaining tables were not checked (SchemaDriftAuditMaxDataQueries)");
                _budgetReported = true;
            }
            return null;
        }
        Session.DataQueryCount++;
        var from = SampleFrom(t, out var tableSampled);
        var limit = Options.SampleRows.ToString(CultureInfo.InvariantCulture);
        var sql = "SELECT COUNT(*), SUM(CASE WHEN " + hit + " THEN 1 ELSE 0 END) FROM (SELECT " + projection + " FROM " + from +
                  (where != null ? " WHERE " + where : "") + " LIMIT " + limit + ") s";
        long checkedRows = 0, hits = 0;
        var ok = await Session.ForEachRowAsync(sql, r =>
        {
            checkedRows = r.IsDBNull(0) ? 0 : Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
            hits = r.IsDBNull(1) ? 0 : Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
        }, cancellationToken, Options.DataQueryTimeoutSeconds);
        if (!ok)
        {
            Skip(ids, what + " on " + Describe(t) + ": " + Session.LastError);
            return null;
        }
        return new Sampled(checkedRows, hits, tableSampled || checkedRows >= Options.SampleRows);
    }

    protected string Describe(TableInfo t) => SchemaOf(t) is { } s ? s + "." + t.Name : t.Name;

    protected string Scope(Sampled s, TableInfo t) =>
        s.Partial
            ? " in a sample of " + N(s.Checked) + " rows" + (t.RowEstimate is > 0 ? " (of about " + N(t.RowEstimate.Value) + ")" : "") + "; there may be more"
            : s.Checked == 1 ? " (the table's only row)" : " (all " + N(s.Checked) + " rows checked)";

    public async Task RunDataChecksAsync(CancellationToken cancellationToken)
    {
        if (!Options.DataChecks)
        {
            Skip("DBINT001, DBINT003, DBINT004, DBINT005", "data checks switched off (SchemaDriftAuditDataChecks=false)");
            return;
        }
        // Most likely problems first, so that a spent budget leaves out the least likely ones:
        // on PostgreSQL a validated foreign key with its triggers enabled cannot have orphans,
        // so those come last; elsewhere (SQLite's foreign keys are off by default) they come first.
        var postgres = Snapshot.Provider == SqlProviders.Postgres;
        foreach (var t in AuditedTables)
        {
            foreach (var fk in t.ForeignKeys.Where(fk => !postgres || !fk.Validated))
            {
                await OrphansAsync(t, fk, cancellationToken);
            }
        }
        foreach (var r in ImplicitRelations.Find(Snapshot, IsAudited))
        {
            await ImplicitAsync(r, cancellationToken);
        }
        foreach (var t in AuditedTables)
        {
            foreach (var c in RequiredColumns(t))
            {
                await NullsAsync(t, c.Column, c.Why, cancellationToken);
            }
            await CheckConstraintsAsync(t, cancellationToken);
        }
        if (!postgres) return;
        foreach (var t in AuditedTables)
        {
            foreach (var fk in t.ForeignKeys.Where(fk => fk.Validated))
            {
                await OrphansAsync(t, fk, cancellationToken);
            }
        }
    }

    private TableInfo? FindTable(string? schema, string name) =>
        Snapshot.Tables.FirstOrDefault(x => x.Name == name && (schema == null || x.Schema == schema)) ??
        (schema == null ? null : Snapshot.Tables.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase) &&
                                                                      string.Equals(x.Schema, schema, StringComparison.OrdinalIgnoreCase)));

    private string Missing(TableInfo parent, IReadOnlyList<string> parentColumns, IReadOnlyList<string> aliases)
    {
        var conditions = parentColumns.Select((c, i) => "p." + Quote(c) + " = s." + aliases[i]);
        return "NOT EXISTS (SELECT 1 FROM " + QuoteTable(parent) + " p WHERE " + string.Join(" AND ", conditions) + ")";
    }

    private async Task OrphansAsync(TableInfo t, ForeignKeyInfo fk, CancellationToken cancellationToken)
    {
        if (fk.Columns.Count == 0 || fk.Columns.Count != fk.ReferencedColumns.Count) return;
        var parent = FindTable(fk.ReferencedSchema ?? t.Schema, fk.ReferencedTable);
        if (parent == null) return;
        var aliases = fk.Columns.Select((_, i) => "k" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var projection = string.Join(", ", fk.Columns.Select((c, i) => Quote(c) + " AS " + aliases[i]));
        var where = string.Join(" AND ", fk.Columns.Select(c => Quote(c) + " IS NOT NULL"));
        var s = await CountAsync("DBINT001", t, projection, where, Missing(parent, fk.ReferencedColumns, aliases), "orphan check of " + fk.Name, cancellationToken);
        if (s == null || s.Value.Hits == 0) return;
        var why = Snapshot.Provider switch
        {
            SqlProviders.Postgres => fk.Validated ? "rows were written with triggers disabled or session_replication_role = replica" : "the constraint is NOT VALID, so existing rows were never checked",
            SqlProviders.MySql => "rows were written with foreign_key_checks = 0",
            _ => "SQLite enforces foreign keys only on connections that set PRAGMA foreign_keys = ON",
        };
        var finding = fk.Columns.Count == 1
            ? AuditFinding.OnColumn(AuditRules.OrphanedRows, SchemaOf(t), t.Name, fk.Columns[0], "", "")
            : AuditFinding.OnPart(AuditRules.OrphanedRows, SchemaOf(t), t.Name, "foreign key", fk.Name, "", "");
        Result.Findings.Add(Copy(finding,
            N(s.Value.Hits) + " row" + (s.Value.Hits == 1 ? "" : "s") + " reference " + Describe(parent) + " rows that do not exist" + Scope(s.Value, t) +
            ", although foreign key " + fk.Name + " is declared: " + why + ".",
            "Find them with SELECT * FROM " + QuoteTable(t) + " c WHERE " + string.Join(" AND ", fk.Columns.Select(c => "c." + Quote(c) + " IS NOT NULL")) +
            " AND NOT EXISTS (SELECT 1 FROM " + QuoteTable(parent) + " p WHERE " +
            string.Join(" AND ", fk.ReferencedColumns.Select((c, i) => "p." + Quote(c) + " = c." + Quote(fk.Columns[i]))) +
            "); re-link or delete them" + (Snapshot.Provider == SqlProviders.Postgres && !fk.Validated ? ", then VALIDATE CONSTRAINT " + Quote(fk.Name) : "") +
            (Snapshot.Provider == SqlProviders.Sqlite ? ", and open connections with Foreign Keys=True" : "") + "."));
    }

    private async Task ImplicitAsync(ImplicitRelation r, CancellationToken cancellationToken)
    {
        var projection = Quote(r.Column.Name) + " AS k0";
        var s = await CountAsync("DBINT004", r.Table, projection, Quote(r.Column.Name) + " IS NOT NULL",
            Missing(r.Target, new[] { r.TargetColumn.Name }, new[] { "k0" }), "implicit relation check of " + r.Column.Name, cancellationToken);
        if (s == null || s.Value.Hits == 0) return;
        Result.Findings.Add(AuditFinding.OnColumn(AuditRules.InvalidReferences, SchemaOf(r.Table), r.Table.Name, r.Column.Name,
            N(s.Value.Hits) + " row" + (s.Value.Hits == 1 ? " holds a value" : "s hold values") + " with no matching " + Describe(r.Target) + "." + r.TargetColumn.Name +
            Scope(s.Value, r.Table) + " (no foreign key enforces the relationship, see DBSCHEMA007).",
            "Find them with SELECT * FROM " + QuoteTable(r.Table) + " c WHERE c." + Quote(r.Column.Name) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " +
            QuoteTable(r.Target) + " p WHERE p." + Quote(r.TargetColumn.Name) + " = c." + Quote(r.Column.Name) +
            "); fix or clear them, then add the foreign key."));
    }

    /// <summary>Columns the schema treats as required although NULL is allowed, and why.</summary>
    protected virtual IEnumerable<(ColumnInfo Column, string Why)> RequiredColumns(TableInfo t)
    {
        foreach (var c in t.Columns)
        {
            if (!c.Nullable || c.Generated != null) continue;
            if (AuditNaming.IsCreatedTimestamp(c.Name)) yield return (c, "a creation timestamp");
        }
    }

    private async Task NullsAsync(TableInfo t, ColumnInfo c, string why, CancellationToken cancellationToken)
    {
        var s = await CountAsync("DBINT003", t, Quote(c.Name) + " AS v", null, "v IS NULL", "NULL check of " + c.Name, cancellationToken);
        if (s == null || s.Value.Hits == 0) return;
        Result.Findings.Add(AuditFinding.OnColumn(AuditRules.NullInRequired, SchemaOf(t), t.Name, c.Name,
            N(s.Value.Hits) + " row" + (s.Value.Hits == 1 ? " has" : "s have") + " NULL in " + why + Scope(s.Value, t) + ".",
            "Backfill them (UPDATE " + QuoteTable(t) + " SET " + Quote(c.Name) + " = … WHERE " + Quote(c.Name) + " IS NULL), then declare the column NOT NULL."));
    }

    /// <summary>PostgreSQL NOT VALID checks: the tool's engine class overrides.</summary>
    protected virtual Task CheckConstraintsAsync(TableInfo t, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Copies a finding's object with new texts (findings are immutable in their texts).</summary>
    protected static AuditFinding Copy(AuditFinding o, string finding, string recommendation) =>
        new AuditFinding(o.Rule, finding, recommendation)
        {
            Schema = o.Schema,
            Table = o.Table,
            Column = o.Column,
            ObjectKind = o.ObjectKind,
            ObjectName = o.ObjectName,
            ObjectText = o.ObjectText,
            Sql = o.Sql,
        };

    /// <summary>Rows in a table, counting at most <paramref name="cap"/> (never a full scan of a big table).</summary>
    protected async Task<long?> BoundedCountAsync(TableInfo t, long cap, CancellationToken cancellationToken)
    {
        long? count = null;
        var ok = await Session.ForEachRowAsync("SELECT COUNT(*) FROM (SELECT 1 AS x FROM " + QuoteTable(t) + " LIMIT " + cap.ToString(CultureInfo.InvariantCulture) + ") s",
            r => count = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken, Options.DataQueryTimeoutSeconds);
        return ok ? count : null;
    }

    protected static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    protected static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture);
}
