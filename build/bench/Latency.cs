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
            .Where(t => !o.TryGetValue("only", out var only) || t.Name == only)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
        var snapshot = new FileText(snapshotPath);
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(snapshot));

        // The document being "typed in": one of the query files. Each keystroke is measured twice on
        // the same new compilation, with a do-nothing analyzer (binding the document, driver overhead)
        // and with ours, in alternating order with fresh semantic models: the difference is ours.
        var target = trees.First(t => t.FilePath.Contains("Queries0007", StringComparison.Ordinal));
        var noop = ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer());
        var ours = new List<double>();
        var baseline = new List<double>();
        var added = new List<double>();
        var reported = 0;
        // Untimed keystrokes first: the JIT, the first snapshot parse, and enough calls for tiered
        // compilation to promote the per-compilation code paths, as in an IDE that has been open a while.
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "40"), CultureInfo.InvariantCulture);
        for (var i = 0; i < iterations + warmup; i++)
        {
            var text = target.GetText();
            var edited = target.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\n// keystroke " + i)));
            compilation = compilation.ReplaceSyntaxTree(target, edited);
            target = edited;
            // What the IDE computes on every keystroke whatever analyzers are installed: the compiler's
            // own diagnostics for the edited document. It builds the compilation's shared lazy state
            // (the merged declarations of all 2,000 files, the namespaces), which would otherwise be
            // charged to whichever of the two measurements below happens to run first.
            compilation.GetSemanticModel(edited).GetDiagnostics();
            double b, ms;
            if (i % 2 == 0)
            {
                b = Time(compilation, edited, noop, options, out _);
                ms = Time(compilation, edited, analyzers, options, out reported);
            }
            else
            {
                ms = Time(compilation, edited, analyzers, options, out reported);
                b = Time(compilation, edited, noop, options, out _);
            }
            if (i < warmup) continue;
            ours.Add(ms);
            baseline.Add(b);
            added.Add(ms - b);
        }
        var (om, op) = Stats(ours);
        var (bm, bp) = Stats(baseline);
        var (am, ap) = Stats(added);
        Console.WriteLine($"latency median_ms={Fmt(om)} p95_ms={Fmt(op)} baseline_median_ms={Fmt(bm)} baseline_p95_ms={Fmt(bp)} added_median_ms={Fmt(am)} added_p95_ms={Fmt(ap)} samples={iterations} diagnostics={reported} documents={trees.Count}");
        await Task.CompletedTask;
        return 0;
    }

    private static (double Median, double P95) Stats(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return (sorted[sorted.Count / 2], sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]);
    }

    private static double Time(CSharpCompilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, out int reported)
    {
        var clock = Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var model = compilation.GetSemanticModel(tree);
        var diagnostics = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
        clock.Stop();
        reported = diagnostics.Length;
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Fmt(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

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
}
