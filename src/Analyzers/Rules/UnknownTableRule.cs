using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT101: the SQL names a table or view the database does not have, and nothing similar exists.</summary>
    internal static class UnknownTableRule
    {
        public static Diagnostic? Create(SqlFinding finding, SqlSource source, string provider)
        {
            if (finding.Kind != SqlFindingKind.UnknownTable || finding.Candidates.Count > 0) return null;
            return Diagnostic.Create(
                Descriptors.Descriptors.UnknownTable,
                SqlFindingReport.LocationOf(finding, source),
                SqlFindingReport.Properties(finding, "table", provider, source),
                finding.Name,
                SqlFindingReport.DisplayName(provider));
        }
    }
}
