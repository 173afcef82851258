using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT201: the SQL names a column no table in scope has, and nothing similar exists.</summary>
    internal static class UnknownColumnRule
    {
        public static Diagnostic? Create(SqlFinding finding, SqlSource source, string provider)
        {
            if (finding.Kind != SqlFindingKind.UnknownColumn || finding.Candidates.Count > 0) return null;
            return Diagnostic.Create(
                Descriptors.Descriptors.UnknownColumn,
                SqlFindingReport.LocationOf(finding, source),
                SqlFindingReport.Properties(finding, "column", provider, source),
                finding.Name,
                finding.Table != null ? " in table '" + finding.Table + "'" : " in any table of the query");
        }
    }
}
