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
            // with SchemaDrift's analyzers and without, alternately, best of several runs: the CPU
            // time the package adds to the compile, without the machine's wall-clock noise.
            // --others <file>: analyzer assemblies (one path a line, e.g. the SDK's .NET analyzers)
            // that run on both sides, as in a real build, so only SchemaDrift's share is the difference.
            var schemaDrift = all.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
            // --shape: a stand-in with one registration shape and no logic, to tell the driver's
            // cost of that shape from the analyzers' own work.
            if (o.TryGetValue("shape", out var shape)) schemaDrift = ImmutableArray.Create<DiagnosticAnalyzer>(new Shape(shape));
            var others = o.TryGetValue("others", out var othersFile)
                ? File.ReadAllLines(othersFile).Where(l => l.Length > 0)
                    .SelectMany(p => new AnalyzerFileReference(p, AssemblyLoader.Instance).GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray()
                : ImmutableArray<DiagnosticAnalyzer>.Empty;
            (double PauseMs, double AllocatedMiB, double CpuMs) lastGc = default;
            double Compile(ImmutableArray<DiagnosticAnalyzer> analyzers)
            {
                var compilation = CSharpCompilation.Create("Compile", trees, references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                // Each compile starts from the same heap: a full collection left over from the previous
                // compile would otherwise land on whichever side runs next (seconds of noise).
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var pause = GC.GetTotalPauseDuration();
                var allocated = GC.GetTotalAllocatedBytes(false);
                var clock = Stopwatch.StartNew();
                if (analyzers.Length > 0)
                {
                    compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                        .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
                }
                else
                {
                    compilation.GetDiagnostics();
                }
                using (var pe = new MemoryStream()) compilation.Emit(pe);
                var ms = clock.Elapsed.TotalMilliseconds;
                // What the garbage collector took and how much was allocated: the analyzers' share of
                // the compile is mostly the collector's in a process whose heap holds a large compilation.
                lastGc = ((GC.GetTotalPauseDuration() - pause).TotalMilliseconds, (GC.GetTotalAllocatedBytes(false) - allocated) / 1048576.0,
                          (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                return ms;
            }
            var gcWith = new List<(double PauseMs, double AllocatedMiB, double CpuMs)>();
            var gcWithout = new List<(double PauseMs, double AllocatedMiB, double CpuMs)>();
            var withSet = others.AddRange(schemaDrift);
            Compile(withSet); // JIT the compiler and the analyzers once before measuring
            if (o.GetValueOrDefault("alloc", "0") == "1")
            {
                // --alloc 1: sampled allocations by type, with minus without, and collections per generation.
                using var sampler = new AllocationSampler();
                Dictionary<string, long> Sample(ImmutableArray<DiagnosticAnalyzer> set, out string counts)
                {
                    var g = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
                    sampler.Start();
                    Compile(set);
                    var sampled = sampler.Stop();
                    counts = FormattableString.Invariant($"gen0={GC.CollectionCount(0) - g[0]} gen1={GC.CollectionCount(1) - g[1]} gen2={GC.CollectionCount(2) - g[2]} pause_ms={lastGc.PauseMs:F0} allocated_mib={lastGc.AllocatedMiB:F1}");
                    return sampled;
                }
                var sampledWithout = Sample(others, out var countsWithout);
                var sampledWith = Sample(withSet, out var countsWith);
                Console.WriteLine("alloc without " + countsWithout);
                Console.WriteLine("alloc with    " + countsWith);
                foreach (var (type, bytes) in sampledWith.Keys.Union(sampledWithout.Keys)
                             .Select(t => (t, sampledWith.GetValueOrDefault(t) - sampledWithout.GetValueOrDefault(t)))
                             .OrderByDescending(x => Math.Abs(x.Item2)).Take(int.Parse(o.GetValueOrDefault("top", "40"), CultureInfo.InvariantCulture)))
                {
                    Console.WriteLine(FormattableString.Invariant($"alloc_type added_kib={bytes / 1024,9} {type}"));
                }
                return 0;
            }
            var without = new List<double>();
            var with = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                // Alternating order, so a slow spell of the machine falls on both sides.
                if (r % 2 == 0) { without.Add(Compile(others)); gcWithout.Add(lastGc); with.Add(Compile(withSet)); gcWith.Add(lastGc); }
                else { with.Add(Compile(withSet)); gcWith.Add(lastGc); without.Add(Compile(others)); gcWithout.Add(lastGc); }
            }
            var bestWithout = without.Min();
            var bestWith = with.Min();
            var pairs = with.Zip(without, (w, b) => w / b).OrderBy(x => x).ToList();
            var label = others.Length > 0 ? "compile_with_sdk_analyzers" : "compile";
            Console.WriteLine(FormattableString.Invariant(
                $"{label} baseline_ms={bestWithout:F0} with_ms={bestWith:F0} added_ms={bestWith - bestWithout:F0} added={(bestWith / bestWithout - 1) * 100:+0.0;-0.0}% pair_ratio_median={pairs[pairs.Count / 2]:F3} pair_ratio_min={pairs[0]:F3} pair_ratio_max={pairs[^1]:F3} other_analyzers={others.Length} runs={runs}"));
            static double Median(IEnumerable<double> v) { var x = v.OrderBy(d => d).ToList(); return x[x.Count / 2]; }
            Console.WriteLine(FormattableString.Invariant(
                $"{label}_gc baseline_pause_ms={Median(gcWithout.Select(g => g.PauseMs)):F0} with_pause_ms={Median(gcWith.Select(g => g.PauseMs)):F0} baseline_allocated_mib={Median(gcWithout.Select(g => g.AllocatedMiB)):F0} with_allocated_mib={Median(gcWith.Select(g => g.AllocatedMiB)):F0}"));
            // CPU time of the process (all threads): unlike wall time, it does not count the moments the
            // virtual machine's host runs something else, which is most of this machine's noise.
            var cpuPairs = gcWith.Zip(gcWithout, (w, b) => w.CpuMs / b.CpuMs).OrderBy(x => x).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"{label}_cpu baseline_cpu_ms={Median(gcWithout.Select(g => g.CpuMs)):F0} with_cpu_ms={Median(gcWith.Select(g => g.CpuMs)):F0} added={(Median(gcWith.Select(g => g.CpuMs)) / Median(gcWithout.Select(g => g.CpuMs)) - 1) * 100:+0.0;-0.0}% pair_ratio_median={cpuPairs[cpuPairs.Count / 2]:F3} pair_ratio_min={cpuPairs[0]:F3} pair_ratio_max={cpuPairs[^1]:F3}"));
            if (o.GetValueOrDefault("ablate", "0") == "1")
            {
                // Each SchemaDrift analyzer left out in turn: what it alone adds (best of the runs).
                foreach (var a in schemaDrift)
                {
                    var rest = others.AddRange(schemaDrift.Where(x => x != a));
                    var best = double.MaxValue;
                    for (var r = 0; r < runs; r++) best = Math.Min(best, Compile(rest));
                    Console.WriteLine(FormattableString.Invariant($"{label}_without analyzer={a.GetType().Name} ms={best:F0} its_share_ms={bestWith - best:F0}"));
                }
            }
            return 0;
        }

        if (o.ContainsKey("allocated"))
        {
            // Bytes the analyzers allocate over the whole project, exactly (not sampled), in one
            // thread, against the do-nothing stand-in that walks every operation block (so the
            // driver's lazily built operation trees are on both sides). What the collector pays
            // for: in the compiler every allocated byte is zeroed, often page-faulted in, and
            // brings the next collection of the compiler's own heap closer. Only the analyzers
            // csc runs: it skips those whose every diagnostic is Info or Hidden (index advice).
            var csc = all.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .Where(a => a.SupportedDiagnostics.Any(d => d.DefaultSeverity >= DiagnosticSeverity.Warning)).ToList();
            long Allocated(ImmutableArray<DiagnosticAnalyzer> analyzers)
            {
                // New tree instances each time, as every compiler process has: work the analyzers
                // keep per tree (for the IDE, whose unchanged documents keep theirs) is counted.
                var fresh = trees.Select(t => t.WithFilePath(t.FilePath + "#")).ToList();
                var compilation = CSharpCompilation.Create("Allocated", fresh, references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                compilation.GetDiagnostics();
                var before = GC.GetTotalAllocatedBytes(true);
                compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                    .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                return GC.GetTotalAllocatedBytes(true) - before;
            }
            ImmutableArray<DiagnosticAnalyzer> Fresh(IEnumerable<DiagnosticAnalyzer> set) =>
                set.Select(a => (DiagnosticAnalyzer)Activator.CreateInstance(a.GetType())!).Prepend(new Shape("walk")).ToImmutableArray();
            // The compiler's own lazy state makes a run's total vary by a MiB or two: medians of --runs.
            long Median(Func<long> run) { var v = Enumerable.Range(0, runs).Select(_ => run()).OrderBy(x => x).ToList(); if (o.ContainsKey("raw")) Console.WriteLine("raw " + string.Join(" ", v)); return v[v.Count / 2]; }
            Allocated(Fresh(csc)); // JIT and first-use caches (the snapshot, read once per process), uncounted
            var walk = Median(() => Allocated(ImmutableArray.Create<DiagnosticAnalyzer>(new Shape("walk"))));
            var every = Median(() => Allocated(Fresh(csc)));
            Console.WriteLine(FormattableString.Invariant(
                $"allocated schemadrift_mib={(every - walk) / 1048576.0:F1} per_site_bytes={(every - walk) / (double)sites:F0} walk_baseline_mib={walk / 1048576.0:F1} analyzers={csc.Count} runs={runs}"));
            if (o.TryGetValue("shape", out var extra))
            {
                // --shape walk|block|invocation…: a second do-nothing analyzer of that shape beside
                // the stand-in: what the driver alone allocates for one more analyzer of the shape,
                // which SchemaDrift's own analyzers pay too (their share above includes it).
                var two = Median(() => Allocated(ImmutableArray.Create<DiagnosticAnalyzer>(new Shape("walk"), new Shape(extra))));
                Console.WriteLine(FormattableString.Invariant(
                    $"allocated_shape shape={extra} mib={(two - walk) / 1048576.0:F1} per_site_bytes={(two - walk) / (double)sites:F0}"));
            }
            if (o.GetValueOrDefault("types", "0") == "1")
            {
                // --types 1: sampled allocations by type, SchemaDrift's side minus the stand-in's.
                using var sampler = new AllocationSampler();
                Dictionary<string, long> Sampled(ImmutableArray<DiagnosticAnalyzer> set)
                {
                    var total = new Dictionary<string, long>(StringComparer.Ordinal);
                    for (var r = 0; r < runs; r++)
                    {
                        sampler.Start();
                        Allocated(set);
                        foreach (var (type, bytes) in sampler.Stop()) total[type] = total.GetValueOrDefault(type) + bytes;
                    }
                    return total;
                }
                var without = Sampled(ImmutableArray.Create<DiagnosticAnalyzer>(new Shape("walk")));
                var with = Sampled(Fresh(csc));
                foreach (var (type, bytes) in with.Keys.Union(without.Keys).Select(t => (t, with.GetValueOrDefault(t) - without.GetValueOrDefault(t)))
                             .OrderByDescending(x => x.Item2).Take(int.Parse(o.GetValueOrDefault("top", "30"), CultureInfo.InvariantCulture)))
                {
                    Console.WriteLine(FormattableString.Invariant($"allocated_type per_site_bytes={bytes / (double)runs / sites,7:F0} {type}"));
                }
            }
            if (o.GetValueOrDefault("each", "0") == "1")
            {
                foreach (var a in csc)
                {
                    var one = Median(() => Allocated(Fresh(new[] { a })));
                    Console.WriteLine(FormattableString.Invariant($"allocated analyzer={a.GetType().Name} mib={(one - walk) / 1048576.0:F1}"));
                }
            }
            return 0;
        }

        if (o.ContainsKey("telemetry"))
        {
            // The compiler's own attribution (what -p:ReportAnalyzer=true prints), in one thread.
            // --warm 1: one untimed pass first, so the JIT is not counted.
            var passes = o.GetValueOrDefault("warm", "0") == "1" ? 2 : 1;
            ImmutableArray<DiagnosticAnalyzer> instances = default;
            CompilationWithAnalyzers with = null!;
            var clock = new Stopwatch();
            for (var pass = 0; pass < passes; pass++)
            {
                var compilation = CSharpCompilation.Create("Telemetry", trees, references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                compilation.GetDiagnostics();
                instances = all.Where(t => !o.TryGetValue("only", out var one) || t.Name == one).Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
                with = compilation.WithAnalyzers(instances, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
                clock.Restart();
                var found = with.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                if (pass == passes - 1)
                {
                    Console.WriteLine("telemetry diagnostics " + string.Join(" ", found.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + g.Count())));
                }
            }
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

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public static readonly AssemblyLoader Instance = new();
        public void AddDependencyLocation(string fullPath) { }
        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Shape : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("NOOP0003", "shape", "shape", "Bench", DiagnosticSeverity.Warning, true);
        private readonly string _shape;

        public Shape(string shape) => _shape = shape;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            switch (_shape)
            {
                case "block": // operation block action that looks at nothing
                    context.RegisterOperationBlockAction(_ => { });
                    break;
                case "walk": // operation block action that walks every operation
                    context.RegisterOperationBlockAction(c =>
                    {
                        var n = 0;
                        foreach (var root in c.OperationBlocks) foreach (var _ in Microsoft.CodeAnalysis.Operations.OperationExtensions.Descendants(root)) n++;
                    });
                    break;
                case "invocation": // per-operation action on invocations
                    context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                    break;
                case "codeblock": // syntax-based code block action: no operation tree
                    context.RegisterCodeBlockAction(_ => { });
                    break;
                case "bind": // code block action that binds every invocation (GetSymbolInfo)
                    context.RegisterCodeBlockAction(c =>
                    {
                        foreach (var n in c.CodeBlock.DescendantNodes())
                            if (n is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax) c.SemanticModel.GetSymbolInfo(n, c.CancellationToken);
                    });
                    break;
            }
        }
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
