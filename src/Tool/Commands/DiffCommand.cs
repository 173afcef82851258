using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Migrations;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `diff`: SchemaDriftDiff (seed: /db diff). Compares two schemas — snapshot files, or
/// databases named by reference (env:VARIABLE, name:ConnectionStringName, local,
/// production; never a connection string on the command line) — writes the seed's diff
/// report (diff-YYYYMMDD-HHMMSS.md) and a migration that turns FROM into TO.
/// </summary>
internal sealed class DiffCommand
{
    private readonly CommandContext _c;

    public DiffCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    private sealed class Side : IAsyncDisposable
    {
        public SchemaSnapshot Schema { get; init; } = null!;
        public string Label { get; init; } = "";
        public MigrationSession? Session { get; init; }
        public bool IsLocal { get; init; }

        public ValueTask DisposeAsync() => Session?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    public async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cts.Token;
        var o = _c.O;
        var fromRef = o.Get("diff-from") ?? "local";
        var toRef = o.Get("diff-to");
        if (toRef == null)
        {
            _c.R.Error("DBDRIFT000", "Say what to compare with: -p:SchemaDriftDiffTo=<snapshot.json | env:VARIABLE | name:ConnectionStringName | production> (and optionally -p:SchemaDriftDiffFrom=…, default: the project's database).");
            return 1;
        }
        await using var from = await OpenAsync(fromRef, "from", ct);
        if (from == null) return 1;
        await using var to = await OpenAsync(toRef, "to", ct);
        if (to == null) return 1;
        if (from.Schema.Provider != to.Schema.Provider)
        {
            _c.R.Error("DBDRIFT000", "Cannot diff " + from.Schema.Provider + " (" + from.Label + ") against " + to.Schema.Provider + " (" + to.Label + "): the engines differ.");
            return 1;
        }
        var hintErrors = new List<string>();
        var hints = RenameHint.ParseList(o.Get("renames"), hintErrors);
        foreach (var e in hintErrors) _c.R.Warning("DBDRIFT000", e);
        var diff = SchemaDiffer.Diff(from.Schema, to.Schema, hints);
        IDatabaseFacts facts = from.Session != null ? await LiveFacts.CreateAsync(from.Session, from.Schema, _c.R, ct) : new NoDatabaseFacts(from.Schema);
        foreach (var c in diff.Changes) ChangeClassifier.Classify(c, from.Schema.Provider, facts);

        var now = DateTime.UtcNow;
        var reportPath = Path.Combine(_c.Reports.Root, "diff-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".md");
        var name = ReportFolder.SafeName(o.Get("migration-name") ?? "diff");
        if (name.Length == 0) name = "diff";

        GeneratedMigration? migration = null;
        if (diff.Changes.Count > 0)
        {
            var dir = from.IsLocal ? _c.Reports.Staged : Path.Combine(_c.Reports.Root, "migrations", "diff");
            migration = MigrationGenerator.Generate(_c, diff.Changes.ToList(), diff.Questions.Select(q => q.Describe()), from.Schema.Provider, facts, name,
                "Turn " + from.Label + " into " + to.Label + " (SchemaDriftDiff).", from.Session != null ? from.Label + " at generation time" : "", dir,
                MigrationGenerator.MajorVersion(from.Schema.ServerVersion));
            if (migration != null && !from.IsLocal)
            {
                _c.R.Text("SchemaDrift: the migration changes " + from.Label + ", not the local database, so it was written to " + _c.Relative(dir) +
                          " rather than staged for SchemaDriftPush.");
            }
        }
        _c.Write(reportPath, Report(from, to, diff, migration, now));
        _c.R.Text(Summary(from, to, diff));
        _c.R.Text("SchemaDrift: diff report " + _c.Relative(reportPath) + (diff.Changes.Count == 0 && diff.Questions.Count == 0 ? " (the schemas match)" : "") + ".");
        HistoryFile.Append(_c.Reports.History, new JsonObject
        {
            ["type"] = "diff",
            ["provider"] = from.Schema.Provider,
            ["from"] = from.Label,
            ["to"] = to.Label,
            ["changes"] = diff.Changes.Count,
            ["questions"] = diff.Questions.Count,
            ["report_file"] = _c.Relative(reportPath),
            ["migration"] = migration == null ? null : migration.Info.Stamp + "_" + migration.Info.Name,
        });
        _c.EnsureGitIgnore();
        return 0;
    }

    private async Task<Side?> OpenAsync(string reference, string role, CancellationToken ct)
    {
        var path = Path.GetFullPath(Path.Combine(_c.O.ProjectDirectory, reference));
        if (File.Exists(path) || reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var s = SnapshotStore.TryRead(path, out var error);
            if (s == null)
            {
                _c.R.Error("DBDRIFT000", "The snapshot " + reference + " cannot be read: " + (error ?? "file not found") + ".");
                return null;
            }
            return new Side { Schema = s, Label = "snapshot " + Path.GetFileName(path) };
        }
        var target = DatabaseTargets.Reference(_c.O, _c.R, reference, role);
        if (target == null) return null;
        var session = await _c.OpenAsync(target, ct);
        if (session == null) return null;
        var schema = await session.ReadSchemaAsync(ct);
        var isLocal = reference.Equals("local", StringComparison.OrdinalIgnoreCase) || reference.Equals("live", StringComparison.OrdinalIgnoreCase);
        return new Side { Schema = schema, Session = session, IsLocal = isLocal, Label = "database '" + schema.Database + "' (" + target.Source + ")" };
    }

    private static string Summary(Side from, Side to, DiffResult diff)
    {
        var sb = new StringBuilder();
        sb.Append("## Schema Diff: ").Append(from.Label).Append(" vs ").Append(to.Label).Append('\n');
        if (diff.Changes.Count == 0 && diff.Questions.Count == 0) sb.Append("The schemas match.\n");
        foreach (var c in diff.Changes) sb.Append(ChangeText.RiskIcon(c.Risk)).Append(' ').Append(c.Describe()).Append('\n');
        foreach (var q in diff.Questions) sb.Append("❓ ").Append(q.Describe()).Append('\n');
        foreach (var n in diff.Notes) sb.Append("ℹ️ ").Append(n).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string Report(Side from, Side to, DiffResult diff, GeneratedMigration? migration, DateTime now)
    {
        var sb = new StringBuilder();
        void L(string s = "") => sb.Append(s).Append('\n');
        L("## Schema Diff: " + Cell(from.Label) + " vs " + Cell(to.Label));
        L();
        L("**Created:** " + now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC  ");
        L("**Provider:** " + from.Schema.Provider + "  ");
        L("**Direction:** the migration turns *" + Cell(from.Label) + "* into *" + Cell(to.Label) + "*");
        L();
        L("### Tables");
        L("| Table | " + Cell(from.Label) + " | " + Cell(to.Label) + " | Action Needed |");
        L("|-------|------|------|---------------|");
        var fromTables = SchemaDiffer.BaseTables(from.Schema);
        var toTables = SchemaDiffer.BaseTables(to.Schema);
        var names = fromTables.Select(t => t.Name).Concat(toTables.Select(t => t.Name)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
        foreach (var n in names)
        {
            var changes = diff.Changes.Where(c => c.Table == n || c.OldName == n || c.NewName == n).ToList();
            var inFrom = fromTables.Any(t => t.Name == n);
            var inTo = toTables.Any(t => t.Name == n);
            var fromCell = !inFrom ? "❌ Missing table" : changes.Count == 0 ? "✅ Same" : "⚠️ " + string.Join("; ", changes.Select(c => Short(c, true)));
            var toCell = !inTo ? "❌ Missing table" : changes.Count == 0 ? "✅ Same" : "✅ " + string.Join("; ", changes.Select(c => Short(c, false)));
            var action = changes.Count == 0 ? "None" : string.Join(", ", changes.Select(Action).Distinct());
            L("| " + Cell(n) + " | " + Cell(fromCell) + " | " + Cell(toCell) + " | " + Cell(action) + " |");
        }
        Columns(sb, "Columns Added in " + to.Label, diff.Changes.Where(c => c.Kind == ChangeKind.AddColumn).Select(c => (c.Table, c.Column!.Name, c.Column.Type, ChangeText.RiskLabel(c.Risk))));
        Columns(sb, "Columns Missing from " + to.Label, diff.Changes.Where(c => c.Kind == ChangeKind.DropColumn).Select(c => (c.Table, c.OldColumn!.Name, c.OldColumn.Type, ChangeText.RiskLabel(c.Risk))));
        var other = diff.Changes.Where(c => c.Kind != ChangeKind.AddColumn && c.Kind != ChangeKind.DropColumn).ToList();
        if (other.Count > 0)
        {
            L();
            L("### Other Changes");
            L("| Change | Risk | Why |");
            L("|--------|------|-----|");
            foreach (var c in other) L("| " + Cell(c.Describe()) + " | " + ChangeText.RiskIcon(c.Risk) + " " + ChangeText.RiskLabel(c.Risk) + " | " + Cell(string.Join("; ", c.Reasons)) + " |");
        }
        if (diff.Questions.Count > 0)
        {
            L();
            L("### Possible Renames (human decision)");
            foreach (var q in diff.Questions) L("- " + q.Describe());
        }
        if (diff.Notes.Count > 0)
        {
            L();
            L("### Not Migrated");
            foreach (var n in diff.Notes) L("- " + n);
        }
        L();
        L("### Migration");
        L(migration == null ? (diff.Changes.Count == 0 ? "None needed." : "Not written (see the build output).")
            : "`" + Path.GetFileName(migration.SqlPath) + "` and `" + Path.GetFileName(migration.RollbackPath) + "` (" + migration.Plan.Generated.Count().ToString(CultureInfo.InvariantCulture) + " steps).");
        return sb.ToString();
    }

    private static void Columns(StringBuilder sb, string title, IEnumerable<(string Table, string Column, string Type, string Risk)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        sb.Append("\n### ").Append(Cell(title)).Append('\n');
        sb.Append("| Table | Column | Type | Migration |\n|-------|--------|------|-----------|\n");
        foreach (var r in list) sb.Append("| ").Append(Cell(r.Table)).Append(" | ").Append(Cell(r.Column)).Append(" | ").Append(Cell(r.Type)).Append(" | ").Append(r.Risk).Append(" |\n");
    }

    private static string Short(SchemaChange c, bool fromSide) => c.Kind switch
    {
        ChangeKind.AddColumn => fromSide ? "missing column " + c.Column!.Name : "has " + c.Column!.Name,
        ChangeKind.DropColumn => fromSide ? "has " + c.OldColumn!.Name : "missing column " + c.OldColumn!.Name,
        ChangeKind.RenameColumn => fromSide ? "column " + c.OldName : "column " + c.NewName,
        ChangeKind.AlterColumnType => c.Column!.Name + " " + (fromSide ? c.OldColumn?.Type : c.Column.Type),
        ChangeKind.AlterColumnNullability => c.Column!.Name + (fromSide == c.Column.Nullable ? " NOT NULL" : " nullable"),
        ChangeKind.CreateIndex => fromSide ? "missing index " + c.Index!.Name : "index " + c.Index!.Name,
        ChangeKind.DropIndex => fromSide ? "index " + c.Index!.Name : "missing index " + c.Index!.Name,
        ChangeKind.CreateTable => fromSide ? "missing" : "table",
        ChangeKind.DropTable => fromSide ? "table" : "missing",
        _ => c.Kind.ToString(),
    };

    private static string Action(SchemaChange c) => c.Kind switch
    {
        ChangeKind.CreateTable => "CREATE TABLE",
        ChangeKind.DropTable => "DROP TABLE",
        ChangeKind.RenameTable => "RENAME TABLE",
        ChangeKind.CreateIndex => "CREATE INDEX",
        ChangeKind.DropIndex => "DROP INDEX",
        ChangeKind.AddEnumValue or ChangeKind.RemoveEnumValue or ChangeKind.ReorderEnumValues => "ENUM change",
        _ => "ALTER TABLE",
    };
}
