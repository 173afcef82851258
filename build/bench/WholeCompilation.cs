using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Bench;

/// <summary>
/// The analyzers over the whole large project in one process (what a full build's analyzer
/// phase does), each analyzer against a do-nothing baseline on the same compilation, single
/// threaded, best of several runs: cost per SQL call site without the build's noise.
/// </summary>
internal static class WholeCompilation
{
    public static int Run(Dictionary<string, string> o)
    {
        var references = File.ReadAllLines(o["references"]).Where(l => l.Length > 0).Select(p => MetadataReference.CreateFromFile(p)).ToList();
        var sites = int.Parse(o.GetValueOrDefault("sites", "10000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(o.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(o["sources"], "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p)).ToList();
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(o["snapshot"])));
        var all = typeof(SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        // --logtime 1: time the analyzers the way -p:ReportAnalyzer=true makes the compiler do
        // (a stopwatch around every callback), to see what that attribution itself costs.
        var logTime = o.GetValueOrDefault("logtime", "0") == "1";

        double Best(Func<ImmutableArray<DiagnosticAnalyzer>> analyzers)
        {
            var best = double.MaxValue;
            for (var r = 0; r < runs; r++)
            {
                // A fresh compilation each run, bound once before timing: only analysis is measured.
                var compilation = CSharpCompilation.Create("Bench" + r, trees, references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                compilation.GetDiagnostics();
                var clock = Stopwatch.StartNew();
                compilation.WithAnalyzers(analyzers(), new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: logTime))
                    .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            }
            return best;
        }

        if (o.ContainsKey("compile"))
        {
            // A whole compile in one thread, as csc does it (compiler diagnostics, analyzers, emit),
            // with SchemaDrift's analyzers and without any, alternately, best of several runs:
            // the CPU time the package adds to the compile, without the machine's wall-clock noise.
            var schemaDrift = all.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
            double Compile(bool withAnalyzers)
            {
                var compilation = CSharpCompilation.Create("Compile", trees, references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                var clock = Stopwatch.StartNew();
                if (withAnalyzers)
                {
                    compilation.WithAnalyzers(schemaDrift, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                        .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
                }
                else
                {
                    compilation.GetDiagnostics();
                }
                using (var pe = new MemoryStream()) compilation.Emit(pe);
                return clock.Elapsed.TotalMilliseconds;
            }
            Compile(true); // JIT the compiler and the analyzers once before measuring
            var bestWithout = double.MaxValue;
            var bestWith = double.MaxValue;
            for (var r = 0; r < runs; r++)
            {
                bestWithout = Math.Min(bestWithout, Compile(false));
                bestWith = Math.Min(bestWith, Compile(true));
            }
            Console.WriteLine($"compile baseline_ms={bestWithout:F0} with_ms={bestWith:F0} added_ms={bestWith - bestWithout:F0} added={(bestWith / bestWithout - 1) * 100:+0.0;-0.0}% runs={runs}");
            return 0;
        }

        if (o.ContainsKey("telemetry"))
        {
            // The compiler's own attribution (what -p:ReportAnalyzer=true prints), in one thread.
            var compilation = CSharpCompilation.Create("Telemetry", trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            compilation.GetDiagnostics();
            var instances = all.Where(t => !o.TryGetValue("only", out var one) || t.Name == one).Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
            var with = compilation.WithAnalyzers(instances, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var clock = Stopwatch.StartNew();
            with.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            Console.WriteLine($"telemetry wall_ms={clock.Elapsed.TotalMilliseconds:F0}");
            foreach (var a in instances)
            {
                var info = with.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult();
                Console.WriteLine($"telemetry analyzer={a.GetType().Name} ms={info.ExecutionTime.TotalMilliseconds:F0} operation_actions={info.OperationActionsCount} block_start_actions={info.OperationBlockStartActionsCount}");
            }
            return 0;
        }
        var baseline = Best(() => ImmutableArray.Create<DiagnosticAnalyzer>(new NoOp()));
        Console.WriteLine($"whole baseline_ms={baseline:F0}");
        var chosen = o.TryGetValue("only", out var only) ? all.Where(t => t.Name == only).ToList() : all;
        var total = Best(() => chosen.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray());
        Console.WriteLine($"whole analyzers={(only ?? "all")} ms={total:F0} added_ms={total - baseline:F0} per_site_us={(total - baseline) * 1000 / sites:F1}");
        return 0;
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOp : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("NOOP0002", "no-op", "no-op", "Bench", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            // A syntax action: the driver builds no operation trees for it.
            context.RegisterSyntaxNodeAction(_ => { }, Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression);
        }
    }
}
