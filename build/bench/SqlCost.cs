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
        double Time(Action<string> work)
        {
            foreach (var q in queries.Take(500)) work(q); // warm up
            var clock = Stopwatch.StartNew();
            foreach (var q in queries) work(q);
            return clock.Elapsed.TotalMilliseconds * 1000 / queries.Count;
        }
        var check = Time(q => SqlChecker.Check(q, index));
        var usage = Time(q => ColumnUsageCollector.Collect(q, index));
        Console.WriteLine($"sqlcost check_us={check.ToString("F1", CultureInfo.InvariantCulture)} index_advice_us={usage.ToString("F1", CultureInfo.InvariantCulture)}");
        return 0;
    }
}
