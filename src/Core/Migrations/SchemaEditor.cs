using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>
    /// Applies changes to a copy of a snapshot: the schema a migration should produce.
    /// SQLite rebuilds use it for the target table; push compares the re-introspected
    /// database against it.
    /// </summary>
    public static class SchemaEditor
    {
        public static SchemaSnapshot Apply(SchemaSnapshot before, IEnumerable<SchemaChange> changes)
        {
            var s = SnapshotCopy.Of(before);
            foreach (var c in changes) Apply(s, c);
            return s;
        }

        private static bool Same(SchemaSnapshot s, string a, string b) => NameComparer.Tables(s).Equals(a, b);

        public static TableInfo? FindTable(SchemaSnapshot s, string schema, string name) =>
            s.Tables.FirstOrDefault(t => Same(s, t.Name, name) && (s.Provider != SqlProviders.Postgres || t.Schema == schema));

        public static void Apply(SchemaSnapshot s, SchemaChange c)
        {
            switch (c.Kind)
            {
                case ChangeKind.CreateTable:
                    if (FindTable(s, c.Schema, c.Table) == null) s.Tables.Add(SnapshotCopy.Table(c.TableDefinition!));
                    return;
                case ChangeKind.DropTable:
                    s.Tables.RemoveAll(t => Same(s, t.Name, c.Table) && (s.Provider != SqlProviders.Postgres || t.Schema == c.Schema));
                    return;
                case ChangeKind.RenameTable:
                    {
                        var t = FindTable(s, c.Schema, c.OldName!);
                        if (t != null) t.Name = c.NewName!;
                        foreach (var other in s.Tables)
                        {
                            foreach (var fk in other.ForeignKeys.Where(f => Same(s, f.ReferencedTable, c.OldName!))) fk.ReferencedTable = c.NewName!;
                        }
                        return;
                    }
                case ChangeKind.CreateEnum:
                    s.Enums.Add(new EnumInfo { Schema = c.Schema, Name = c.Table });
                    s.Enums[s.Enums.Count - 1].Values.AddRange(c.Enum!.Values);
                    return;
                case ChangeKind.DropEnum:
                    s.Enums.RemoveAll(e => e.Schema == c.Schema && e.Name == c.Table);
                    return;
                case ChangeKind.AddEnumValue:
                case ChangeKind.RemoveEnumValue:
                case ChangeKind.ReorderEnumValues:
                    if (c.Column == null)
                    {
                        var e = s.Enums.FirstOrDefault(x => x.Schema == c.Schema && x.Name == c.Table);
                        if (e != null)
                        {
                            var values = EnumTarget(c, e.Values);
                            e.Values.Clear();
                            e.Values.AddRange(values);
                        }
                        return;
                    }
                    break;
            }
            var table = FindTable(s, c.Schema, c.Table);
            if (table != null) Apply(table, c, s.Provider);
        }

        /// <summary>The labels an enum has after the change, given the labels before it.</summary>
        public static List<string> EnumTarget(SchemaChange c, IList<string> current)
        {
            var list = current.ToList();
            switch (c.Kind)
            {
                case ChangeKind.AddEnumValue:
                    if (!list.Contains(c.EnumValue!))
                    {
                        var desired = c.Enum?.Values ?? c.Column?.EnumValues;
                        var at = desired?.IndexOf(c.EnumValue!) ?? -1;
                        var next = at >= 0 ? desired!.Skip(at + 1).FirstOrDefault(list.Contains) : null;
                        if (next != null) list.Insert(list.IndexOf(next), c.EnumValue!);
                        else list.Add(c.EnumValue!);
                    }
                    return list;
                case ChangeKind.RemoveEnumValue:
                    list.Remove(c.EnumValue!);
                    return list;
                case ChangeKind.ReorderEnumValues:
                    var order = c.Enum?.Values ?? c.Column?.EnumValues ?? list;
                    return order.Where(list.Contains).Concat(list.Where(v => !order.Contains(v))).ToList();
                default:
                    return list;
            }
        }

        public static void Apply(TableInfo t, SchemaChange c, string provider)
        {
            var cols = NameComparer.Columns(provider);
            var objs = NameComparer.Objects(provider);
            ColumnInfo? Col(string name) => t.Columns.FirstOrDefault(x => cols.Equals(x.Name, name));
            switch (c.Kind)
            {
                case ChangeKind.AddColumn:
                    if (Col(c.Column!.Name) == null)
                    {
                        var added = SnapshotCopy.Column(c.Column);
                        added.Ordinal = t.Columns.Count == 0 ? 1 : t.Columns.Max(x => x.Ordinal) + 1;
                        t.Columns.Add(added);
                    }
                    break;
                case ChangeKind.DropColumn:
                    t.Columns.RemoveAll(x => cols.Equals(x.Name, c.OldColumn!.Name));
                    Renumber(t);
                    break;
                case ChangeKind.RenameColumn:
                    {
                        var col = Col(c.OldName!);
                        if (col != null) col.Name = c.NewName!;
                        foreach (var ix in t.Indexes) foreach (var k in ix.Columns.Where(k => k.Name != null && cols.Equals(k.Name, c.OldName!))) k.Name = c.NewName;
                        foreach (var fk in t.ForeignKeys) Rename(fk.Columns, c.OldName!, c.NewName!, cols);
                        foreach (var u in t.UniqueConstraints) Rename(u.Columns, c.OldName!, c.NewName!, cols);
                        if (t.PrimaryKey != null) Rename(t.PrimaryKey.Columns, c.OldName!, c.NewName!, cols);
                        break;
                    }
                case ChangeKind.AlterColumnType:
                    {
                        var col = Col(c.Column!.Name);
                        if (col == null) break;
                        col.Type = c.Column.Type;
                        col.Family = c.Column.Family;
                        col.MaxLength = c.Column.MaxLength;
                        col.Precision = c.Column.Precision;
                        col.Scale = c.Column.Scale;
                        col.EnumType = c.Column.EnumType;
                        col.EnumValues = c.Column.EnumValues?.ToList();
                        break;
                    }
                case ChangeKind.AlterColumnNullability:
                    {
                        var col = Col(c.Column!.Name);
                        if (col != null) col.Nullable = c.Column.Nullable;
                        break;
                    }
                case ChangeKind.AlterColumnDefault:
                    {
                        var col = Col(c.Column!.Name);
                        if (col != null) col.Default = c.Column.Default;
                        break;
                    }
                case ChangeKind.AddEnumValue:
                case ChangeKind.RemoveEnumValue:
                case ChangeKind.ReorderEnumValues:
                    {
                        var col = Col(c.Column!.Name);
                        if (col?.EnumValues == null) break;
                        col.EnumValues = EnumTarget(c, col.EnumValues);
                        col.Type = (col.Type.TrimStart().StartsWith("set", StringComparison.OrdinalIgnoreCase) ? "set(" : "enum(") +
                                   string.Join(",", col.EnumValues.Select(v => "'" + v.Replace("'", "''") + "'")) + ")";
                        break;
                    }
                case ChangeKind.CreateIndex:
                    t.Indexes.RemoveAll(x => objs.Equals(x.Name, c.Index!.Name));
                    t.Indexes.Add(SnapshotCopy.Index(c.Index!));
                    break;
                case ChangeKind.DropIndex:
                    t.Indexes.RemoveAll(x => objs.Equals(x.Name, c.Index!.Name));
                    break;
                case ChangeKind.AddForeignKey:
                    t.ForeignKeys.Add(SnapshotCopy.ForeignKey(c.ForeignKey!));
                    break;
                case ChangeKind.DropForeignKey:
                    t.ForeignKeys.RemoveAll(x => provider == SqlProviders.Sqlite
                        ? x.Columns.SequenceEqual(c.ForeignKey!.Columns, cols) && string.Equals(x.ReferencedTable, c.ForeignKey.ReferencedTable, StringComparison.OrdinalIgnoreCase)
                        : objs.Equals(x.Name, c.ForeignKey!.Name));
                    break;
                case ChangeKind.AddCheck:
                    t.Checks.Add(new CheckInfo { Name = c.Check!.Name, Expression = c.Check.Expression });
                    break;
                case ChangeKind.DropCheck:
                    t.Checks.RemoveAll(x => c.Check!.Name != null ? x.Name != null && objs.Equals(x.Name, c.Check.Name) : SchemaDiffer.NormalizeExpression(x.Expression) == SchemaDiffer.NormalizeExpression(c.Check.Expression));
                    break;
                case ChangeKind.AddUnique:
                    t.UniqueConstraints.Add(SnapshotCopy.Unique(c.Unique!));
                    break;
                case ChangeKind.DropUnique:
                    t.UniqueConstraints.RemoveAll(x => objs.Equals(x.Name, c.Unique!.Name));
                    t.Indexes.RemoveAll(x => objs.Equals(x.Name, c.Unique!.Name));
                    break;
                case ChangeKind.AlterPrimaryKey:
                    t.PrimaryKey = c.PrimaryKey == null ? null : SnapshotCopy.PrimaryKey(c.PrimaryKey);
                    foreach (var col in t.Columns) col.PrimaryKey = t.PrimaryKey?.Columns.Contains(col.Name, cols) == true;
                    break;
            }
        }

        private static void Rename(List<string> list, string from, string to, StringComparer cmp)
        {
            for (var i = 0; i < list.Count; i++) if (cmp.Equals(list[i], from)) list[i] = to;
        }

        private static void Renumber(TableInfo t)
        {
            var n = 0;
            foreach (var c in t.Columns.OrderBy(x => x.Ordinal)) c.Ordinal = ++n;
        }
    }
}
