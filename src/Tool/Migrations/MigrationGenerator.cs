using System.Globalization;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Lint;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Migrations;

internal sealed record GeneratedMigration(string SqlPath, string RollbackPath, string ManifestPath, MigrationPlan Plan, MigrationInfo Info, List<LintFinding> Lint);

/// <summary>Plans, writes and lints one migration (SchemaDriftMigrate and SchemaDriftDiff).</summary>
internal static class MigrationGenerator
{
    public static GeneratedMigration? Generate(CommandContext ctx, List<SchemaChange> changes, IEnumerable<string> deferred, string provider, IDatabaseFacts facts,
        string name, string purpose, string factsSource, string stagedDir, int? serverMajor)
    {
        var now = DateTime.UtcNow;
        var info = new MigrationInfo
        {
            Name = name,
            Stamp = CommandContext.Stamp(now),
            CreatedUtc = now,
            Orm = ctx.Orm,
            Purpose = purpose,
            FactsSource = factsSource,
        };
        var plan = MigrationPlanner.Plan(changes, provider, facts, new PlannerOptions { Stamp = info.Stamp, ServerMajorVersion = serverMajor });
        plan.Deferred.InsertRange(0, deferred);
        if (!plan.Generated.Any())
        {
            ctx.R.Text(MigrationAnalysis.Render(plan, info, null, ctx.IsEfCore));
            ctx.R.Text("SchemaDrift: nothing to migrate" + (plan.Deferred.Count > 0 ? " (" + plan.Deferred.Count.ToString(CultureInfo.InvariantCulture) + " item(s) deferred for a human decision)" : ": the schema is in sync") + ".");
            return null;
        }
        var sql = MigrationScriptWriter.WriteMigration(plan, info);
        var rollback = MigrationScriptWriter.WriteRollback(plan, info);
        Directory.CreateDirectory(stagedDir);
        var sqlPath = Path.Combine(stagedDir, info.FileName);
        var rollbackPath = Path.Combine(stagedDir, info.RollbackFileName);
        var manifestPath = Path.Combine(stagedDir, info.Stamp + "_" + info.Name + ".manifest.json");
        if (File.Exists(sqlPath))
        {
            ctx.R.Error("DBDRIFT000", "A migration " + info.FileName + " already exists; wait a second or choose another name.");
            return null;
        }
        ctx.Write(sqlPath, sql);
        ctx.Write(rollbackPath, rollback);
        var manifest = MigrationManifest.From(plan, info, MigrationScript.Checksum(sql), MigrationScript.Checksum(rollback));
        ctx.Write(manifestPath, manifest.ToJson());

        // Lint what was written, the way a hand-written file would be linted.
        var lint = MigrationLinter.Lint(MigrationScript.Parse(sql, provider), provider, facts.Live);
        lint.AddRange(MigrationLinter.Lint(MigrationScript.Parse(rollback, provider), provider, facts.Live).Where(f => f.Acknowledged == null));
        ctx.R.Text(MigrationAnalysis.Render(plan, info, lint, ctx.IsEfCore));
        foreach (var f in lint.Where(f => f.Acknowledged == null))
        {
            ctx.R.Warning(f.Code, info.FileName + " line " + f.Line.ToString(CultureInfo.InvariantCulture) + ": " + f.Message + ". Safe alternative: " + f.SafeAlternative);
        }
        ctx.R.Text("SchemaDrift: wrote " + ctx.Relative(sqlPath) + " and " + Path.GetFileName(rollbackPath) + " (" +
                   plan.Generated.Sum(p => p.AllChanges.Count()).ToString(CultureInfo.InvariantCulture) + " changes: " +
                   Counts(plan) + "). Review them, then apply with 'dotnet build -t:SchemaDriftPush'.");
        HistoryFile.Append(ctx.Reports.History, new JsonObject
        {
            ["type"] = "migrate",
            ["provider"] = provider,
            ["orm"] = ctx.Orm,
            ["migration"] = info.Stamp + "_" + info.Name,
            ["checksum"] = manifest.SqlChecksum,
            ["status"] = "generated",
            ["changes"] = plan.Generated.Sum(p => p.AllChanges.Count()),
            ["deferred"] = plan.Deferred.Count,
            ["duration_seconds"] = Math.Round(ctx.Clock.Elapsed.TotalSeconds, 1),
            ["migrations_generated"] = 1,
        });
        ctx.EnsureGitIgnore();
        return new GeneratedMigration(sqlPath, rollbackPath, manifestPath, plan, info, lint);
    }

    private static string Counts(MigrationPlan plan)
    {
        var all = plan.Generated.SelectMany(p => p.AllChanges).ToList();
        return all.Count(c => c.Risk == ChangeRisk.Safe).ToString(CultureInfo.InvariantCulture) + " safe, " +
               all.Count(c => c.Risk == ChangeRisk.Careful).ToString(CultureInfo.InvariantCulture) + " careful, " +
               all.Count(c => c.Risk == ChangeRisk.HighRisk).ToString(CultureInfo.InvariantCulture) + " high-risk";
    }

    /// <summary>Major version from "16.4 (Debian …)" / "10.11.6-MariaDB", or null.</summary>
    public static int? MajorVersion(string? serverVersion)
    {
        if (serverVersion == null) return null;
        var digits = new string(serverVersion.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
