using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SchemaDrift.Tests.Infrastructure;

/// <summary>One-file compilations against the running framework and the data-access libraries, for tests that drive the analyzers through the Roslyn API.</summary>
internal static class TestCompilations
{
    public static CSharpCompilation Create(string name, string source, string path = "C.cs")
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Concat(TestReferences.DataAccess);
        var compilation = CSharpCompilation.Create(name, new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        return compilation;
    }

    /// <summary>The analyzers' diagnostics for one file, with the snapshot as the AdditionalFile the build provides.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(string source, string snapshotJson, params DiagnosticAnalyzer[] analyzers) =>
        AnalyzerDiagnosticsAsync(Create("Analyzed", source), snapshotJson, concurrent: false, analyzers);

    public static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(Compilation compilation, string snapshotJson, bool concurrent, params DiagnosticAnalyzer[] analyzers)
    {
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("schema.snapshot.json", snapshotJson)));
        var with = compilation.WithAnalyzers(ImmutableArray.Create(analyzers), new CompilationWithAnalyzersOptions(options, null, concurrent, logAnalyzerExecutionTime: false));
        return await with.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    }
}
