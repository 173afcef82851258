using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>Schema equality for rollback verification: every difference in words, bookkeeping tables ignored.</summary>
    public static class SchemaCompare
    {
        /// <summary>Differences between two snapshots of the same database (empty: equal).</summary>
        public static List<string> Differences(SchemaSnapshot expected, SchemaSnapshot actual, bool ignoreColumnOrder = true)
        {
            var diff = SchemaDiffer.Diff(expected, actual, new List<RenameHint>());
            var list = diff.Changes.Select(c => c.Describe()).ToList();
            list.AddRange(diff.Questions.Select(q => "dropped " + string.Join(", ", q.Dropped) + " / added " + string.Join(", ", q.Added) + " in " + q.Table));
            list.AddRange(diff.Notes.Where(n => !n.StartsWith("The snapshots are of different engines", System.StringComparison.Ordinal)));
            // Backup tables the migration kept on purpose are not a difference of the user's schema.
            list.RemoveAll(x => x.Contains("sd_backup_"));
            if (!ignoreColumnOrder)
            {
                foreach (var t in SchemaDiffer.BaseTables(expected))
                {
                    var other = SchemaEditor.FindTable(actual, t.Schema, t.Name);
                    if (other == null) continue;
                    var a = t.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name);
                    var b = other.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name);
                    if (!a.SequenceEqual(b, NameComparer.Columns(expected.Provider))) list.Add("column order of " + t.Name + " differs");
                }
            }
            return list;
        }

        /// <summary>Tables whose columns come back in a different order (PostgreSQL and MySQL re-add dropped columns at the end).</summary>
        public static List<string> ColumnOrderDifferences(SchemaSnapshot expected, SchemaSnapshot actual)
        {
            var list = new List<string>();
            foreach (var t in SchemaDiffer.BaseTables(expected))
            {
                var other = SchemaEditor.FindTable(actual, t.Schema, t.Name);
                if (other == null) continue;
                var a = t.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name);
                var b = other.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name);
                if (!a.SequenceEqual(b, NameComparer.Columns(expected.Provider))) list.Add(t.Name);
            }
            return list;
        }
    }
}
