using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Lint;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Migrations;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `push`: SchemaDriftPush (seed: /db push, push --production, drift --fix --push). Applies the
/// staged migrations the database does not have yet, in order, following the seed's push
/// decision matrix: local first; production only with SchemaDriftConfirm naming the database,
/// and — when a local database is configured too — only migrations that succeeded locally
/// (same checksum, history.json); destructive statements on populated tables only with
/// SchemaDriftConfirmDestructive. Each migration runs in a transaction where the engine
/// allows it, is re-introspected and verified; on failure it is rolled back (MySQL: its
/// rollback steps), marked BLOCKED, and nothing after it runs.
/// </summary>
internal sealed class PushCommand
{
    private readonly CommandContext _c;

    public PushCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    public async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        var ct = cts.Token;
        var o = _c.O;
        var production = _c.IsProduction;
        DatabaseTarget? target;
        DatabaseTarget? local = null;
        if (production)
        {
            var prod = DatabaseTargets.Production(o, _c.R);
            if (_c.R.ErrorCount > 0) return 1;
            local = DatabaseTargets.Local(o, _c.R, report: false);
            // Without a separate production connection, the configured connection is the production database.
            target = prod ?? (local == null ? null : local with { Role = "production" });
            if (prod == null) local = null;
            if (target == null)
            {
                _c.R.Error("DBDRIFT000", "No production connection: set SCHEMADRIFT_PRODUCTION_CONNECTION or SchemaDriftProductionConnectionStringName (or the usual connection settings).");
                return 1;
            }
            if (local != null && local.ConnectionString == target.ConnectionString) local = null;
        }
        else
        {
            target = DatabaseTargets.Local(o, _c.R);
            if (target == null) return 1;
        }

        var staged = _c.Reports.ListStaged();
        await using var session = await _c.OpenAsync(target, ct);
        if (session == null) return 1;
        var dbName = await session.DatabaseNameAsync(ct);
        var where = target.Role + " " + target.Provider + " database '" + dbName + "' (connection from " + target.Source + ")";

        if (production)
        {
            var confirm = o.Get("confirm");
            if (!string.Equals(confirm, dbName, StringComparison.Ordinal))
            {
                _c.R.Error("DBPUSH001", "Refusing to push to the production database '" + dbName + "': production pushes need a human decision. " +
                                        (confirm == null ? "Confirm by naming it: -p:SchemaDriftConfirm=" + dbName : "SchemaDriftConfirm='" + confirm + "' does not name this database") +
                                        ". Before you do: take a backup, review the SQL, test it on staging, keep the rollback ready.");
                Record(null, target, dbName, "refused", "production push without confirmation");
                return 1;
            }
        }

        var state = await HistoryTable.StateAsync(session, ct);
        var pending = new List<StagedMigration>();
        foreach (var m in staged)
        {
            var checksum = m.Checksum;
            if (state.TryGetValue(m.BaseName, out var st))
            {
                if (st.Status == "applied")
                {
                    if (st.Checksum != checksum)
                    {
                        _c.R.Error("DBPUSH002", m.BaseName + " was changed after it was applied to the " + target.Role + " database (checksum differs). " +
                                                "Never edit an applied migration: roll it back first, or write a new migration.");
                        return 1;
                    }
                    continue;
                }
                if (st.Status == "BLOCKED" && st.Checksum == checksum && !o.Has("retry-blocked"))
                {
                    _c.R.Error("DBPUSH003", m.BaseName + " is BLOCKED: it failed before and was rolled back. Fix the cause, then edit or regenerate it (a changed file is tried again), " +
                                            "or retry as it is with -p:SchemaDriftRetryBlocked=true. Not retried blindly.");
                    return 1;
                }
            }
            pending.Add(m);
        }
        if (pending.Count == 0)
        {
            _c.R.Text("SchemaDrift: the " + where + " has every staged migration (" + staged.Count.ToString(CultureInfo.InvariantCulture) + "): schema is in sync, nothing to push.");
            return 0;
        }

        // Remote only after local: the same file (checksum) must have succeeded on the local database.
        if (production && local != null)
        {
            var untested = pending.Where(m => !HistoryFile.AppliedLocally(_c.Reports.History, m.BaseName, m.Checksum)).ToList();
            if (untested.Count > 0)
            {
                _c.R.Error("DBPUSH004", "Refusing to push to production before the same migration succeeded locally: " + string.Join(", ", untested.Select(m => m.BaseName)) +
                                        ". Run 'dotnet build -t:SchemaDriftPush' against the local database first (history.json records it by checksum).");
                Record(null, target, dbName, "refused", "not applied locally first");
                return 1;
            }
        }
        else if (production)
        {
            _c.R.Warning("DBPUSH005", "No separate local database is configured, so this production push was not tested locally first (the seed: push to remote directly, with extra caution).");
        }

        _c.R.Text("SchemaDrift: pushing " + pending.Count.ToString(CultureInfo.InvariantCulture) + " migration(s) to the " + where + ".");
        if (target.Provider == SqlProviders.MySql)
        {
            _c.R.Info("SchemaDrift: MySQL/MariaDB commit DDL implicitly, so statements apply one by one; if one fails, the migration's rollback steps undo the ones before it.");
        }
        var pushed = 0;
        foreach (var m in pending)
        {
            var outcome = await PushOneAsync(session, m, target, dbName, ct);
            if (outcome == Outcome.Refused) return 1;
            if (outcome == Outcome.Blocked)
            {
                var rest = pending.Skip(pending.IndexOf(m) + 1).Select(x => x.BaseName).ToList();
                if (rest.Count > 0) _c.R.Text("SchemaDrift: not pushed because " + m.BaseName + " is BLOCKED: " + string.Join(", ", rest) + ".");
                return 1;
            }
            pushed++;
        }
        _c.R.Text("SchemaDrift: pushed " + pushed.ToString(CultureInfo.InvariantCulture) + " migration(s) to the " + where + "; the next build re-checks the code against the new schema.");
        return 0;
    }

    private enum Outcome
    {
        Applied,
        Blocked,
        Refused,
    }

    private async Task<Outcome> PushOneAsync(MigrationSession s, StagedMigration m, DatabaseTarget target, string dbName, CancellationToken ct)
    {
        var o = _c.O;
        var text = m.Sql;
        var checksum = MigrationScript.Checksum(text);
        var script = MigrationScript.Parse(text, s.Provider);
        if (script.Provider != null && script.Provider != s.Provider)
        {
            _c.R.Error("DBPUSH006", m.BaseName + " was generated for " + script.Provider + ", the database is " + s.Provider + ".");
            return Outcome.Refused;
        }
        if (script.Error != null)
        {
            _c.R.Error("DBPUSH006", m.BaseName + ": " + script.Error + ".");
            return Outcome.Refused;
        }
        var manifest = m.Manifest;
        if (manifest != null && manifest.SqlChecksum != checksum)
        {
            _c.R.Warning("DBPUSH007", m.BaseName + ".sql was edited after it was generated: its manifest's expectations are checked anyway; regenerate it if the intent changed.");
        }

        // Destructive statements on tables with data need their own confirmation.
        var pre = await s.ReadSchemaAsync(ct);
        var lint = MigrationLinter.Lint(script, s.Provider, pre);
        var destructive = new List<string>();
        var d = MigrationDialect.For(s.Provider);
        foreach (var f in lint.Where(f => f.Destructive))
        {
            var rows = await RowsAsync(s, d, pre, f, ct);
            if (rows == 0)
            {
                _c.R.Info("SchemaDrift: " + m.BaseName + " line " + f.Line.ToString(CultureInfo.InvariantCulture) + " is destructive (" + f.Message + ") but the table holds no rows: no data to lose.");
                continue;
            }
            destructive.Add("line " + f.Line.ToString(CultureInfo.InvariantCulture) + ": " + f.Message + " (" + (rows == null ? "rows unknown" : SchemaDiffer.Count(rows.Value) + " rows") + ")");
        }
        if (destructive.Count > 0 && !o.Has("confirm-destructive"))
        {
            _c.R.Error("DBPUSH008", "Refusing to apply " + m.BaseName + ": it can lose data — " + string.Join("; ", destructive) +
                                    ". Read its DATA LOSS WARNING, back up, then confirm with -p:SchemaDriftConfirmDestructive=true.");
            Record(m, target, dbName, "refused", "destructive without confirmation", checksum);
            return Outcome.Refused;
        }
        if (!m.HasRollback) _c.R.Warning("DBPUSH009", m.BaseName + " has no rollback file (" + Path.GetFileName(m.RollbackPath) + "): every migration should have one.");

        // The schema before, for rollback verification (taken after the history table exists).
        await HistoryTable.EnsureAsync(s, ct);
        pre = await s.ReadSchemaAsync(ct);
        var beforePath = _c.Reports.BeforeSnapshotPath(m, target.Role);
        _c.Write(beforePath, SnapshotSerializer.Write(pre, SnapshotFlavor.Committed));

        var clock = Stopwatch.StartNew();
        _c.R.Info("SchemaDrift: applying " + m.BaseName + " (" + script.Statements.Count.ToString(CultureInfo.InvariantCulture) + " statements" +
                  (s.Provider == SqlProviders.MySql ? ", one by one" : script.HasExplicitTransactions ? ", in the file's transaction blocks" : ", in one transaction") + ").");
        var result = await MigrationRunner.RunAsync(s, script, line => _c.R.Detail("SchemaDrift: " + line), ct);
        List<string> unmet = new();
        SchemaSnapshot? after = null;
        if (result.Success)
        {
            after = await s.ReadSchemaAsync(ct);
            if (manifest != null)
            {
                unmet = MigrationManifest.Unmet(manifest.Expectations, after).Select(e => e.Describe()).ToList();
            }
            if (unmet.Count > 0)
            {
                result.Success = false;
                result.Error = "the database does not show what the migration was meant to do: missing " + string.Join(", ", unmet);
                // Everything was committed: undo all of it.
                foreach (var n in manifest!.Changes.Select(x => x.Number)) result.Committed.Add(n);
                result.CommittedUnnumbered = true;
            }
        }

        if (result.Success)
        {
            await HistoryTable.RecordAsync(s, m.BaseName, checksum, "applied", clock.ElapsedMilliseconds, ct);
            var fixes = manifest?.Changes.SelectMany(x => x.Fixes).Distinct().ToList() ?? new List<string>();
            Record(m, target, dbName, "applied", null, checksum, clock.Elapsed.TotalSeconds, fixes);
            _c.R.Text("SchemaDrift: " + m.BaseName + " applied in " + clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms; re-introspected: " +
                      (manifest == null ? "no manifest (hand-written), so only its own checks verified it" :
                          manifest.Expectations.Count.ToString(CultureInfo.InvariantCulture) + " expected change(s) present" +
                          (fixes.Count > 0 ? ", findings resolved: " + string.Join(", ", fixes) : "")) + ".");
            return Outcome.Applied;
        }

        // Failure: roll back, verify the schema is as before, mark BLOCKED.
        var recovery = "the transaction was rolled back";
        var problems = new List<string>();
        if (result.Committed.Count > 0 || result.CommittedUnnumbered)
        {
            if (m.HasRollback)
            {
                var rollback = MigrationScript.Parse(File.ReadAllText(m.RollbackPath), s.Provider);
                problems = await MigrationRunner.UndoAsync(s, rollback, result, line => _c.R.Detail("SchemaDrift: " + line), ct);
                recovery = "the applied steps were undone with " + Path.GetFileName(m.RollbackPath) + (problems.Count > 0 ? " (" + problems.Count.ToString(CultureInfo.InvariantCulture) + " undo step(s) failed: " + string.Join("; ", problems) + ")" : "");
            }
            else
            {
                recovery = "NO rollback file to undo the applied steps";
            }
        }
        after = await s.ReadSchemaAsync(ct);
        var differences = SchemaCompare.Differences(pre, after);
        var verdict = differences.Count == 0 ? "the schema is as it was before the push" : "the schema still differs from before the push: " + string.Join("; ", differences);
        await HistoryTable.RecordAsync(s, m.BaseName, checksum, "BLOCKED", clock.ElapsedMilliseconds, ct);
        Record(m, target, dbName, "BLOCKED", result.Error + "; " + recovery + "; " + verdict, checksum, clock.Elapsed.TotalSeconds);
        _c.R.Error("DBPUSH010", m.BaseName + " failed and is BLOCKED: " + result.Error + ". " + char.ToUpperInvariant(recovery[0]) + recovery.Substring(1) + "; " + verdict +
                                (differences.Count == 0 ? "; data untouched" : "") + ". Not retried blindly: fix the cause and push again.");
        return Outcome.Blocked;
    }

    private static async Task<long?> RowsAsync(MigrationSession s, MigrationDialect d, SchemaSnapshot schema, LintFinding f, CancellationToken ct)
    {
        if (f.Table == null) return null;
        var t = schema.Tables.FirstOrDefault(x => string.Equals(x.Name, f.Table, StringComparison.OrdinalIgnoreCase));
        if (t == null) return 0; // created by this migration: nothing in it yet
        try
        {
            var sql = f.Column != null && t.Columns.Any(c => string.Equals(c.Name, f.Column, StringComparison.OrdinalIgnoreCase)) && f.Code == LintRules.DropColumn
                ? d.CountNonNull(t.Schema, t.Name, t.Columns.First(c => string.Equals(c.Name, f.Column, StringComparison.OrdinalIgnoreCase)).Name)
                : d.CountRows(t.Schema, t.Name);
            return Convert.ToInt64(await s.ScalarAsync(sql, null, ct), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return null;
        }
    }

    private void Record(StagedMigration? m, DatabaseTarget target, string dbName, string status, string? detail, string? checksum = null, double seconds = 0, List<string>? fixes = null)
    {
        var op = new JsonObject
        {
            ["type"] = "push",
            ["provider"] = target.Provider,
            ["orm"] = _c.Orm,
            ["target"] = target.Role,
            ["database"] = dbName,
            ["connection"] = target.Source,
            ["migration"] = m?.BaseName,
            ["checksum"] = checksum,
            ["status"] = status,
            ["duration_seconds"] = Math.Round(seconds, 2),
            ["migrations_pushed"] = status == "applied" ? 1 : 0,
        };
        if (detail != null) op["detail"] = _c.R.Scrub(detail);
        if (fixes != null && fixes.Count > 0) op["fixes"] = new JsonArray(fixes.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
        HistoryFile.Append(_c.Reports.History, op);
        _c.EnsureGitIgnore();
    }
}
