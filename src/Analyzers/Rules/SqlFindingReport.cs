using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>What every SQL rule needs to turn a finding into a diagnostic.</summary>
    internal static class SqlFindingReport
    {
        public static ImmutableDictionary<string, string?> Properties(SqlFinding finding, string kind, string dialect, SqlSource source)
        {
            var b = ImmutableDictionary.CreateBuilder<string, string?>();
            b[PropertyKeys.Kind] = kind;
            b[PropertyKeys.Name] = finding.Name;
            b[PropertyKeys.Dialect] = dialect;
            b[PropertyKeys.Clause] = finding.Clause.ToString();
            if (source.Api != null) b[PropertyKeys.Api] = source.Api;
            if (finding.Table != null) b[PropertyKeys.Table] = finding.Table;
            if (finding.Column != null) b[PropertyKeys.Column] = finding.Column;
            if (finding.Detail != null) b[PropertyKeys.Detail] = finding.Detail;
            AddList(b, PropertyKeys.CandidateCount, PropertyKeys.CandidatePrefix, finding.Candidates);
            if (finding.Kind == SqlFindingKind.InvalidEnumValue) AddList(b, PropertyKeys.LabelCount, PropertyKeys.LabelPrefix, finding.Allowed);
            if (finding.RemoveStart >= 0)
            {
                var span = source.GetExactSpan(finding.RemoveStart, finding.RemoveLength);
                if (span != null)
                {
                    b[PropertyKeys.RemoveSpan] = Span(span.Value.Start, span.Value.Length);
                    if (finding.PairedRemoveStart >= 0)
                    {
                        var paired = source.GetExactSpan(finding.PairedRemoveStart, finding.PairedRemoveLength);
                        if (paired != null) b[PropertyKeys.PairedRemoveSpan] = Span(paired.Value.Start, paired.Value.Length);
                    }
                }
            }
            return b.ToImmutable();
        }

        private static void AddList(ImmutableDictionary<string, string?>.Builder b, string countKey, string prefix, List<string> values)
        {
            b[countKey] = values.Count.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < values.Count; i++)
            {
                b[prefix + i.ToString(CultureInfo.InvariantCulture)] = values[i];
            }
        }

        private static string Span(int start, int length) =>
            start.ToString(CultureInfo.InvariantCulture) + "," + length.ToString(CultureInfo.InvariantCulture);

        public static Location LocationOf(SqlFinding finding, SqlSource source) => source.GetLocation(finding.Start, finding.Length);

        public static string Quoted(IEnumerable<string> names) =>
            "'" + string.Join("' or '", names) + "'";

        public static string DisplayName(string provider) => provider switch
        {
            "postgres" => "PostgreSQL",
            "mysql" => "MySQL",
            "sqlite" => "SQLite",
            _ => provider,
        };
    }
}
