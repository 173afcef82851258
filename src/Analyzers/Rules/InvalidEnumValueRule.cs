using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT801: a string literal compared with or assigned to an enum column is not one of its labels.</summary>
    internal static class InvalidEnumValueRule
    {
        private const int MaxLabelsInMessage = 10;

        public static Diagnostic? Create(SqlFinding finding, SqlSource source, string provider)
        {
            if (finding.Kind != SqlFindingKind.InvalidEnumValue) return null;
            var labels = string.Join(", ", finding.Allowed.Take(MaxLabelsInMessage).Select(l => "'" + l + "'"));
            if (finding.Allowed.Count > MaxLabelsInMessage) labels += ", …";
            var type = finding.Detail == null || finding.Detail == "enum" ? "the column's ENUM" : "enum " + finding.Detail;
            return Diagnostic.Create(
                Descriptors.Descriptors.InvalidEnumValue,
                SqlFindingReport.LocationOf(finding, source),
                SqlFindingReport.Properties(finding, "enum", provider, source),
                finding.Name,
                type,
                finding.Table != null ? finding.Table + "." + finding.Column : finding.Column,
                labels);
        }
    }
}
