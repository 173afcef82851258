using System.Globalization;
using System.Text.Json;

namespace SchemaDrift.Tool.Migrations;

/// <summary>One SchemaDrift diagnostic from the compiler's SARIF error log.</summary>
internal sealed class DriftFinding
{
    public string RuleId { get; init; } = "";
    public string Level { get; init; } = "warning";
    public string Message { get; init; } = "";
    public string? File { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }
    public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Prop(string name) => Properties.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool? BoolProp(string name) => Prop(name) is { } v ? v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1" : null;

    public int? IntProp(string name) => int.TryParse(Prop(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The seed's family digit: DBDRIFT501 → 5.</summary>
    public int Family => RuleId.Length >= 8 && char.IsDigit(RuleId[7]) ? RuleId[7] - '0' : 0;
}

/// <summary>
/// Reads the SARIF 2.1 (or 1.0) log the C# compiler writes with ErrorLog: SchemaDrift's
/// DBDRIFT results with their locations and custom properties. Suppressed results
/// (#pragma, [SuppressMessage]) are left out. Never throws on a malformed file.
/// </summary>
internal static class SarifLog
{
    public static List<DriftFinding> Read(string path, out string? error)
    {
        error = null;
        var list = new List<DriftFinding>();
        if (!File.Exists(path))
        {
            error = "no SARIF log at " + path;
            return list;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!doc.RootElement.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                error = "the SARIF log has no runs";
                return list;
            }
            foreach (var run in runs.EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) continue;
                foreach (var res in results.EnumerateArray())
                {
                    var rule = Str(res, "ruleId") ?? "";
                    if (!rule.StartsWith("DBDRIFT", StringComparison.Ordinal) && !rule.StartsWith("DBSCHEMA", StringComparison.Ordinal)) continue;
                    if (Suppressed(res)) continue;
                    var (file, line, col) = Location(res);
                    var f = new DriftFinding
                    {
                        RuleId = rule,
                        Level = Str(res, "level") ?? "warning",
                        Message = res.TryGetProperty("message", out var m) ? (m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : Str(m, "text") ?? "") : "",
                        File = file,
                        Line = line,
                        Column = col,
                    };
                    if (res.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
                    {
                        var bag = props.TryGetProperty("customProperties", out var custom) && custom.ValueKind == JsonValueKind.Object ? custom : props;
                        foreach (var p in bag.EnumerateObject())
                        {
                            if (p.Value.ValueKind == JsonValueKind.String) f.Properties[p.Name] = p.Value.GetString() ?? "";
                            else if (p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) f.Properties[p.Name] = p.Value.GetRawText();
                        }
                    }
                    list.Add(f);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            error = "the SARIF log cannot be read (" + ex.GetType().Name + ")";
        }
        return list;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Suppressed(JsonElement res)
    {
        if (res.TryGetProperty("suppressions", out var s) && s.ValueKind == JsonValueKind.Array && s.GetArrayLength() > 0) return true;
        if (res.TryGetProperty("suppressionStates", out var s1) && s1.ValueKind == JsonValueKind.Array && s1.GetArrayLength() > 0) return true;
        return false;
    }

    private static (string? File, int Line, int Column) Location(JsonElement res)
    {
        if (!res.TryGetProperty("locations", out var locs) || locs.ValueKind != JsonValueKind.Array || locs.GetArrayLength() == 0) return (null, 0, 0);
        var loc = locs[0];
        // SARIF 2.1: physicalLocation.artifactLocation.uri + region; 1.0: resultFile.uri + region.
        var phys = loc.TryGetProperty("physicalLocation", out var p) ? p : loc.TryGetProperty("resultFile", out var rf) ? rf : default;
        if (phys.ValueKind != JsonValueKind.Object) return (null, 0, 0);
        string? uri = null;
        if (phys.TryGetProperty("artifactLocation", out var al)) uri = Str(al, "uri");
        uri ??= Str(phys, "uri");
        var line = 0;
        var col = 0;
        if (phys.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.Object)
        {
            if (region.TryGetProperty("startLine", out var sl) && sl.TryGetInt32(out var l)) line = l;
            if (region.TryGetProperty("startColumn", out var sc) && sc.TryGetInt32(out var c)) col = c;
        }
        if (uri != null && Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile) uri = u.LocalPath;
        return (uri, line, col);
    }
}
