using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Migrations;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `rollback`: SchemaDriftRollback (seed: /db rollback &lt;migration&gt;). Applies the rollback
/// file of the newest applied migration (named by SchemaDriftMigrationName), in a transaction
/// where the engine allows it, then re-introspects and verifies the schema equals the
/// pre-migration snapshot push saved. Production needs SchemaDriftConfirm like push.
/// </summary>
internal sealed class RollbackCommand
{
    private readonly CommandContext _c;

    public RollbackCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    public async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        var ct = cts.Token;
        var o = _c.O;
        var name = o.Get("migration-name");
        if (name == null)
        {
            _c.R.Error("DBDRIFT000", "Name the migration to roll back: dotnet build -t:SchemaDriftRollback -p:SchemaDriftMigrationName=<migration>.");
            return 1;
        }
        var m = _c.Reports.Find(name);
        if (m == null)
        {
            _c.R.Error("DBDRIFT000", "No staged migration '" + name + "' in " + _c.Relative(_c.Reports.Staged) + ".");
            return 1;
        }
        if (!m.HasRollback)
        {
            _c.R.Error("DBDRIFT000", m.BaseName + " has no rollback file " + Path.GetFileName(m.RollbackPath) + ".");
            return 1;
        }
        DatabaseTarget? target;
        if (_c.IsProduction)
        {
            target = DatabaseTargets.Production(o, _c.R);
            if (target == null && _c.R.ErrorCount == 0 && DatabaseTargets.Local(o, _c.R) is { } only) target = only with { Role = "production" };
        }
        else
        {
            target = DatabaseTargets.Local(o, _c.R);
        }
        if (target == null) return 1;
        await using var s = await _c.OpenAsync(target, ct);
        if (s == null) return 1;
        var dbName = await s.DatabaseNameAsync(ct);
        if (_c.IsProduction && !string.Equals(o.Get("confirm"), dbName, StringComparison.Ordinal))
        {
            _c.R.Error("DBPUSH001", "Refusing to roll back on the production database '" + dbName + "' without confirmation: -p:SchemaDriftConfirm=" + dbName + ".");
            return 1;
        }
        var state = await HistoryTable.StateAsync(s, ct);
        if (!state.TryGetValue(m.BaseName, out var st) || st.Status != "applied")
        {
            _c.R.Error("DBDRIFT000", m.BaseName + " is not applied to the " + target.Role + " database" + (st.Status != null ? " (its state is " + st.Status + ")" : "") + ": nothing to roll back.");
            return 1;
        }
        var later = _c.Reports.ListStaged().Where(x => string.CompareOrdinal(x.BaseName, m.BaseName) > 0 && state.TryGetValue(x.BaseName, out var ls) && ls.Status == "applied").ToList();
        if (later.Count > 0)
        {
            _c.R.Error("DBDRIFT000", "Roll back the newer migrations first (newest first): " + string.Join(", ", later.Select(x => x.BaseName).Reverse()) + ".");
            return 1;
        }

        var text = File.ReadAllText(m.RollbackPath);
        var script = MigrationScript.Parse(text, s.Provider);
        if (script.Error != null)
        {
            _c.R.Error("DBDRIFT000", Path.GetFileName(m.RollbackPath) + ": " + script.Error + ".");
            return 1;
        }
        var destructive = script.Statements.Where(x => x.Destructive != null).ToList();
        if (destructive.Count > 0 && !o.Has("confirm-destructive"))
        {
            _c.R.Error("DBPUSH008", "Refusing to run " + Path.GetFileName(m.RollbackPath) + ": it can lose data (" + string.Join("; ", destructive.Select(x => x.Destructive)) +
                                    "). Confirm with -p:SchemaDriftConfirmDestructive=true.");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        _c.R.Info("SchemaDrift: rolling back " + m.BaseName + " on the " + target.Role + " " + s.Provider + " database '" + dbName + "' with " + Path.GetFileName(m.RollbackPath) + ".");
        var result = await MigrationRunner.RunAsync(s, script, line => _c.R.Detail("SchemaDrift: " + line), ct);
        if (!result.Success)
        {
            var partial = result.Committed.Count > 0 || result.CommittedUnnumbered;
            _c.R.Error("DBPUSH011", "The rollback of " + m.BaseName + " failed: " + result.Error + ". " +
                                    (partial ? "Some rollback steps were already committed (MySQL/MariaDB DDL commits implicitly): the database is between the two states; fix the cause and run the rollback again."
                                             : "Its transaction was rolled back: the migration is still applied and the data untouched."));
            Record(m, target, dbName, "rollback_failed", result.Error, clock.Elapsed.TotalSeconds);
            return 1;
        }
        await HistoryTable.RecordAsync(s, m.BaseName, m.Checksum, "rolled_back", clock.ElapsedMilliseconds, ct);

        // Verify against the snapshot push saved before applying the migration.
        var now = await s.ReadSchemaAsync(ct);
        var beforePath = _c.Reports.BeforeSnapshotPath(m, target.Role);
        var before = SnapshotStore.TryRead(beforePath, out _);
        if (before == null)
        {
            _c.R.Warning("DBDRIFT000", "Rolled back " + m.BaseName + ", but there is no pre-migration snapshot (" + _c.Relative(beforePath) + ") to verify against.");
            Record(m, target, dbName, "rolled_back", "not verified: no pre-migration snapshot", clock.Elapsed.TotalSeconds);
            return 0;
        }
        var differences = SchemaCompare.Differences(before, now);
        var order = SchemaCompare.ColumnOrderDifferences(before, now);
        if (differences.Count > 0)
        {
            _c.R.Error("DBPUSH012", "Rolled back " + m.BaseName + ", but the schema differs from before the migration: " + string.Join("; ", differences) + ".");
            Record(m, target, dbName, "rolled_back", "schema differs from the pre-migration snapshot: " + string.Join("; ", differences), clock.Elapsed.TotalSeconds);
            return 1;
        }
        _c.R.Text("SchemaDrift: rolled back " + m.BaseName + " in " + clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms; the schema equals the pre-migration snapshot" +
                  (order.Count > 0 ? " (column order differs in " + string.Join(", ", order) + ": re-added columns come last)" : "") + ".");
        Record(m, target, dbName, "rolled_back", order.Count > 0 ? "column order differs in " + string.Join(", ", order) : null, clock.Elapsed.TotalSeconds);
        return 0;
    }

    private void Record(StagedMigration m, DatabaseTarget target, string dbName, string status, string? detail, double seconds)
    {
        var op = new JsonObject
        {
            ["type"] = "rollback",
            ["provider"] = target.Provider,
            ["target"] = target.Role,
            ["database"] = dbName,
            ["migration"] = m.BaseName,
            ["checksum"] = m.Checksum,
            ["status"] = status,
            ["duration_seconds"] = Math.Round(seconds, 2),
        };
        if (detail != null) op["detail"] = _c.R.Scrub(detail);
        HistoryFile.Append(_c.Reports.History, op);
    }
}
