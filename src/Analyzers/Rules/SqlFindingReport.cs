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
        public static ImmutableDictionary<string, string?> Properties(SqlFinding finding, string kind, string dialect)
        {
            var b = ImmutableDictionary.CreateBuilder<string, string?>();
            b[PropertyKeys.Kind] = kind;
            b[PropertyKeys.Name] = finding.Name;
            b[PropertyKeys.Dialect] = dialect;
            if (finding.Table != null) b[PropertyKeys.Table] = finding.Table;
            b[PropertyKeys.CandidateCount] = finding.Candidates.Count.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < finding.Candidates.Count; i++)
            {
                b[PropertyKeys.CandidatePrefix + i.ToString(CultureInfo.InvariantCulture)] = finding.Candidates[i];
            }
            return b.ToImmutable();
        }

        public static Location LocationOf(SqlFinding finding, SqlSource source) => source.GetLocation(finding.Start, finding.Length);

        public static string Quoted(System.Collections.Generic.IEnumerable<string> names) =>
            "'" + string.Join("' or '", names) + "'";
    }
}
