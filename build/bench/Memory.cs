using System.Globalization;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Bench;

/// <summary>Retained memory of what the analyzers keep for a snapshot: the parsed model and its lookup index.</summary>
internal static class Memory
{
    public static int Run(Dictionary<string, string> o)
    {
        var text = File.ReadAllText(o["snapshot"]);
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(true);
        // The first load in this process, as each compiler process pays it once: time and bytes allocated.
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var snapshot = SnapshotSerializer.Read(text).Snapshot ?? throw new InvalidOperationException("unreadable snapshot");
        var index = new SchemaIndex(snapshot);
        var loadMs = clock.Elapsed.TotalMilliseconds;
        var loadAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(index);
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"memory retained_bytes={I(after - before)} snapshot_bytes={I(text.Length)} tables={I(snapshot.Tables.Count)} " +
                          $"first_load_ms={loadMs.ToString("F1", CultureInfo.InvariantCulture)} load_allocated_bytes={I(loadAllocated)}");
        return 0;
    }
}
