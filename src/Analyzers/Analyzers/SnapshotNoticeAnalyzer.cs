using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.Snapshots;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>DBDRIFT000 from the compiler side: the snapshot exists but cannot be used (corrupt, empty, other format version).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SnapshotNoticeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Descriptors.ToolNotice);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(c =>
            {
                var snapshot = SnapshotContext.Find(c.Options, c.CancellationToken);
                if (snapshot?.Problem != null)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.Descriptors.ToolNotice, Location.None, snapshot.Problem));
                }
            });
        }
    }
}
