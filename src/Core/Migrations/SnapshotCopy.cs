using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>Deep copies of snapshot objects (the planner edits copies, never the caller's snapshot).</summary>
    public static class SnapshotCopy
    {
        public static SchemaSnapshot Of(SchemaSnapshot s)
        {
            var r = SnapshotSerializer.Read(SnapshotSerializer.Write(s, SnapshotFlavor.Cache));
            return r.Snapshot!;
        }

        public static ColumnInfo Column(ColumnInfo c) => new ColumnInfo
        {
            Name = c.Name,
            Ordinal = c.Ordinal,
            Type = c.Type,
            Family = c.Family,
            Nullable = c.Nullable,
            Default = c.Default,
            PrimaryKey = c.PrimaryKey,
            Identity = c.Identity,
            Generated = c.Generated,
            GenerationExpression = c.GenerationExpression,
            MaxLength = c.MaxLength,
            Precision = c.Precision,
            Scale = c.Scale,
            EnumType = c.EnumType,
            EnumValues = c.EnumValues?.ToList(),
            Collation = c.Collation,
            Comment = c.Comment,
        };

        public static TableInfo Table(TableInfo t)
        {
            var copy = new TableInfo
            {
                Schema = t.Schema,
                Name = t.Name,
                Kind = t.Kind,
                RlsEnabled = t.RlsEnabled,
                RlsForced = t.RlsForced,
                WithoutRowId = t.WithoutRowId,
                Partitioned = t.Partitioned,
                RowEstimate = t.RowEstimate,
                Definition = t.Definition,
                Comment = t.Comment,
            };
            copy.Columns.AddRange(t.Columns.Select(Column));
            if (t.PrimaryKey != null) copy.PrimaryKey = PrimaryKey(t.PrimaryKey);
            copy.UniqueConstraints.AddRange(t.UniqueConstraints.Select(Unique));
            copy.ForeignKeys.AddRange(t.ForeignKeys.Select(ForeignKey));
            copy.Indexes.AddRange(t.Indexes.Select(Index));
            copy.Checks.AddRange(t.Checks.Select(c => new CheckInfo { Name = c.Name, Expression = c.Expression, Validated = c.Validated }));
            copy.Triggers.AddRange(t.Triggers);
            copy.Policies.AddRange(t.Policies);
            return copy;
        }

        public static PrimaryKeyInfo PrimaryKey(PrimaryKeyInfo p)
        {
            var copy = new PrimaryKeyInfo { Name = p.Name };
            copy.Columns.AddRange(p.Columns);
            return copy;
        }

        public static UniqueConstraintInfo Unique(UniqueConstraintInfo u)
        {
            var copy = new UniqueConstraintInfo { Name = u.Name };
            copy.Columns.AddRange(u.Columns);
            return copy;
        }

        public static ForeignKeyInfo ForeignKey(ForeignKeyInfo f)
        {
            var copy = new ForeignKeyInfo
            {
                Name = f.Name,
                ReferencedSchema = f.ReferencedSchema,
                ReferencedTable = f.ReferencedTable,
                OnDelete = f.OnDelete,
                OnUpdate = f.OnUpdate,
                Validated = f.Validated,
            };
            copy.Columns.AddRange(f.Columns);
            copy.ReferencedColumns.AddRange(f.ReferencedColumns);
            return copy;
        }

        public static IndexInfo Index(IndexInfo i)
        {
            var copy = new IndexInfo { Name = i.Name, Unique = i.Unique, Primary = i.Primary, Predicate = i.Predicate, Method = i.Method, Valid = i.Valid, Scans = i.Scans };
            copy.Columns.AddRange(i.Columns.Select(c => new IndexColumnInfo { Name = c.Name, Expression = c.Expression, Descending = c.Descending }));
            return copy;
        }

        public static List<string> Strings(IEnumerable<string> s) => s.ToList();
    }

    /// <summary>The order changes run in: enum additions, constraint drops, renames, creates, adds, alters, constraints, drops.</summary>
    public static class MigrationOrder
    {
        public static int Rank(ChangeKind k) => k switch
        {
            ChangeKind.CreateEnum => 0,
            ChangeKind.AddEnumValue => 1,
            ChangeKind.DropForeignKey => 2,
            ChangeKind.DropCheck => 3,
            ChangeKind.DropUnique => 4,
            ChangeKind.DropIndex => 5,
            ChangeKind.RenameTable => 6,
            ChangeKind.RenameColumn => 7,
            ChangeKind.CreateTable => 8,
            ChangeKind.AddColumn => 9,
            ChangeKind.AlterColumnType => 10,
            ChangeKind.AlterColumnDefault => 11,
            ChangeKind.AlterColumnNullability => 12,
            ChangeKind.AlterPrimaryKey => 13,
            ChangeKind.AddUnique => 14,
            ChangeKind.AddCheck => 15,
            ChangeKind.CreateIndex => 16,
            ChangeKind.AddForeignKey => 17,
            ChangeKind.DropColumn => 18,
            ChangeKind.DropTable => 19,
            ChangeKind.RemoveEnumValue => 20,
            ChangeKind.ReorderEnumValues => 21,
            ChangeKind.DropEnum => 22,
            _ => 30,
        };

        /// <summary>Stable sort by rank (creation order among tables is kept).</summary>
        public static void Sort(List<SchemaChange> changes)
        {
            var indexed = changes.Select((c, i) => (c, i)).OrderBy(x => Rank(x.c.Kind)).ThenBy(x => x.i).Select(x => x.c).ToList();
            changes.Clear();
            changes.AddRange(indexed);
        }
    }
}
