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
        var snapshot = SnapshotSerializer.Read(text).Snapshot ?? throw new InvalidOperationException("unreadable snapshot");
        var index = new SchemaIndex(snapshot);
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(index);
        Console.WriteLine($"memory retained_bytes={(after - before).ToString(CultureInfo.InvariantCulture)} snapshot_bytes={text.Length.ToString(CultureInfo.InvariantCulture)} tables={snapshot.Tables.Count.ToString(CultureInfo.InvariantCulture)}");
        return 0;
    }
}
