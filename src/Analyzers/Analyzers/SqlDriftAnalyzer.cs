using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SchemaDrift.Analyzers.EntryPoints;
using SchemaDrift.Analyzers.Rules;
using SchemaDrift.Analyzers.Snapshots;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>
    /// Finds constant SQL passed to Dapper and ADO.NET, checks it against the schema
    /// snapshot and reports DBDRIFT101/201/401 on the exact identifier in the literal.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqlDriftAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Descriptors.UnknownTable,
            Descriptors.Descriptors.UnknownColumn,
            Descriptors.Descriptors.PossibleRename);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var types = new KnownTypes(start.Compilation);
            if (!types.Any) return;
            var snapshot = SnapshotContext.Find(start.Options, start.CancellationToken);
            var index = snapshot?.Index;
            if (index == null) return; // no usable snapshot: SnapshotNoticeAnalyzer explains why

            start.RegisterOperationAction(c =>
            {
                var site = SqlCallSites.FromInvocation((IInvocationOperation)c.Operation, types);
                if (site != null) Check(c, site.Value, index);
            }, OperationKind.Invocation);
            start.RegisterOperationAction(c =>
            {
                var site = SqlCallSites.FromObjectCreation((IObjectCreationOperation)c.Operation, types);
                if (site != null) Check(c, site.Value, index);
            }, OperationKind.ObjectCreation);
            start.RegisterOperationAction(c =>
            {
                var site = SqlCallSites.FromAssignment((ISimpleAssignmentOperation)c.Operation, types);
                if (site != null) Check(c, site.Value, index);
            }, OperationKind.SimpleAssignment);
        }

        private static void Check(OperationAnalysisContext context, SqlCallSite site, SchemaIndex index)
        {
            try
            {
                var source = ConstantSqlReader.Read(site.Sql);
                if (source == null) return; // not provably constant: never guess
                var result = SqlChecker.Check(source.Text, index);
                var provider = index.Snapshot.Provider;
                foreach (var finding in result.Findings)
                {
                    var diagnostic = UnknownTableRule.Create(finding, source, provider)
                                     ?? UnknownColumnRule.Create(finding, source, provider)
                                     ?? PossibleRenameRule.Create(finding, source, provider);
                    if (diagnostic != null) context.ReportDiagnostic(diagnostic);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // An analyzer exception becomes AD0001 and hides every other finding in the file.
                // Losing one call site's check is the lesser evil.
            }
        }
    }
}
