using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SchemaDrift.Core.Json;

namespace SchemaDrift.Core.Audit
{
    /// <summary>One finding as read back from an audit file, with the line it sits on (0-based).</summary>
    public sealed class AuditFileEntry
    {
        public string Id { get; set; } = "";
        public string Object { get; set; } = "";
        public string Finding { get; set; } = "";
        public string Recommendation { get; set; } = "";
        public int Line { get; set; }
    }

    /// <summary>
    /// The machine-readable audit result (obj/…/schemadrift/audit.json, .db-reports/audit-*.json).
    /// Header properties first, then one finding per line, so a reader can point at the exact
    /// line of a finding (the analyzers report each finding there) and diffs stay line-based.
    /// Never contains a connection string or password.
    /// </summary>
    public static class AuditFile
    {
        public const string Format = "schemadrift-audit";
        public const int FormatVersion = 1;

        public static string Write(AuditResult result)
        {
            var sb = new StringBuilder();
            sb.Append("{\n");
            Property(sb, "format", Format);
            sb.Append("  \"formatVersion\": ").Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            Property(sb, "provider", result.Provider);
            if (result.Database != null) Property(sb, "database", result.Database);
            if (result.ServerVersion != null) Property(sb, "serverVersion", result.ServerVersion);
            if (result.Fingerprint != null) Property(sb, "fingerprint", result.Fingerprint);
            if (result.CreatedAtUtc != null) Property(sb, "createdAtUtc", result.CreatedAtUtc);
            if (result.Settings != null) Property(sb, "settings", result.Settings);
            sb.Append("  \"live\": ").Append(result.Live ? "true" : "false").Append(",\n");
            sb.Append("  \"queries\": ").Append(result.Queries.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            sb.Append("  \"elapsedMs\": ").Append(result.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            sb.Append("  \"summary\": {");
            var first = true;
            foreach (var category in AuditCategories.InOrder)
            {
                if (!first) sb.Append(", ");
                first = false;
                sb.Append(Str(category)).Append(": ").Append(result.Findings.Count(f => f.Rule.Category == category).ToString(CultureInfo.InvariantCulture));
            }
            sb.Append("},\n");
            sb.Append("  \"skipped\": [");
            for (var i = 0; i < result.Skipped.Count; i++)
            {
                sb.Append(i == 0 ? "\n" : ",\n");
                sb.Append("    {\"ids\": ").Append(Str(result.Skipped[i].Ids)).Append(", \"reason\": ").Append(Str(result.Skipped[i].Reason)).Append('}');
            }
            sb.Append(result.Skipped.Count > 0 ? "\n  ],\n" : "],\n");
            sb.Append("  \"findings\": [");
            for (var i = 0; i < result.Findings.Count; i++)
            {
                sb.Append(i == 0 ? "\n" : ",\n");
                sb.Append("    ").Append(FindingLine(result.Findings[i]));
            }
            sb.Append(result.Findings.Count > 0 ? "\n  ]\n" : "]\n");
            sb.Append("}\n");
            return sb.ToString();
        }

        private static string FindingLine(AuditFinding f)
        {
            var parts = new List<string>
            {
                Pair("id", f.Id),
                Pair("findingId", f.Rule.SeedId),
                Pair("category", f.Rule.Category),
                Pair("severity", f.Rule.Severity.ToString()),
                Pair("object", f.Object),
            };
            if (f.Schema != null) parts.Add(Pair("schema", f.Schema));
            if (f.Table != null) parts.Add(Pair("table", f.Table));
            if (f.Column != null) parts.Add(Pair("column", f.Column));
            if (f.ObjectKind != null) parts.Add(Pair("objectKind", f.ObjectKind));
            if (f.ObjectName != null) parts.Add(Pair("objectName", f.ObjectName));
            parts.Add(Pair("finding", f.Finding));
            parts.Add(Pair("recommendation", f.Recommendation));
            if (f.Sql != null) parts.Add(Pair("sql", f.Sql));
            return "{" + string.Join(", ", parts) + "}";
        }

        private static void Property(StringBuilder sb, string name, string value) =>
            sb.Append("  ").Append(Str(name)).Append(": ").Append(Str(value)).Append(",\n");

        private static string Pair(string name, string value) => Str(name) + ": " + Str(value);

        /// <summary>A JSON string on one line (control characters and line separators escaped).</summary>
        private static string Str(string s)
        {
            var sb = new StringBuilder(s.Length + 2);
            sb.Append('"');
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (ch < 0x20 || ch == '\u2028' || ch == '\u2029' || ch == '\u0085')
                            sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                        else
                            sb.Append(ch);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>The header of an audit file (null when the text is not one this version reads).</summary>
        public static JsonNode? ReadHeader(string text, out string? problem)
        {
            problem = null;
            if (!JsonParser.TryParse(text, out var root, out var error) || root == null || root.Kind != JsonKind.Object)
            {
                problem = "not valid JSON" + (error != null ? " (" + error + ")" : "");
                return null;
            }
            if (root.GetString("format") != Format)
            {
                problem = "not a SchemaDrift audit file";
                return null;
            }
            var version = root.GetInt("formatVersion");
            if (version == null || version.Value > FormatVersion)
            {
                problem = "written by a newer SchemaDrift (format version " + (version?.ToString(CultureInfo.InvariantCulture) ?? "?") + ")";
                return null;
            }
            return root;
        }

        /// <summary>The findings of an audit file with their line numbers; empty (and a problem) when the file is unusable.</summary>
        public static List<AuditFileEntry> ReadFindings(string text, out string? problem)
        {
            var result = new List<AuditFileEntry>();
            if (ReadHeader(text, out problem) == null) return result;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (!line.StartsWith("{\"id\":", StringComparison.Ordinal)) continue;
                if (line.EndsWith(",", StringComparison.Ordinal)) line = line.Substring(0, line.Length - 1);
                if (!JsonParser.TryParse(line, out var node, out _) || node == null || node.Kind != JsonKind.Object) continue;
                var id = node.GetString("id");
                if (id == null) continue;
                result.Add(new AuditFileEntry
                {
                    Id = id,
                    Object = node.GetString("object") ?? "",
                    Finding = node.GetString("finding") ?? "",
                    Recommendation = node.GetString("recommendation") ?? "",
                    Line = i,
                });
            }
            return result;
        }
    }

    /// <summary>The audit as the seed's tables (category, ID, object, finding, recommendation), for the console and the .md report.</summary>
    public static class AuditMarkdown
    {
        public static string Tables(AuditResult result)
        {
            var sb = new StringBuilder();
            sb.Append("## Audit Results\n\n");
            sb.Append("| Category | Findings |\n|----------|----------|\n");
            foreach (var category in AuditCategories.InOrder)
            {
                sb.Append("| ").Append(AuditCategories.Heading(category)).Append(" | ")
                  .Append(result.Findings.Count(f => f.Rule.Category == category).ToString(CultureInfo.InvariantCulture)).Append(" |\n");
            }
            foreach (var category in AuditCategories.InOrder)
            {
                var findings = result.Findings.Where(f => f.Rule.Category == category).ToList();
                if (findings.Count == 0) continue;
                sb.Append("\n### ").Append(AuditCategories.Heading(category)).Append("\n\n");
                sb.Append("| ID | Severity | Object | Finding | Recommendation |\n|----|----------|--------|---------|----------------|\n");
                foreach (var f in findings)
                {
                    sb.Append("| ").Append(f.Rule.SeedId).Append(" | ").Append(f.Rule.Severity).Append(" | ").Append(Cell(f.Object)).Append(" | ")
                      .Append(Cell(f.Finding)).Append(" | ").Append(Cell(f.Recommendation)).Append(" |\n");
                }
            }
            if (result.Skipped.Count > 0)
            {
                sb.Append("\n### Not checked\n\n| IDs | Why |\n|-----|-----|\n");
                foreach (var s in result.Skipped) sb.Append("| ").Append(Cell(s.Ids)).Append(" | ").Append(Cell(s.Reason)).Append(" |\n");
            }
            return sb.ToString();
        }

        /// <summary>The whole report file: header, tables, cost.</summary>
        public static string Report(AuditResult result, string projectName)
        {
            var sb = new StringBuilder();
            sb.Append("# Database Audit Report: ").Append(projectName).Append("\n\n");
            sb.Append("**Created:** ").Append(result.CreatedAtUtc ?? "").Append(" (UTC)\n");
            sb.Append("**Provider:** ").Append(result.Provider).Append(result.ServerVersion != null ? " " + result.ServerVersion : "").Append('\n');
            if (result.Database != null) sb.Append("**Database:** ").Append(result.Database).Append('\n');
            sb.Append("**Source:** ").Append(result.Live ? "live database" : "snapshot only (live checks did not run)").Append('\n');
            var warnings = result.Findings.Count(f => f.Rule.Severity == AuditSeverity.Warning);
            sb.Append("**Findings:** ").Append(result.Findings.Count.ToString(CultureInfo.InvariantCulture))
              .Append(" (").Append(warnings.ToString(CultureInfo.InvariantCulture)).Append(" warnings)\n\n---\n\n");
            sb.Append(Tables(result));
            sb.Append("\n---\n\nCost: ").Append(result.Queries.ToString(CultureInfo.InvariantCulture)).Append(" queries in ")
              .Append(result.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)).Append(" ms. ")
              .Append("Rule pages: docs/rules/<ID>.md. Severity per rule: .editorconfig dotnet_diagnostic.<ID>.severity.\n");
            return sb.ToString();
        }

        private static string Cell(string s) => s.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
    }
}
