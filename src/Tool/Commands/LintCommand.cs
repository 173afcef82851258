using System.Globalization;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Lint;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Migrations;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `lint`: SchemaDriftLint (and SchemaDriftMigrate with SchemaDriftLintFile). Lints a
/// hand-written or generated migration file — or every staged one — and reports each
/// finding as a DBMIG warning with its safe alternative. Reads no database (the snapshot,
/// when there is one, makes it data- and enum-aware).
/// </summary>
internal sealed class LintCommand
{
    private readonly CommandContext _c;

    public LintCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    public Task<int> RunAsync()
    {
        var o = _c.O;
        var files = new List<string>();
        var lintFile = o.Get("lint-file");
        if (lintFile != null)
        {
            foreach (var part in lintFile.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                files.Add(Path.GetFullPath(Path.Combine(o.ProjectDirectory, part)));
            }
        }
        else
        {
            foreach (var m in _c.Reports.ListStaged())
            {
                files.Add(m.SqlPath);
                if (m.HasRollback) files.Add(m.RollbackPath);
            }
        }
        if (files.Count == 0)
        {
            _c.R.Info("SchemaDrift: no migration files to lint (set SchemaDriftLintFile, or stage migrations with SchemaDriftMigrate).");
            return Task.FromResult(0);
        }
        var snapshot = _c.OfflineSnapshot(out _);
        var provider = o.Get("provider") is { } p ? Connections.ProviderDetector.Normalize(p) : null;
        provider ??= snapshot?.Provider;
        var total = 0;
        var failed = false;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                _c.R.Error("DBDRIFT000", "No such migration file: " + _c.Relative(file) + ".");
                failed = true;
                continue;
            }
            var text = File.ReadAllText(file);
            var script = MigrationScript.Parse(text, provider ?? SqlProviders.Postgres);
            var dialect = script.Provider ?? provider;
            if (dialect == null)
            {
                _c.R.Warning("DBDRIFT000", _c.Relative(file) + ": the engine is unknown (set SchemaDriftProvider); linted as PostgreSQL.");
                dialect = SqlProviders.Postgres;
                script = MigrationScript.Parse(text, dialect);
            }
            if (script.Error != null)
            {
                _c.R.Warning("DBDRIFT000", _c.Relative(file) + ": " + script.Error + "; not linted.");
                continue;
            }
            var findings = MigrationLinter.Lint(script, dialect, snapshot);
            var open = findings.Where(f => f.Acknowledged == null).ToList();
            total += open.Count;
            foreach (var f in open)
            {
                _c.R.Warning(f.Code, _c.Relative(file) + "(" + f.Line.ToString(CultureInfo.InvariantCulture) + "): " + f.Message + ". Safe alternative: " + f.SafeAlternative);
            }
            var reviewed = findings.Count - open.Count;
            _c.R.Text("SchemaDrift: linted " + _c.Relative(file) + " (" + dialect + ", " + script.Statements.Count.ToString(CultureInfo.InvariantCulture) + " statements): " +
                      open.Count.ToString(CultureInfo.InvariantCulture) + " finding(s)" + (reviewed > 0 ? ", " + reviewed.ToString(CultureInfo.InvariantCulture) + " reviewed in the file" : "") + ".");
        }
        if (o.Has("lint-errors") && total > 0) _c.R.Error("DBMIG000", total.ToString(CultureInfo.InvariantCulture) + " migration lint finding(s) (SchemaDriftLintAsErrors=true).");
        return Task.FromResult(failed || (o.Has("lint-errors") && total > 0) ? 1 : 0);
    }
}
