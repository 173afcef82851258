using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tests.Tool;

/// <summary>Finds snapshot objects by exact name, failing the test with the names that do exist.</summary>
internal static class SnapshotLookup
{
    public static TableInfo Table(this SchemaSnapshot s, string schema, string name) =>
        One(s.Tables, t => t.Schema == schema && t.Name == name, "table " + schema + "." + name, t => t.Schema + "." + t.Name);

    public static ColumnInfo Column(this TableInfo t, string name) => One(t.Columns, c => c.Name == name, "column " + t.Name + "." + name, c => c.Name);

    public static IndexInfo Index(this TableInfo t, string name) => One(t.Indexes, i => i.Name == name, "index " + name + " of " + t.Name, i => i.Name);

    public static ForeignKeyInfo ForeignKey(this TableInfo t, string name) =>
        One(t.ForeignKeys, f => f.Name == name, "foreign key " + name + " of " + t.Name, f => f.Name);

    public static TriggerInfo Trigger(this TableInfo t, string name) => One(t.Triggers, x => x.Name == name, "trigger " + name + " of " + t.Name, x => x.Name);

    public static RoutineInfo Routine(this SchemaSnapshot s, string schema, string name, string arguments) =>
        One(s.Routines, r => r.Schema == schema && r.Name == name && r.Arguments == arguments,
            "routine " + schema + "." + name + "(" + arguments + ")", r => r.Schema + "." + r.Name + "(" + r.Arguments + ")");

    /// <summary>The key columns of an index as "name", "expr:…", with " DESC" where descending.</summary>
    public static string[] Keys(this IndexInfo i) =>
        i.Columns.Select(c => (c.Name ?? "expr:" + c.Expression) + (c.Descending ? " DESC" : "")).ToArray();

    private static T One<T>(IEnumerable<T> items, Func<T, bool> match, string what, Func<T, string> describe) where T : class
    {
        var found = items.Where(match).ToList();
        Assert.That(found, Has.Count.EqualTo(1), what + " among [" + string.Join(", ", items.Select(describe)) + "]");
        return found[0];
    }
}
