using System.Globalization;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Migrations;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `migrate`: SchemaDriftMigrate (seed: /db migrate &lt;name&gt;, drift --fix on the schema side).
/// Changes come from a desired snapshot (model vs database diff) and from the drift findings
/// in the compiler's SARIF log; the migration and its rollback are written to
/// &lt;ReportDir&gt;/migrations/staged/ with checks, data-loss warnings and a manifest, linted,
/// and summarised in the analysis block. Nothing is applied.
/// </summary>
internal sealed class MigrateCommand
{
    private readonly CommandContext _c;

    public MigrateCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    public async Task<int> RunAsync()
    {
        var o = _c.O;
        if (o.Get("lint-file") != null) return await new LintCommand(o, _c.R).RunAsync();
        var rawName = o.Get("migration-name");
        var name = rawName == null ? "" : ReportFolder.SafeName(rawName);
        if (name.Length == 0)
        {
            _c.R.Error("DBDRIFT000", "Name the migration: dotnet build -t:SchemaDriftMigrate -p:SchemaDriftMigrationName=<name>.");
            return 1;
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cts.Token;

        // The database the migration starts from: live when reachable (row counts), else a snapshot.
        SchemaSnapshot? live = null;
        IDatabaseFacts facts;
        string factsSource;
        MigrationSession? session = null;
        var target = DatabaseTargets.Local(o, _c.R, report: false);
        try
        {
            if (target != null)
            {
                session = await _c.OpenAsync(target, ct);
                if (session == null) return 1;
                live = await session.ReadSchemaAsync(ct);
                var lf = await LiveFacts.CreateAsync(session, live, _c.R, ct);
                facts = lf;
                factsSource = "the live " + target.Provider + " database '" + live.Database + "' at generation time";
            }
            else
            {
                live = _c.OfflineSnapshot(out var source);
                if (live == null)
                {
                    _c.R.Error("DBDRIFT000", "SchemaDriftMigrate needs the database (or a committed snapshot) to start from: set SchemaDriftConnectionString, SCHEMADRIFT_CONNECTION or SchemaDriftConnectionStringName.");
                    return 1;
                }
                _c.R.Warning("DBDRIFT000", "No database connection: the migration starts from " + source + " and its data-loss warnings cannot count rows.");
                facts = new NoDatabaseFacts(live);
                factsSource = "";
            }

            var changes = new List<SchemaChange>();
            var deferred = new List<string>();
            var purposes = new List<string>();
            var hintErrors = new List<string>();
            var hints = RenameHint.ParseList(o.Get("renames"), hintErrors);
            foreach (var e in hintErrors) _c.R.Warning("DBDRIFT000", e);

            // (a) model vs database: a desired snapshot.
            var desiredPath = o.GetPath("desired-snapshot");
            if (desiredPath != null)
            {
                var desired = SnapshotStore.TryRead(desiredPath, out var error);
                if (desired == null)
                {
                    _c.R.Error("DBDRIFT000", "The desired snapshot " + _c.Relative(desiredPath) + " cannot be read: " + (error ?? "file not found") + ".");
                    return 1;
                }
                if (desired.Provider != live.Provider)
                {
                    _c.R.Error("DBDRIFT000", "The desired snapshot is for " + desired.Provider + " but the database is " + live.Provider + ".");
                    return 1;
                }
                var diff = SchemaDiffer.Diff(live, desired, hints);
                changes.AddRange(diff.Changes);
                deferred.AddRange(diff.Questions.Select(q => q.Describe()));
                foreach (var n in diff.Notes) _c.R.Info("SchemaDrift: " + n);
                purposes.Add("make the database match " + Path.GetFileName(desiredPath) + " (" + diff.Changes.Count.ToString(CultureInfo.InvariantCulture) + " differences)");
            }

            // (b) the drift findings of the last build.
            var sarifPath = o.GetPath("sarif");
            if (sarifPath != null && File.Exists(sarifPath))
            {
                var findings = SarifLog.Read(sarifPath, out var sarifError);
                if (sarifError != null) _c.R.Warning("DBDRIFT000", "The build's SARIF log " + _c.Relative(sarifPath) + ": " + sarifError + ".");
                var (fromFindings, outcomes) = FindingChanges.Build(findings, live, o.Has("accept-renames"));
                foreach (var fc in fromFindings)
                {
                    var same = changes.FirstOrDefault(x => SameChange(x, fc, live.Provider));
                    if (same != null) same.Fixes.AddRange(fc.Fixes);
                    else changes.Add(fc);
                }
                foreach (var d in outcomes.Where(x => x.Status == FindingChanges.Deferred)) deferred.Add(d.Key + ": " + d.Detail);
                var schemaSide = outcomes.Count(x => x.Status == FindingChanges.Migrated);
                var codeSide = outcomes.Count(x => x.Status == FindingChanges.CodeFix);
                if (findings.Count > 0)
                {
                    purposes.Add("absorb " + schemaSide.ToString(CultureInfo.InvariantCulture) + " drift finding(s) of the last build on the schema side (" +
                                 string.Join(", ", outcomes.Where(x => x.Status == FindingChanges.Migrated).GroupBy(x => x.Finding.RuleId).Select(g => g.Key + " x" + g.Count().ToString(CultureInfo.InvariantCulture))) + ")");
                }
                _c.R.Text("SchemaDrift: " + findings.Count.ToString(CultureInfo.InvariantCulture) + " drift finding(s) in the last build: " + schemaSide.ToString(CultureInfo.InvariantCulture) +
                          " go into the migration, " + outcomes.Count(x => x.Status == FindingChanges.Deferred).ToString(CultureInfo.InvariantCulture) + " deferred, " +
                          outcomes.Count(x => x.Status == FindingChanges.AlreadyFixed).ToString(CultureInfo.InvariantCulture) + " already fixed in the database, " +
                          codeSide.ToString(CultureInfo.InvariantCulture) + " to fix in code.");
            }
            else if (desiredPath == null)
            {
                _c.R.Warning("DBDRIFT000", "Nothing to generate from: no SARIF log of a build at " + (sarifPath == null ? "(none given)" : _c.Relative(sarifPath)) +
                                           " and no -p:SchemaDriftDesiredSnapshot. Build once (the SchemaDrift targets make the compiler write the log), then run SchemaDriftMigrate again.");
            }

            var purpose = o.Get("purpose") ?? (purposes.Count > 0 ? char.ToUpperInvariant(purposes[0][0]) + string.Join("; ", purposes).Substring(1) + "." : "");
            var generated = MigrationGenerator.Generate(_c, changes, deferred, live.Provider, facts, name, purpose, factsSource, _c.Reports.Staged,
                MigrationGenerator.MajorVersion(live.ServerVersion));
            return generated == null && _c.R.ErrorCount > 0 ? 1 : 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _c.R.Error("DBDRIFT000", "SchemaDriftMigrate failed: " + MigrationRunner.Describe(ex));
            return 1;
        }
        finally
        {
            if (session != null) await session.DisposeAsync();
        }
    }

    private static bool SameChange(SchemaChange a, SchemaChange b, string provider)
    {
        if (a.Kind != b.Kind || !string.Equals(a.Table, b.Table, provider == SqlProviders.Postgres ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)) return false;
        return a.Kind switch
        {
            ChangeKind.AddColumn => string.Equals(a.Column!.Name, b.Column!.Name, StringComparison.OrdinalIgnoreCase),
            ChangeKind.AddEnumValue => a.EnumValue == b.EnumValue && a.Column?.Name == b.Column?.Name,
            ChangeKind.RenameColumn => a.OldName == b.OldName,
            ChangeKind.CreateTable or ChangeKind.RenameTable => true,
            _ => false,
        };
    }
}
