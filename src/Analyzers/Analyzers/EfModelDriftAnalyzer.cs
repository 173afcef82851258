using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Analyzers.Snapshots;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>
    /// Reads the EF Core model of every DbContext from source (no EF assembly is loaded),
    /// compares it with the schema snapshot, and reports DBDRIFT501/601/301/302/303/801 on
    /// the entity, DbSet, property or enum member concerned. The model is built once per
    /// compilation, lazily, and each finding is reported from the symbol action of the type
    /// that declares its location (so the IDE shows it live in that file).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EfModelDriftAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Descriptors.ModelAheadOfDatabase,
            Descriptors.Descriptors.UnmappedColumns,
            Descriptors.Descriptors.TypeMismatch,
            Descriptors.Descriptors.NullableMemberOverRequiredColumn,
            Descriptors.Descriptors.MaxLengthExceedsColumn,
            Descriptors.Descriptors.InvalidEnumValue);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            try
            {
                var symbols = EfSymbols.For(start.Compilation);
                if (!symbols.Available) return;
                var snapshot = SnapshotContext.Find(start.Options, start.CancellationToken);
                var index = snapshot?.Index;
                if (index == null) return; // SnapshotNoticeAnalyzer explains why

                var snapshotText = snapshot?.Text;
                var findings = new Lazy<Dictionary<string, List<Diagnostic>>>(
                    () => EfFindingsCache.Get(start.Compilation, snapshotText, () => Compute(symbols, index, start.CancellationToken)),
                    LazyThreadSafetyMode.ExecutionAndPublication);

                start.RegisterSymbolAction(c =>
                {
                    try
                    {
                        var id = c.Symbol.GetDocumentationCommentId();
                        if (id != null && findings.Value.TryGetValue(id, out var list))
                        {
                            foreach (var d in list) c.ReportDiagnostic(d);
                        }
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        // AD0001 would hide every other finding; losing these is the lesser evil.
                    }
                }, SymbolKind.NamedType);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
            }
        }

        private static (Dictionary<string, List<Diagnostic>> ByType, IEnumerable<SyntaxTree> Touched) Compute(EfSymbols symbols, Core.Sql.Analysis.SchemaIndex index, CancellationToken ct)
        {
            var byType = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
            var touched = new List<SyntaxTree>();
            try
            {
                var facts = CompilationFacts.For(symbols.Compilation, symbols, ct);
                var models = EfModelReader.Read(symbols, facts, ct, m => EfDriftChecker.TableHits(m, index));
                touched.AddRange(EfFindingsCache.TreesOf(models));
                foreach (var owned in EfDriftChecker.Check(models, index, facts, symbols))
                {
                    var id = owned.Owner.GetDocumentationCommentId();
                    if (id == null) continue;
                    if (!byType.TryGetValue(id, out var list)) byType[id] = list = new List<Diagnostic>();
                    list.Add(owned.Diagnostic);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                byType.Clear();
            }
            return (byType, touched);
        }
    }
}
