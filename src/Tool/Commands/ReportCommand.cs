using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Migrations;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `report`: SchemaDriftReport (seed: Phase 9, report + SITREP). From the last build's SARIF
/// log, the previous drift report, the staged migrations and history.json, writes
/// db-YYYYMMDD-HHMMSS.md (the seed's sections and SITREP), drift-YYYYMMDD-HHMMSS.json (the
/// seed's finding fields with lifecycle FOUND/FIXING/FIXED/DEFERRED/BLOCKED/REVERTED),
/// schema-snapshot.json, and appends history.json. No connection string in any of them.
/// </summary>
internal sealed class ReportCommand
{
    private readonly CommandContext _c;

    public ReportCommand(ToolOptions options, Reporter reporter) => _c = new CommandContext(options, reporter);

    private sealed class Finding
    {
        public string Key = "";
        public string Id = "";
        public DriftFinding First = null!;
        public List<DriftFinding> Sites = new();
        public string Status = "FOUND";
        public string Detail = "";
        public string? Migration;
    }

    public async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = cts.Token;
        var o = _c.O;
        var now = DateTime.UtcNow;
        var stamp = now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var project = o.Get("project-name") ?? new DirectoryInfo(o.ProjectDirectory).Name;

        // The schema: live when reachable, else the snapshots.
        SchemaSnapshot? schema = null;
        string schemaSource;
        var target = DatabaseTargets.Local(o, _c.R, report: false);
        if (target != null)
        {
            await using var session = await _c.OpenAsync(target, ct);
            if (session == null) return 1;
            schema = await session.ReadSchemaAsync(ct);
            schemaSource = "live " + target.Provider + " database '" + schema.Database + "'";
        }
        else
        {
            schema = _c.OfflineSnapshot(out var source);
            schemaSource = source ?? "none";
        }
        var provider = schema?.Provider ?? ProviderDetector.Detect(o.Get("provider"), null, _c.Packages)?.Value ?? "unknown";

        // Findings of the last build.
        var sarifPath = o.GetPath("sarif");
        var sarif = new List<DriftFinding>();
        string? sarifError = null;
        DateTime? sarifTime = null;
        if (sarifPath != null && File.Exists(sarifPath))
        {
            sarif = SarifLog.Read(sarifPath, out sarifError);
            sarifTime = File.GetLastWriteTimeUtc(sarifPath);
        }
        else
        {
            sarifError = "no SARIF log of a build" + (sarifPath != null ? " at " + _c.Relative(sarifPath) : "");
        }
        if (sarifError != null) _c.R.Warning("DBDRIFT000", "SchemaDriftReport: " + sarifError + "; build first (the SchemaDrift targets make the compiler write it).");
        var drift = sarif.Where(f => f.RuleId.StartsWith("DBDRIFT", StringComparison.Ordinal) && f.RuleId != "DBDRIFT000").ToList();
        var audit = sarif.Where(f => !f.RuleId.StartsWith("DBDRIFT", StringComparison.Ordinal)).ToList();
        var defaultSchema = schema?.DefaultSchema ?? "";
        var outcomes = schema != null ? FindingChanges.Build(drift, schema, o.Has("accept-renames")).Outcomes : new List<FindingOutcome>();

        // Migrations: which findings each one addresses, and what became of it.
        var staged = _c.Reports.ListStaged();
        var history = HistoryFile.Operations(_c.Reports.History);
        string? State(string migration, string role)
        {
            var op = history.LastOrDefault(h => (string?)h?["migration"] == migration && ((string?)h?["type"] == "push" || (string?)h?["type"] == "rollback") && (string?)h?["target"] == role &&
                                                (string?)h?["status"] != "refused");
            return (string?)op?["status"];
        }
        DateTime? PushedAt(string migration) =>
            history.Where(h => (string?)h?["migration"] == migration && (string?)h?["type"] == "push" && (string?)h?["status"] == "applied")
                .Select(h => DateTime.TryParse((string?)h?["timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t) ? t : (DateTime?)null).LastOrDefault();
        var fixedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in staged)
        {
            var manifest = m.Manifest;
            if (manifest == null) continue;
            foreach (var key in manifest.Changes.SelectMany(c => c.Fixes)) fixedBy[key] = m.BaseName;
        }

        // Previous report: ids stay stable, findings that disappeared become FIXED.
        var previous = LatestDrift();
        var previousIds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (previous?["findings"] is JsonArray prevFindings)
        {
            foreach (var pf in prevFindings)
            {
                if ((string?)pf?["key"] is { } k && (string?)pf?["id"] is { } id) previousIds[k] = id;
            }
        }
        var findings = new List<Finding>();
        foreach (var g in drift.GroupBy(f => FindingChanges.KeyOf(f, defaultSchema, provider)))
        {
            var f = new Finding { Key = g.Key, First = g.First(), Sites = g.ToList() };
            var outcome = outcomes.FirstOrDefault(x => x.Key == g.Key);
            if (fixedBy.TryGetValue(g.Key, out var mig))
            {
                f.Migration = mig;
                var state = State(mig, "local");
                var pushedAt = PushedAt(mig);
                switch (state)
                {
                    case "BLOCKED":
                        f.Status = "BLOCKED";
                        f.Detail = "migration " + mig + " failed and was rolled back";
                        break;
                    case "rolled_back":
                        f.Status = "REVERTED";
                        f.Detail = "migration " + mig + " was rolled back";
                        break;
                    case "applied":
                        var stale = sarifTime != null && pushedAt != null && sarifTime < pushedAt;
                        f.Status = stale || outcome?.Status == FindingChanges.AlreadyFixed ? "FIXING" : "BLOCKED";
                        f.Detail = stale || outcome?.Status == FindingChanges.AlreadyFixed ? "pushed with " + mig + "; the next build confirms it" : "still reported after " + mig + " was pushed";
                        break;
                    default:
                        f.Status = "FIXING";
                        f.Detail = "migration " + mig + " staged; apply it with SchemaDriftPush";
                        break;
                }
            }
            else if (outcome?.Status == FindingChanges.AlreadyFixed)
            {
                f.Status = "FIXED";
                f.Detail = outcome.Detail + "; the next build clears the warning";
            }
            else if (outcome?.Status == FindingChanges.Deferred)
            {
                f.Status = "DEFERRED";
                f.Detail = outcome.Detail;
            }
            else
            {
                f.Detail = outcome?.Detail ?? Recommendation(f.First.Family).Detail;
            }
            findings.Add(f);
        }
        if (previous?["findings"] is JsonArray older)
        {
            foreach (var pf in older.OfType<JsonObject>())
            {
                var key = (string?)pf["key"];
                var status = (string?)pf["status"];
                if (key == null || status == "FIXED" || findings.Any(x => x.Key == key)) continue;
                var gone = (JsonObject)pf.DeepClone();
                gone["status"] = "FIXED";
                gone["statusDetail"] = "no longer reported by the build";
                _carried.Add(gone);
            }
        }
        AssignIds(findings, previousIds);

        // Files.
        Directory.CreateDirectory(_c.Reports.Root);
        var driftPath = Path.Combine(_c.Reports.Root, "drift-" + stamp + ".json");
        var mdPath = Path.Combine(_c.Reports.Root, "db-" + stamp + ".md");
        _c.Write(driftPath, DriftJson(findings, now, provider, sarifPath, sarifTime, schema).ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n") + "\n");
        if (schema != null) _c.Write(_c.Reports.SchemaSnapshot, SnapshotSerializer.Write(schema, SnapshotFlavor.Committed));
        var stack = StackDetector.Detect(ProviderDetector.Detect(o.Get("provider"), target?.ConnectionString, _c.Packages), target == null ? null : new ResolvedConnection(target.ConnectionString, target.Source), _c.Packages, o.ProjectDirectory);
        var md = Markdown(project, now, provider, stack, schemaSource, findings, audit, staged, State, sarifTime);
        _c.Write(mdPath, _c.R.Scrub(md));
        var counts = findings.Concat(_carried.Select(c => new Finding { Status = "FIXED" })).GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count());
        int N(string s) => counts.TryGetValue(s, out var n) ? n : 0;
        HistoryFile.Append(_c.Reports.History, new JsonObject
        {
            ["type"] = "report",
            ["provider"] = provider,
            ["orm"] = _c.Orm,
            ["duration_seconds"] = Math.Round(_c.Clock.Elapsed.TotalSeconds, 1),
            ["drift"] = new JsonObject
            {
                ["filesScanned"] = o.GetInt("files-scanned", 0),
                ["findings"] = findings.Count,
                ["fixed"] = N("FIXED"),
                ["fixing"] = N("FIXING"),
                ["deferred"] = N("DEFERRED"),
                ["blocked"] = N("BLOCKED"),
                ["reverted"] = N("REVERTED"),
            },
            ["migrations_generated"] = staged.Count,
            ["migrations_pushed"] = staged.Count(m => State(m.BaseName, "local") == "applied"),
            ["report_file"] = _c.Relative(mdPath),
            ["drift_file"] = _c.Relative(driftPath),
        });
        _c.EnsureGitIgnore();
        _c.R.Text(Sitrep(findings, staged, State));
        _c.R.Text("SchemaDrift: report " + _c.Relative(mdPath) + ", findings " + _c.Relative(driftPath) + (schema != null ? ", schema " + _c.Relative(_c.Reports.SchemaSnapshot) : "") + ".");
        return 0;
    }

    private readonly List<JsonObject> _carried = new();

    private JsonObject? LatestDrift()
    {
        if (!Directory.Exists(_c.Reports.Root)) return null;
        var last = Directory.EnumerateFiles(_c.Reports.Root, "drift-*.json").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
        if (last == null) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(last)) as JsonObject;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    private static void AssignIds(List<Finding> findings, Dictionary<string, string> previous)
    {
        var used = new HashSet<string>(previous.Values, StringComparer.Ordinal);
        foreach (var f in findings)
        {
            if (previous.TryGetValue(f.Key, out var id)) { f.Id = id; continue; }
            var family = f.First.Family;
            for (var n = 1; n < 1000; n++)
            {
                var candidate = "DB-DRIFT-" + (family * 100 + n).ToString("000", CultureInfo.InvariantCulture);
                if (used.Add(candidate)) { f.Id = candidate; break; }
            }
        }
    }

    private static (string Type, string Severity, string Recommendation, string Detail) Recommendation(int family) => family switch
    {
        1 => ("missing_table", "CRITICAL", "HUMAN_DECISION", "table in code but not in the database: new table (migration) or dead code? a human decides"),
        2 => ("missing_column", "HIGH", "REMOVE_FROM_CODE", "fix the code (the DBDRIFT401 code fix applies where a similar name exists)"),
        3 => ("type_mismatch", "MEDIUM", "FIX_CODE_TYPE", "fix the C# type"),
        4 => ("possible_rename", "MEDIUM", "HUMAN_DECISION", "rename in code ('Use <candidate>'), or accept the rename in the database with SchemaDriftAcceptRenames"),
        5 => ("orm_schema_ahead", "HIGH", "PUSH_TO_DB", "generate a migration (SchemaDriftMigrate) and push it"),
        6 => ("db_ahead_of_orm", "LOW", "UPDATE_ORM_SCHEMA", "map the column in the model, or ignore"),
        7 => ("missing_function", "HIGH", "FIX_CODE_OR_CREATE_FUNCTION", "fix the call or create the function"),
        8 => ("enum_mismatch", "HIGH", "ADD_ENUM_VALUE", "add the enum value (SchemaDriftMigrate) or fix the code"),
        _ => ("notice", "INFO", "NONE", ""),
    };

    private JsonObject DriftJson(List<Finding> findings, DateTime now, string provider, string? sarifPath, DateTime? sarifTime, SchemaSnapshot? schema)
    {
        var arr = new JsonArray();
        foreach (var f in findings)
        {
            var (type, severity, recommendation, _) = Recommendation(f.First.Family);
            var p = f.First;
            var similar = new JsonArray();
            for (var i = 0; i < (p.IntProp("CandidateCount") ?? 0); i++) if (p.Prop("Candidate" + i.ToString(CultureInfo.InvariantCulture)) is { } cand) similar.Add((JsonNode)cand);
            var refs = new JsonArray();
            foreach (var s in f.Sites)
            {
                refs.Add((JsonNode)new JsonObject
                {
                    ["file"] = s.File == null ? null : Path.GetRelativePath(_c.O.ProjectDirectory, s.File).Replace('\\', '/'),
                    ["line"] = s.Line,
                    ["column"] = s.Column,
                    ["message"] = s.Message,
                });
            }
            arr.Add((JsonNode)new JsonObject
            {
                ["id"] = f.Id,
                ["rule"] = p.RuleId,
                ["key"] = f.Key,
                ["type"] = type,
                ["severity"] = severity,
                ["message"] = p.Message,
                ["table"] = p.Prop("Table") ?? (p.Prop("Kind") == "table" ? p.Prop("Name") : null),
                ["column"] = p.Prop("Column") ?? (p.Prop("Kind") == "column" ? p.Prop("Name") : null),
                ["value"] = p.Prop("Value"),
                ["referencedIn"] = refs,
                ["existsInDB"] = f.Status == "FIXED" || (f.Status == "FIXING" && f.Detail.StartsWith("pushed", StringComparison.Ordinal)),
                ["existsInORMSchema"] = p.Family == 5 || p.Family == 8 ? true : p.Family == 6 ? false : null,
                ["similarColumns"] = similar,
                ["recommendation"] = recommendation,
                ["status"] = f.Status,
                ["statusDetail"] = f.Detail,
                ["migration"] = f.Migration,
            });
        }
        foreach (var c in _carried) arr.Add((JsonNode)c);
        var summary = new JsonObject();
        foreach (var status in new[] { "FOUND", "FIXING", "FIXED", "DEFERRED", "BLOCKED", "REVERTED" })
        {
            summary[status] = findings.Count(f => f.Status == status) + (status == "FIXED" ? _carried.Count : 0);
        }
        return new JsonObject
        {
            ["timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["provider"] = provider,
            ["orm"] = _c.Orm,
            ["database"] = schema?.Database,
            ["sarif"] = sarifPath == null ? null : _c.Relative(sarifPath).Replace('\\', '/'),
            ["sarifWrittenUtc"] = sarifTime?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["filesScanned"] = _c.O.GetInt("files-scanned", 0),
            ["filesWithFindings"] = findings.SelectMany(f => f.Sites).Select(s => s.File).Where(x => x != null).Distinct().Count(),
            ["tablesReferenced"] = findings.Select(f => f.First.Prop("Table")).Where(x => x != null).Distinct().Count(),
            ["summary"] = summary,
            ["findings"] = arr,
        };
    }

    private static string Cell(string? s) => (s ?? "").Replace("|", "\\|").Replace("\n", " ");

    private static string Icon(string status) => status switch
    {
        "FIXED" => "✅ FIXED",
        "FIXING" => "🔧 FIXING",
        "DEFERRED" => "⏳ DEFERRED",
        "BLOCKED" => "⛔ BLOCKED",
        "REVERTED" => "↩️ REVERTED",
        _ => "🔍 FOUND",
    };

    private string Markdown(string project, DateTime now, string provider, StackSummary stack, string schemaSource, List<Finding> findings, List<DriftFinding> audit,
        List<StagedMigration> staged, Func<string, string, string?> state, DateTime? sarifTime)
    {
        var sb = new StringBuilder();
        void L(string s = "") => sb.Append(s).Append('\n');
        var open = findings.Count(f => f.Status is "FOUND" or "DEFERRED" or "BLOCKED" or "REVERTED");
        var needsPush = staged.Any(m => state(m.BaseName, "local") is null or "rolled_back");
        var status = open == 0 && !needsPush ? "🟢 COMPLETE" : findings.Any(f => f.Status is "BLOCKED" or "DEFERRED" or "REVERTED") ? "🟡 NEEDS_REVIEW" : needsPush ? "🟡 NEEDS_PUSH" : "🟡 NEEDS_REVIEW";
        L("# Database Operations Report: " + project);
        L();
        L("**Created:** " + now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC  ");
        L("**Provider:** " + provider + "  ");
        L("**ORM:** " + _c.Orm + "  ");
        L("**Status:** " + status);
        L();
        L("---");
        L();
        L("## Database Stack");
        L();
        L("| Component | Value |");
        L("|-----------|-------|");
        L("| Provider | " + Cell(stack.Provider?.Value ?? provider) + " |");
        L("| ORM / data access | " + Cell(stack.DataAccess.Value) + " |");
        L("| Push Method | " + Cell(stack.PushMethod.Value) + " |");
        L("| Connection | " + Cell(stack.Connection.Value) + " |");
        L("| Schema | " + Cell(schemaSource) + " |");
        L("| Findings from | " + (sarifTime == null ? "no build log" : "the build of " + sarifTime.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC (SARIF)") + " |");
        L();
        L("---");
        L();
        L("## Schema Drift Detection");
        L();
        L("### Summary");
        L();
        L("| Metric | Count |");
        L("|--------|-------|");
        L("| Files scanned | " + (_c.O.GetInt("files-scanned", 0) is var fs and > 0 ? fs.ToString(CultureInfo.InvariantCulture) : "—") + " |");
        L("| Files with findings | " + findings.SelectMany(f => f.Sites).Select(s => s.File).Where(x => x != null).Distinct().Count().ToString(CultureInfo.InvariantCulture) + " |");
        L("| Drift findings | " + findings.Count.ToString(CultureInfo.InvariantCulture) + " |");
        foreach (var st in new[] { "FIXED", "FIXING", "DEFERRED", "BLOCKED", "REVERTED", "FOUND" })
        {
            L("| " + Icon(st) + " | " + (findings.Count(f => f.Status == st) + (st == "FIXED" ? _carried.Count : 0)).ToString(CultureInfo.InvariantCulture) + " |");
        }
        L();
        L("### Findings");
        L();
        if (findings.Count == 0 && _carried.Count == 0) L("No drift findings in the last build.");
        else
        {
            L("| ID | Type | Table.Column | Severity | Status | Fix |");
            L("|----|------|-------------|----------|--------|-----|");
            foreach (var f in findings)
            {
                var (type, severity, _, _) = Recommendation(f.First.Family);
                var p = f.First;
                var where = (p.Prop("Table") ?? (p.Prop("Kind") == "table" ? p.Prop("Name") : "")) + (p.Prop("Column") is { } col ? "." + col : p.Prop("Kind") == "column" && p.Prop("Name") is { } nm ? "." + nm : p.Prop("Value") is { } v ? " '" + v + "'" : "");
                L("| " + f.Id + " | " + type + " | " + Cell(where) + " | " + severity + " | " + Icon(f.Status) + " | " + Cell(f.Detail) + " |");
            }
            foreach (var c in _carried)
            {
                L("| " + Cell((string?)c["id"]) + " | " + Cell((string?)c["type"]) + " | " + Cell((string?)c["table"]) + (c["column"] != null ? "." + Cell((string?)c["column"]) : "") + " | " +
                  Cell((string?)c["severity"]) + " | " + Icon("FIXED") + " | no longer reported by the build |");
            }
        }
        L();
        L("---");
        L();
        L("## Audit Results");
        L();
        if (audit.Count == 0) L("No audit findings in the last build (run `dotnet build -t:SchemaDriftAudit` for the database health audit).");
        else
        {
            L("| Category | Findings |");
            L("|----------|----------|");
            foreach (var g in audit.GroupBy(a => new string(a.RuleId.TakeWhile(char.IsLetter).ToArray()))) L("| " + g.Key + " | " + g.Count().ToString(CultureInfo.InvariantCulture) + " |");
        }
        L();
        L("---");
        L();
        L("## Migrations");
        L();
        if (staged.Count == 0) L("No staged migrations.");
        else
        {
            L("| Migration | Description | Local | Remote |");
            L("|-----------|-------------|-------|--------|");
            foreach (var m in staged)
            {
                var desc = m.Manifest is { } man ? string.Join("; ", man.Changes.Select(c => c.Description).Take(3)) + (man.Changes.Count > 3 ? " …" : "") : "hand-written";
                L("| " + m.BaseName + " | " + Cell(desc) + " | " + StateIcon(state(m.BaseName, "local")) + " | " + StateIcon(state(m.BaseName, "production")) + " |");
            }
        }
        L();
        L("---");
        L();
        L("## SITREP (Conclusion)");
        L();
        L("### Mission Status: " + status);
        L();
        L("**Duration:** " + _c.Clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " seconds (report generation)");
        L();
        L("### What Was Accomplished");
        L();
        L("1. **Schema Drift Detected**: " + findings.Count.ToString(CultureInfo.InvariantCulture) + " finding(s) in the last build; " +
          (findings.Count(f => f.Status == "FIXED") + _carried.Count).ToString(CultureInfo.InvariantCulture) + " fixed, " +
          findings.Count(f => f.Status == "FIXING").ToString(CultureInfo.InvariantCulture) + " being fixed by migrations, " +
          findings.Count(f => f.Status == "DEFERRED").ToString(CultureInfo.InvariantCulture) + " deferred for a human decision.");
        L("2. **Migrations**: " + staged.Count.ToString(CultureInfo.InvariantCulture) + " staged, " +
          staged.Count(m => state(m.BaseName, "local") == "applied").ToString(CultureInfo.InvariantCulture) + " applied locally, " +
          staged.Count(m => state(m.BaseName, "production") == "applied").ToString(CultureInfo.InvariantCulture) + " applied to production.");
        L("3. **Schema snapshot** saved to `schema-snapshot.json` (" + Cell(schemaSource) + ").");
        L();
        L("### Pending Actions");
        L();
        var pending = new List<string>();
        foreach (var f in findings.Where(f => f.Status == "DEFERRED")) pending.Add("Review deferred finding " + f.Id + " (" + f.First.RuleId + "): " + f.Detail);
        foreach (var f in findings.Where(f => f.Status == "BLOCKED")) pending.Add("Unblock " + f.Id + ": " + f.Detail);
        foreach (var f in findings.Where(f => f.Status == "REVERTED")) pending.Add("Decide on " + f.Id + ": " + f.Detail);
        foreach (var m in staged.Where(m => state(m.BaseName, "local") is null or "rolled_back")) pending.Add("Push " + m.BaseName + " locally: `dotnet build -t:SchemaDriftPush`");
        var found = findings.Count(f => f.Status == "FOUND");
        if (found > 0) pending.Add("Fix " + found.ToString(CultureInfo.InvariantCulture) + " finding(s) in code (code before schema), or generate a migration where the code is right");
        if (pending.Count == 0) L("None.");
        for (var i = 0; i < pending.Count; i++) L((i + 1).ToString(CultureInfo.InvariantCulture) + ". " + Cell(pending[i]));
        return sb.ToString();
    }

    private static string StateIcon(string? s) => s switch
    {
        "applied" => "✅ Applied",
        "BLOCKED" => "⛔ BLOCKED",
        "rolled_back" => "↩️ Rolled back",
        "rollback_failed" => "❌ Rollback failed",
        _ => "⏳ Pending",
    };

    private static string Sitrep(List<Finding> findings, List<StagedMigration> staged, Func<string, string, string?> state)
    {
        var sb = new StringBuilder();
        sb.Append("SITREP: ").Append(findings.Count.ToString(CultureInfo.InvariantCulture)).Append(" drift finding(s)");
        foreach (var g in findings.GroupBy(f => f.Status)) sb.Append(", ").Append(g.Count().ToString(CultureInfo.InvariantCulture)).Append(' ').Append(g.Key);
        sb.Append("; migrations: ").Append(staged.Count.ToString(CultureInfo.InvariantCulture)).Append(" staged, ")
          .Append(staged.Count(m => state(m.BaseName, "local") == "applied").ToString(CultureInfo.InvariantCulture)).Append(" applied locally.");
        return sb.ToString();
    }
}
