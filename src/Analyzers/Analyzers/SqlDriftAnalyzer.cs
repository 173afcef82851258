using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SchemaDrift.Analyzers.EntryPoints;
using SchemaDrift.Analyzers.Rules;
using SchemaDrift.Analyzers.Snapshots;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>
    /// Finds constant SQL passed to ADO.NET, Dapper and EF Core raw SQL APIs, checks it
    /// against the schema snapshot and reports DBDRIFT101/201/401/701/801 on the exact
    /// identifier or literal inside the C# string.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqlDriftAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Descriptors.UnknownTable,
            Descriptors.Descriptors.UnknownColumn,
            Descriptors.Descriptors.PossibleRename,
            Descriptors.Descriptors.UnknownRoutine,
            Descriptors.Descriptors.InvalidEnumValue);

        public override void Initialize(AnalysisContext context)
        {
            // Our diagnostics are always inside the member being analyzed, and the driver does not
            // analyze generated code for us: so they need no generated-code check when reported.
            // That check (unless ReportDiagnostics is set) finds the [GeneratedCode] symbols of every
            // file a diagnostic lands in, a walk of the whole file's declarations (docs/benchmarks.md).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var types = KnownTypes.For(start.Compilation);
            if (!types.Any) return;
            var snapshot = SnapshotContext.Find(start.Options, start.CancellationToken);
            var index = snapshot?.Index;
            if (index == null) return; // no usable snapshot: SnapshotNoticeAnalyzer explains why
            var state = new CompilationState(index, start.Compilation);

            // SqlCallSites catches what a check throws: one lost call site, never an AD0001.
            SqlCallSites.RegisterPerBlock(start, types, (c, site) => Check(c, site, state));
        }

        private static void Check(OperationBlockAnalysisContext context, SqlCallSite site, CompilationState state)
        {
            var source = state.Reads.Source(site);
            if (source == null) return; // not provably constant: never guess
            var index = state.Index;
            var kind = site.Kind;
            if (kind == SqlTextKind.DapperInferred) kind = DapperTreatsAsProcedure(source.Text) ? SqlTextKind.ProcedureName : SqlTextKind.Statements;
            var result = kind == SqlTextKind.ProcedureName ? state.CheckProcedure(source.Text) : state.Check(source.Text);
            var provider = index.Snapshot.Provider;
            foreach (var finding in result.Findings)
            {
                if (finding.Kind == SqlFindingKind.UnknownRoutine && index.Dialect == SqlDialect.Sqlite &&
                    state.IsRegisteredSqliteFunction(finding.Name, context.CancellationToken))
                {
                    continue;
                }
                if (finding.Kind == SqlFindingKind.UnknownTable &&
                    state.MayBeCreatedAtRunTime(finding.Name, finding.Table != null, context.CancellationToken))
                {
                    continue;
                }
                var diagnostic = UnknownTableRule.Create(finding, source, provider)
                                 ?? UnknownColumnRule.Create(finding, source, provider)
                                 ?? PossibleRenameRule.Create(finding, source, provider)
                                 ?? UnknownRoutineRule.Create(finding, source, provider)
                                 ?? InvalidEnumValueRule.Create(finding, source, provider);
                if (diagnostic != null && state.FirstReport(diagnostic)) context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>
        /// Dapper 2.x without a commandType runs text that has no whitespace and none of ; / - + *
        /// (and is not vacuum/commit/rollback/revert) as a stored procedure (CommandDefinition.InferCommandType).
        /// </summary>
        internal static bool DapperTreatsAsProcedure(string text)
        {
            if (text.Length == 0) return false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || c == ';' || c == '/' || c == '-' || c == '+' || c == '*') return false;
            }
            return !(string.Equals(text, "vacuum", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "commit", StringComparison.OrdinalIgnoreCase) ||
                     string.Equals(text, "rollback", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "revert", StringComparison.OrdinalIgnoreCase));
        }
    }
}
