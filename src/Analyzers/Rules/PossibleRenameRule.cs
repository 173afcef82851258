using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT401: a missing column or table with a similar existing name: a rename or a typo.</summary>
    internal static class PossibleRenameRule
    {
        public static Diagnostic? Create(SqlFinding finding, SqlSource source, string provider)
        {
            if (finding.Candidates.Count == 0) return null;
            bool isTable;
            if (finding.Kind == SqlFindingKind.UnknownTable) isTable = true;
            else if (finding.Kind == SqlFindingKind.UnknownColumn) isTable = false;
            else return null;
            var where = isTable ? "" : finding.Table != null ? " in table '" + finding.Table + "'" : "";
            return Diagnostic.Create(
                Descriptors.Descriptors.PossibleRename,
                SqlFindingReport.LocationOf(finding, source),
                SqlFindingReport.Properties(finding, isTable ? "table" : "column", provider, source),
                isTable ? "Table" : "Column",
                finding.Name,
                where,
                SqlFindingReport.Quoted(finding.Candidates));
        }
    }
}
