using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT701: the SQL calls a function or procedure that is neither built in nor in the schema.</summary>
    internal static class UnknownRoutineRule
    {
        public static Diagnostic? Create(SqlFinding finding, SqlSource source, string provider)
        {
            if (finding.Kind != SqlFindingKind.UnknownRoutine) return null;
            var kind = finding.Detail == "procedure" ? "Procedure" : "Function";
            var hint = finding.Candidates.Count > 0 ? "; did you mean " + SqlFindingReport.Quoted(finding.Candidates) + "?" : "";
            return Diagnostic.Create(
                Descriptors.Descriptors.UnknownRoutine,
                SqlFindingReport.LocationOf(finding, source),
                SqlFindingReport.Properties(finding, finding.Detail ?? "function", provider, source),
                kind,
                finding.Table != null ? finding.Table + "." + finding.Name : finding.Name,
                SqlFindingReport.DisplayName(provider),
                hint);
        }
    }
}
