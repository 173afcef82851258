using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Migrations.Seed;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Migrations;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `seed`: SchemaDriftSeed (seed: /db seed). Writes development seed SQL that respects keys,
/// types, enums, uniqueness and simple checks, plus a cleanup script that deletes exactly
/// those rows; applies it to the local database only with SchemaDriftApplySeed=true (in one
/// transaction), and clears the last seed with SchemaDriftSeedClear=true. Refuses production.
/// </summary>
internal sealed class SeedCommand
{
    private readonly CommandContext _c;

    public SeedCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    public async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cts.Token;
        var o = _c.O;
        if (_c.IsProduction)
        {
            _c.R.Error("DBDRIFT000", "SchemaDriftSeed refuses production: seed data is for local and development databases only.");
            return 1;
        }
        var target = DatabaseTargets.Local(o, _c.R, report: false);
        var production = DatabaseTargets.Production(o, _c.R);
        if (target != null && production != null && production.ConnectionString == target.ConnectionString)
        {
            _c.R.Error("DBDRIFT000", "SchemaDriftSeed refuses: the configured connection is also the production connection.");
            return 1;
        }
        var apply = o.Has("apply-seed");
        var clear = o.Has("seed-clear");
        MigrationSession? session = null;
        try
        {
            SchemaSnapshot? schema;
            if (target != null)
            {
                session = await _c.OpenAsync(target, ct);
                if (session == null) return 1;
                schema = await session.ReadSchemaAsync(ct);
            }
            else
            {
                if (apply || clear)
                {
                    _c.R.Error("DBDRIFT000", "Applying or clearing seed data needs the local database connection.");
                    return 1;
                }
                schema = _c.OfflineSnapshot(out var source);
                if (schema == null)
                {
                    _c.R.Error("DBDRIFT000", "SchemaDriftSeed needs the database or a snapshot to know the schema.");
                    return 1;
                }
                _c.R.Warning("DBDRIFT000", "No database connection: seed generated from " + source + " (keys start at 1 because the existing maximum is unknown).");
            }

            if (clear) return await ClearAsync(session!, ct);

            var now = DateTime.UtcNow;
            var options = new SeedOptions { Rows = Math.Clamp(o.GetInt("seed-rows", 5), 1, 1000), Tag = now.ToString("MMddHHmm", CultureInfo.InvariantCulture) };
            foreach (var t in (o.Get("seed-tables") ?? "").Split(';', ',').Select(x => x.Trim()).Where(x => x.Length > 0)) options.Tables.Add(t);
            var d = MigrationDialect.For(schema.Provider);
            var result = SeedGenerator.Generate(schema, options, (t, col) =>
            {
                if (session == null) return null;
                try
                {
                    using var cmd = session.Connection.CreateCommand();
                    cmd.CommandText = "SELECT MAX(" + d.Quote(col) + ") FROM " + d.Table(t.Schema, t.Name);
                    var v = cmd.ExecuteScalar();
                    return v == null || v is DBNull ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return null;
                }
            });
            var stamp = CommandContext.Stamp(now);
            Directory.CreateDirectory(_c.Reports.Seeds);
            var seedPath = Path.Combine(_c.Reports.Seeds, "seed-" + stamp + ".sql");
            var cleanupPath = Path.Combine(_c.Reports.Seeds, "seed-" + stamp + "_cleanup.sql");
            _c.Write(seedPath, SeedFile(schema.Provider, result, Path.GetFileName(cleanupPath), now));
            _c.Write(cleanupPath, CleanupFile(result, Path.GetFileName(seedPath)));
            var summary = new StringBuilder();
            summary.Append("## Seed Data\n\n| Table | Rows |\n|-------|------|\n");
            foreach (var kv in result.RowsPerTable) summary.Append("| ").Append(kv.Key).Append(" | ").Append(kv.Value.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
            foreach (var s in result.Skipped) summary.Append("\nSkipped ").Append(s);
            foreach (var n in result.Notes) summary.Append("\nNote: ").Append(n);
            _c.R.Text(summary.ToString().TrimEnd());
            _c.R.Text("SchemaDrift: wrote " + _c.Relative(seedPath) + " (" + result.RowsPerTable.Values.Sum().ToString(CultureInfo.InvariantCulture) + " rows in " +
                      result.RowsPerTable.Count.ToString(CultureInfo.InvariantCulture) + " tables) and its cleanup " + Path.GetFileName(cleanupPath) + ".");

            var applied = false;
            if (apply)
            {
                var script = MigrationScript.Parse(File.ReadAllText(seedPath), schema.Provider);
                await using var tx = await session!.Connection.BeginTransactionAsync(ct);
                try
                {
                    foreach (var st in script.Statements) await session.ExecuteAsync(st.Sql, tx, ct);
                    await tx.CommitAsync(ct);
                    applied = true;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    _c.R.Error("DBDRIFT000", "The seed could not be applied and was rolled back (nothing inserted): " + MigrationRunner.Describe(ex));
                    return 1;
                }
                _c.R.Text("SchemaDrift: seed data applied to the local database '" + schema.Database + "'. Clear it with 'dotnet build -t:SchemaDriftSeed -p:SchemaDriftSeedClear=true' (runs " +
                          Path.GetFileName(cleanupPath) + ").");
            }
            else
            {
                _c.R.Text("SchemaDrift: not applied. Apply it to the local database with -p:SchemaDriftApplySeed=true; remove it again with " + Path.GetFileName(cleanupPath) + " (or -p:SchemaDriftSeedClear=true).");
            }
            HistoryFile.Append(_c.Reports.History, new JsonObject
            {
                ["type"] = "seed",
                ["provider"] = schema.Provider,
                ["seed_file"] = _c.Relative(seedPath),
                ["cleanup_file"] = _c.Relative(cleanupPath),
                ["rows"] = result.RowsPerTable.Values.Sum(),
                ["tables"] = result.RowsPerTable.Count,
                ["status"] = applied ? "applied" : "generated",
                ["database"] = applied ? schema.Database : null,
            });
            _c.EnsureGitIgnore();
            return 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _c.R.Error("DBDRIFT000", "SchemaDriftSeed failed: " + MigrationRunner.Describe(ex));
            return 1;
        }
        finally
        {
            if (session != null) await session.DisposeAsync();
        }
    }

    private async Task<int> ClearAsync(MigrationSession session, CancellationToken ct)
    {
        var last = HistoryFile.Operations(_c.Reports.History).LastOrDefault(op => (string?)op?["type"] == "seed" && (string?)op?["status"] == "applied");
        var cleanup = (string?)last?["cleanup_file"];
        if (cleanup == null)
        {
            _c.R.Info("SchemaDrift: no applied seed in history.json: nothing to clear.");
            return 0;
        }
        var path = Path.GetFullPath(Path.Combine(_c.O.ProjectDirectory, cleanup));
        if (!File.Exists(path))
        {
            _c.R.Error("DBDRIFT000", "The cleanup script " + cleanup + " is gone.");
            return 1;
        }
        var script = MigrationScript.Parse(File.ReadAllText(path), session.Provider);
        await using var tx = await session.Connection.BeginTransactionAsync(ct);
        var deleted = 0;
        foreach (var st in script.Statements) deleted += await session.ExecuteAsync(st.Sql, tx, ct);
        await tx.CommitAsync(ct);
        HistoryFile.Append(_c.Reports.History, new JsonObject { ["type"] = "seed", ["status"] = "cleared", ["cleanup_file"] = cleanup, ["rows"] = deleted });
        _c.R.Text("SchemaDrift: seed data cleared (" + deleted.ToString(CultureInfo.InvariantCulture) + " rows deleted with " + Path.GetFileName(path) + ").");
        return 0;
    }

    private static string SeedFile(string provider, SeedResult r, string cleanupName, DateTime now)
    {
        var sb = new StringBuilder();
        sb.Append("-- Seed data (development only)\n-- Created: ").Append(now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC by SchemaDrift (dotnet build -t:SchemaDriftSeed)\n");
        sb.Append("-- Tables in foreign-key order; keys start above the existing maximum. Generated values only: no real user data.\n");
        sb.Append("-- Remove these rows again with ").Append(cleanupName).Append(" (or dotnet build -t:SchemaDriftSeed -p:SchemaDriftSeedClear=true).\n");
        foreach (var s in r.Skipped) sb.Append("-- Skipped ").Append(MigrationScriptWriter.OneLine(s)).Append('\n');
        foreach (var n in r.Notes) sb.Append("-- Note: ").Append(MigrationScriptWriter.OneLine(n)).Append('\n');
        sb.Append('\n');
        if (provider == SqlProviders.Postgres)
        {
            sb.Append("DO $sd$\nBEGIN\n  IF current_setting('app.environment', true) = 'production' THEN\n    RAISE EXCEPTION 'Cannot run seed data in production';\n  END IF;\nEND\n$sd$;\n\n");
        }
        foreach (var st in r.Statements) sb.Append(st).Append(";\n\n");
        return sb.ToString();
    }

    private static string CleanupFile(SeedResult r, string seedName)
    {
        var sb = new StringBuilder();
        sb.Append("-- Removes the rows ").Append(seedName).Append(" inserted (children first).\n\n");
        foreach (var st in r.Cleanup) sb.Append(st).Append(";\n\n");
        return sb.ToString();
    }
}
