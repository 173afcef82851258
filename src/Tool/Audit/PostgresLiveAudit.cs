using System.Globalization;
using System.Text.RegularExpressions;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Audit;

/// <summary>
/// PostgreSQL: facts from pg_class/pg_depend/pg_roles/pg_proc (partitions, extension objects,
/// API roles, SECURITY DEFINER functions executable by PUBLIC) in one query, usage statistics
/// from pg_stat_user_tables in another, then the bounded data checks (TABLESAMPLE on large tables).
/// </summary>
internal sealed class PostgresLiveAudit : LiveAudit
{
    private const string UserSchema = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";

    public PostgresLiveAudit(AuditSession session, SchemaSnapshot snapshot, AuditOptions options, AuditFacts facts, AuditResult result)
        : base(session, snapshot, options, facts, result)
    {
    }

    private readonly List<(string Schema, string Name, string Arguments)> _publicDefiners = new();

    private const string Facts_ = @"
SELECT 'partition', n.nspname, c.relname, NULL FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relispartition AND " + UserSchema + @"
UNION ALL
SELECT 'extension-table', n.nspname, c.relname, NULL FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r','p','v','m','f') AND " + UserSchema + @"
   AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT 'extension-routine', n.nspname, p.proname, pg_get_function_arguments(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE " + UserSchema + @"
   AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'role', NULL, r.rolname, NULL FROM pg_roles r WHERE r.rolname IN ('anon', 'authenticated')
UNION ALL
SELECT 'public-definer', n.nspname, p.proname, pg_get_function_arguments(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.prosecdef AND p.prokind IN ('f', 'p') AND " + UserSchema + @"
   AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
   AND EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')";

    private const string TableStats = @"
SELECT s.schemaname, s.relname, s.seq_scan, s.idx_scan, s.n_live_tup, s.n_dead_tup,
       s.last_vacuum IS NOT NULL OR s.last_autovacuum IS NOT NULL,
       s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL,
       c.reltuples::bigint, s.seq_tup_read,
       (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database())
FROM pg_stat_user_tables s
JOIN pg_class c ON c.oid = s.relid";

    public override async Task ReadFactsAsync(CancellationToken cancellationToken)
    {
        // Read-only by default for every statement of this session; bounded waits for locks.
        await Session.ExecuteAsync("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET lock_timeout = '2s'; SET statement_timeout = '" +
                                   (Options.DataQueryTimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture) + "ms'", cancellationToken);
        var ok = await Session.ForEachRowAsync(Facts_, r =>
        {
            var kind = r.GetString(0);
            var schema = Text(r, 1);
            var name = r.GetString(2);
            switch (kind)
            {
                case "partition":
                    Facts.Partitions.Add(AuditFacts.Qualified(schema, name));
                    break;
                case "extension-table":
                    Facts.ExtensionTables.Add(AuditFacts.Qualified(schema, name));
                    break;
                case "extension-routine":
                    Facts.ExtensionRoutines.Add(schema + "." + name + "(" + Text(r, 3) + ")");
                    break;
                case "role":
                    Facts.ApiRoles = true;
                    break;
                case "public-definer":
                    _publicDefiners.Add((schema ?? "", name, Text(r, 3) ?? ""));
                    break;
            }
        }, cancellationToken);
        if (!ok) Skip("DBFUNC002", "catalog facts could not be read: " + Session.LastError);
    }

    public override async Task RunStatisticsAsync(CancellationToken cancellationToken)
    {
        foreach (var (schema, name, arguments) in _publicDefiners.OrderBy(d => d.Schema, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            var routine = Snapshot.Routines.FirstOrDefault(r => r.Schema == schema && r.Name == name && r.Arguments == arguments);
            var signature = Quote(schema) + "." + Quote(name) + "(" + string.Join(", ", routine?.ArgumentTypes ?? new List<string>()) + ")";
            var kind = routine?.Kind ?? "function";
            Result.Findings.Add(new AuditFinding(AuditRules.SecurityDefinerPublic,
                "SECURITY DEFINER " + kind + " keeps the default EXECUTE grant to PUBLIC: every role" + (Facts.ApiRoles ? ", including the API's anon role," : "") +
                " runs it with its owner's privileges.",
                "Revoke it and grant only the roles that need it: REVOKE EXECUTE ON " + (kind == "procedure" ? "PROCEDURE " : "FUNCTION ") + signature +
                " FROM PUBLIC; GRANT EXECUTE ON … TO <role>. Or make it SECURITY INVOKER if it does not need the owner's privileges.")
            {
                Schema = schema,
                ObjectKind = kind,
                ObjectName = name + "(" + arguments + ")",
            });
        }

        var stats = new Dictionary<string, (long Seq, long? Idx, long Live, long Dead, bool Vacuumed, bool Analyzed, long Estimate, long SeqRead)>(StringComparer.Ordinal);
        string? reset = null;
        var ok = await Session.ForEachRowAsync(TableStats, r =>
        {
            stats[AuditFacts.Qualified(r.GetString(0), r.GetString(1))] = (Long(r, 2) ?? 0, Long(r, 3), Long(r, 4) ?? 0, Long(r, 5) ?? 0,
                r.GetBoolean(6), r.GetBoolean(7), Long(r, 8) ?? -1, Long(r, 9) ?? 0);
            if (!r.IsDBNull(10)) reset = Convert.ToDateTime(r.GetValue(10), CultureInfo.InvariantCulture).ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        }, cancellationToken);
        if (!ok)
        {
            Skip("DBIDX005, DBPERF002, DBPERF004", "pg_stat_user_tables could not be read: " + Session.LastError);
            return;
        }
        var since = reset != null ? "since the statistics were reset (" + reset + ")" : "since the statistics began (server start or the last reset)";
        foreach (var t in AuditedTables)
        {
            if (!stats.TryGetValue(AuditFacts.Qualified(t.Schema, t.Name), out var s)) continue;
            UnusedIndexes(t, s.Seq + (s.Idx ?? 0), since);
            Maintenance(t, s.Live, s.Dead, s.Vacuumed, s.Analyzed);
            var rows = Math.Max(s.Live, s.Estimate);
            if (rows >= Options.SeqScanMinRows && s.Seq >= Options.SeqScanMinScans && s.Seq > (s.Idx ?? 0))
            {
                Result.Findings.Add(AuditFinding.OnTable(AuditRules.SequentialScans, t.Schema, t.Name,
                    "Table of about " + N(rows) + " rows was read by " + N(s.Seq) + " sequential scans and " + N(s.Idx ?? 0) + " index scans " + since +
                    " (" + N(s.SeqRead) + " rows read sequentially).",
                    "Find the queries that scan it (pg_stat_statements, EXPLAIN) and index the columns they filter on; SchemaDrift's DBIDX002/DBIDX006 point at such queries in the code."));
            }
        }
    }

    private void UnusedIndexes(TableInfo t, long tableReads, string since)
    {
        if (tableReads < Options.UnusedIndexMinTableScans) return;
        foreach (var i in t.Indexes)
        {
            if (i.Scans != 0 || i.Unique || i.Primary || !i.Valid) continue;
            // An index that is the only one serving a foreign key waits for parent deletes; dropping it brings DBIDX001.
            var keys = i.Columns.Select(c => c.Name).ToList();
            var servesForeignKey = t.ForeignKeys.Any(fk => fk.Columns.Count <= keys.Count && keys.Take(fk.Columns.Count).All(k => k != null && fk.Columns.Contains(k)) &&
                                                           t.Indexes.Count(o => o.Valid && o.Columns.Take(fk.Columns.Count).All(c => c.Name != null && fk.Columns.Contains(c.Name))) == 1);
            if (servesForeignKey) continue;
            var sql = "DROP INDEX CONCURRENTLY " + Quote(t.Schema) + "." + Quote(i.Name);
            Result.Findings.Add(AuditFinding.OnPart(AuditRules.UnusedIndex, t.Schema, t.Name, "index", i.Name,
                "Index was never scanned " + since + ", while the table was read " + N(tableReads) + " times.",
                "If the statistics cover a representative period (and the standby servers agree), drop it: " + sql + ".").WithSql(sql));
        }
    }

    private void Maintenance(TableInfo t, long live, long dead, bool vacuumed, bool analyzed)
    {
        var problems = new List<string>();
        if (!analyzed && live >= Options.MaintenanceMinRows) problems.Add("has about " + N(live) + " rows and was never analyzed: the planner guesses its statistics");
        if (!vacuumed && dead >= Options.MaintenanceMinRows && dead * 5 > live) problems.Add("holds " + N(dead) + " dead rows and was never vacuumed");
        if (problems.Count == 0) return;
        var sql = "VACUUM (ANALYZE) " + QuoteTable(t);
        Result.Findings.Add(AuditFinding.OnTable(AuditRules.MissingMaintenance, t.Schema, t.Name,
            "Table " + string.Join(" and ", problems) + ".",
            "Run " + sql + " and check that autovacuum is enabled for it (ALTER TABLE … RESET (autovacuum_enabled)).").WithSql(sql));
    }

    /// <summary>TABLESAMPLE SYSTEM on tables estimated larger than the sample: a spread of pages instead of the first ones.</summary>
    protected override string SampleFrom(TableInfo t, out bool sampled)
    {
        sampled = false;
        if (t.RowEstimate is not { } estimate || estimate <= Options.SampleRows) return QuoteTable(t);
        var percent = Math.Min(100.0, Math.Max(0.0001, Options.SampleRows * 200.0 / estimate));
        sampled = percent < 100.0;
        return QuoteTable(t) + (sampled ? " TABLESAMPLE SYSTEM (" + percent.ToString("0.####", CultureInfo.InvariantCulture) + ")" : "");
    }

    private static readonly Regex NotNullCheck = new(@"^\(*\s*(""(?:[^""]|"""")+""|[a-z_][a-z0-9_$]*)\s+IS\s+NOT\s+NULL\s*\)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    protected override IEnumerable<(ColumnInfo Column, string Why)> RequiredColumns(TableInfo t)
    {
        foreach (var r in base.RequiredColumns(t)) yield return r;
        foreach (var check in t.Checks.Where(c => !c.Validated))
        {
            var m = NotNullCheck.Match(check.Expression.Trim());
            if (!m.Success) continue;
            var name = m.Groups[1].Value;
            name = name.StartsWith('"') ? name[1..^1].Replace("\"\"", "\"") : name;
            var column = t.Columns.FirstOrDefault(c => c.Name == name);
            if (column != null && column.Nullable && !AuditNaming.IsCreatedTimestamp(column.Name))
            {
                yield return (column, "a column its NOT VALID check " + check.Name + " requires");
            }
        }
    }

    protected override async Task CheckConstraintsAsync(TableInfo t, CancellationToken cancellationToken)
    {
        foreach (var check in t.Checks.Where(c => !c.Validated && !NotNullCheck.IsMatch(c.Expression.Trim())))
        {
            var s = await CountAsync("DBINT005", t, "*", null, "(" + check.Expression + ") IS FALSE", "check " + check.Name, cancellationToken);
            if (s == null || s.Value.Hits == 0) continue;
            var sql = "ALTER TABLE " + QuoteTable(t) + " VALIDATE CONSTRAINT " + Quote(check.Name ?? "");
            Result.Findings.Add(AuditFinding.OnPart(AuditRules.InconsistentData, t.Schema, t.Name, "constraint", check.Name ?? check.Expression,
                N(s.Value.Hits) + " row" + (s.Value.Hits == 1 ? " violates" : "s violate") + " CHECK " + check.Expression + ", which was added NOT VALID" + Scope(s.Value, t) + ".",
                "Fix them (SELECT * FROM " + QuoteTable(t) + " WHERE NOT (" + check.Expression + ")), then " + sql + ".").WithSql(sql));
        }
    }
}
