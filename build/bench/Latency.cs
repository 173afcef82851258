using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Bench;

/// <summary>
/// What an IDE does on a keystroke: edit one document of the large project, make the new
/// compilation, and ask the analyzers for that document's diagnostics. Reports median and
/// p95 over many edits, with the snapshot as the AdditionalFile the build provides.
/// </summary>
internal static class Latency
{
    public static async Task<int> Run(Dictionary<string, string> o)
    {
        var sourcesDir = o["sources"];
        var references = File.ReadAllLines(o["references"]).Where(l => l.Length > 0).Select(p => MetadataReference.CreateFromFile(p)).ToList();
        var snapshotPath = o["snapshot"];
        var iterations = int.Parse(o.GetValueOrDefault("iterations", "40"), CultureInfo.InvariantCulture);

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(sourcesDir, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p)).ToList();
        var compilation = CSharpCompilation.Create("Bench", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var analyzers = typeof(SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
        var snapshot = new FileAdditionalText(snapshotPath);
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(snapshot));

        // The document being "typed in": one of the query files. The same loop with a do-nothing
        // analyzer is the baseline (binding the document, driver overhead): the difference is ours.
        var baseline = Measure(compilation, trees, ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer()), options, iterations, out _);
        var ours = Measure(compilation, trees, analyzers, options, iterations, out var reported);
        Console.WriteLine($"latency median_ms={Fmt(ours.Median)} p95_ms={Fmt(ours.P95)} baseline_median_ms={Fmt(baseline.Median)} baseline_p95_ms={Fmt(baseline.P95)} added_median_ms={Fmt(ours.Median - baseline.Median)} samples={iterations} diagnostics={reported} documents={trees.Count}");
        return 0;
    }

    private static string Fmt(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static (double Median, double P95) Measure(CSharpCompilation compilation, List<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers,
        AnalyzerOptions options, int iterations, out int reported)
    {
        var target = trees.First(t => t.FilePath.Contains("Queries0007", StringComparison.Ordinal));
        var samples = new List<double>();
        reported = 0;
        for (var i = 0; i < iterations + 3; i++)
        {
            var text = target.GetText();
            var edited = target.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\n// keystroke " + i)));
            var next = compilation.ReplaceSyntaxTree(target, edited);
            target = edited;
            compilation = next;
            var clock = Stopwatch.StartNew();
            var withAnalyzers = next.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var model = next.GetSemanticModel(edited);
            var diagnostics = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            clock.Stop();
            reported = diagnostics.Length;
            if (i >= 3) samples.Add(clock.Elapsed.TotalMilliseconds); // first runs pay JIT and snapshot parsing
        }
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1]);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("NOOP0001", "no-op", "no-op", "Bench", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        }
    }

    private sealed class FileAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public FileAdditionalText(string path)
        {
            Path = path;
            _text = SourceText.From(File.ReadAllText(path));
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
