using System.Diagnostics;
using System.Globalization;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Bench;

/// <summary>The SQL checker alone on the generated queries (warm, one thread): what the analysis itself costs per call site.</summary>
internal static class SqlCost
{
    public static int Run(Dictionary<string, string> o)
    {
        var snapshot = SnapshotSerializer.Read(File.ReadAllText(o["snapshot"])).Snapshot!;
        var index = new SchemaIndex(snapshot);
        var queries = new List<string>();
        var rnd = new Random(42);
        for (var i = 0; i < 10000; i++)
        {
            var t = "t" + rnd.Next(500).ToString("000", CultureInfo.InvariantCulture);
            var u = "t" + rnd.Next(500).ToString("000", CultureInfo.InvariantCulture);
            var a = "c" + (1 + rnd.Next(18)).ToString("00", CultureInfo.InvariantCulture);
            var b = "c" + (1 + rnd.Next(18)).ToString("00", CultureInfo.InvariantCulture);
            queries.Add((i % 5) switch
            {
                0 => $"SELECT x.id, x.{a}, y.{b} FROM {t} x JOIN {u} y ON y.parent_id = x.id WHERE x.{a} = @v ORDER BY x.id",
                1 => $"INSERT INTO {t} (parent_id, {a}, {b}) VALUES (@p, @a, @b)",
                2 => $"UPDATE {t} SET {a} = @a\nWHERE id IN (SELECT parent_id FROM {u} WHERE {b} IS NOT NULL)",
                3 => $"DELETE FROM {t} WHERE {a} < 0 AND parent_id = @p0",
                _ => $"WITH r AS (SELECT id, {a} FROM {t} WHERE {b} > 0) SELECT count(*) FROM r",
            });
        }
        // Best of three passes (warm, one thread), and the bytes each pass allocates: the analyzers'
        // per-site work is allocation-bound inside a compiler process whose heap is large.
        (double Us, double Bytes) Measure<T>(IReadOnlyList<T> inputs, Action<T> work)
        {
            // Warm up until tiered compilation has promoted the code (as it has in a compiler that has
            // run for a while): two passes over everything, then time for the background JIT.
            for (var pass = 0; pass < 2; pass++) foreach (var x in inputs) work(x);
            Thread.Sleep(300);
            var best = double.MaxValue;
            var bytes = 0L;
            for (var pass = 0; pass < 3; pass++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                foreach (var x in inputs) work(x);
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds * 1000 / inputs.Count);
                bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            return (best, (double)bytes / inputs.Count);
        }
        var dialect = index.Dialect;
        var check = Measure(queries, q => SqlChecker.Check(q, index));
        var usage = Measure(queries, q => ColumnUsageCollector.Collect(q, index));
        // The pieces as the analyzers run them now: one parse shared by the checker and the advice.
        var batches = queries.Select(q => SchemaDrift.Core.Sql.SqlParser.Parse(q, dialect)).ToList();
        var parse = Measure(queries, q => SchemaDrift.Core.Sql.SqlParser.Parse(q, dialect));
        var rules = Measure(batches, b => SqlChecker.Check(b, index));
        var advice = Measure(batches, b => SchemaDrift.Core.Audit.QueryIndexAdvisor.Advise(ColumnUsageCollector.Collect(b, index), index));
        // The first figure again, last: with dynamic PGO the first one measured sometimes still ran
        // partly unoptimized code (2 of 3 runs on 2026-12-04: 4.5-4.7 µs, then 2.3-2.4 µs here).
        var checkAgain = Measure(queries, q => SqlChecker.Check(q, index));
        // Cold: the same work with a sweep through --sweep-mb MiB (default 64) before each query,
        // timed without the sweep. Inside a compile, the compiler's working set evicts SchemaDrift's
        // code and data between two call sites; warm loops never see that (history item 23).
        var sweep = new byte[int.Parse(o.GetValueOrDefault("sweep-mb", "64"), CultureInfo.InvariantCulture) * 1048576];
        double Cold<T>(IReadOnlyList<T> inputs, Action<T> work)
        {
            var ticks = 0L;
            for (var i = 0; i < inputs.Count; i++)
            {
                for (var j = 0; j < sweep.Length; j += 64) sweep[j]++;
                var start = Stopwatch.GetTimestamp();
                work(inputs[i]);
                ticks += Stopwatch.GetTimestamp() - start;
            }
            return ticks * 1e6 / Stopwatch.Frequency / inputs.Count;
        }
        // Every fifth query: each sweep costs milliseconds, and a mean over 2,000 queries is steady enough.
        var coldQueries = queries.Where((_, i) => i % 5 == 0).ToList();
        var coldBatches = batches.Where((_, i) => i % 5 == 0).ToList();
        var checkCold = Cold(coldQueries, q => SqlChecker.Check(q, index));
        var parseCold = Cold(coldQueries, q => SchemaDrift.Core.Sql.SqlParser.Parse(q, dialect));
        var rulesCold = Cold(coldBatches, b => SqlChecker.Check(b, index));
        if (o.GetValueOrDefault("alloc", "0") == "1")
        {
            // --alloc 1: which types the parse and the drift rules allocate (sampled, 10 passes each).
            using var sampler = new AllocationSampler();
            void Types(string what, Action pass)
            {
                sampler.Start();
                for (var r = 0; r < 10; r++) pass();
                foreach (var (type, bytes) in sampler.Stop().OrderByDescending(x => x.Value).Take(15))
                {
                    Console.WriteLine(FormattableString.Invariant($"alloc {what} bytes_per_query={bytes / 10.0 / queries.Count,7:F0} {type}"));
                }
            }
            Types("parse", () => { foreach (var q in queries) SchemaDrift.Core.Sql.SqlParser.Parse(q, dialect); });
            Types("rules", () => { foreach (var b in batches) SqlChecker.Check(b, index); });
        }
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        string B(double v) => v.ToString("F0", CultureInfo.InvariantCulture);
        Console.WriteLine($"sqlcost check_us={F(check.Us)} index_advice_us={F(usage.Us)} parse_us={F(parse.Us)} parse_bytes={B(parse.Bytes)} " +
                          $"rules_us={F(rules.Us)} rules_bytes={B(rules.Bytes)} advice_us={F(advice.Us)} advice_bytes={B(advice.Bytes)} check_again_us={F(checkAgain.Us)} " +
                          $"check_cold_us={F(checkCold)} parse_cold_us={F(parseCold)} rules_cold_us={F(rulesCold)} sweep_mb={sweep.Length / 1048576}");
        return 0;
    }
}
