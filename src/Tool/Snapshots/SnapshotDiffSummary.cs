using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Snapshots;

/// <summary>A one-line description of how two snapshots differ, for stale-snapshot messages.</summary>
internal static class SnapshotDiffSummary
{
    public static string Describe(SchemaSnapshot before, SchemaSnapshot after)
    {
        var parts = new List<string>();
        var beforeTables = before.Tables.ToDictionary(t => t.Schema + "." + t.Name, StringComparer.Ordinal);
        var afterTables = after.Tables.ToDictionary(t => t.Schema + "." + t.Name, StringComparer.Ordinal);
        var added = afterTables.Keys.Except(beforeTables.Keys).ToList();
        var removed = beforeTables.Keys.Except(afterTables.Keys).ToList();
        if (added.Count > 0) parts.Add("new: " + List(added.Select(k => afterTables[k].Name)));
        if (removed.Count > 0) parts.Add("gone: " + List(removed.Select(k => beforeTables[k].Name)));
        var changed = new List<string>();
        foreach (var key in afterTables.Keys.Intersect(beforeTables.Keys))
        {
            var a = beforeTables[key];
            var b = afterTables[key];
            var colsA = string.Join(",", a.Columns.Select(c => c.Name + ":" + c.Type + ":" + c.Nullable));
            var colsB = string.Join(",", b.Columns.Select(c => c.Name + ":" + c.Type + ":" + c.Nullable));
            if (colsA != colsB) changed.Add(b.Name);
        }
        if (changed.Count > 0) parts.Add("columns changed in: " + List(changed));
        return parts.Count == 0 ? "constraints, indexes or routines changed" : string.Join("; ", parts);
    }

    private static string List(IEnumerable<string> names)
    {
        var all = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        return all.Count <= 5 ? string.Join(", ", all) : string.Join(", ", all.Take(5)) + " and " + (all.Count - 5) + " more";
    }
}
