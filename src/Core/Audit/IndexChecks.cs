using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Audit
{
    /// <summary>DBIDX001 (unindexed foreign keys), DBIDX004 (duplicate/redundant), DBIDX008 (invalid). DBIDX005 needs statistics: the tool.</summary>
    internal static class IndexChecks
    {
        public static void Run(AuditScope s)
        {
            foreach (var t in s.Tables)
            {
                UnindexedForeignKeys(s, t);
                Duplicates(s, t);
                Invalid(s, t);
            }
        }

        /// <summary>Plain key column names of an index, or null when a key is an expression.</summary>
        internal static List<string>? KeyColumns(IndexInfo i)
        {
            var names = new List<string>();
            foreach (var c in i.Columns)
            {
                if (c.Name == null) return null;
                names.Add(c.Name);
            }
            return names;
        }

        /// <summary>Whether an index, the primary key or a unique constraint starts with exactly these columns (in any order).</summary>
        internal static bool Covered(TableInfo t, IReadOnlyCollection<string> columns)
        {
            bool Leads(IEnumerable<string?> keys)
            {
                var lead = keys.Take(columns.Count).ToList();
                return lead.Count == columns.Count && lead.All(k => k != null && columns.Contains(k));
            }
            if (t.PrimaryKey != null && Leads(t.PrimaryKey.Columns)) return true;
            if (t.UniqueConstraints.Any(u => Leads(u.Columns))) return true;
            // A partial index still serves the rows it covers; counting it avoids a false alarm.
            return t.Indexes.Any(i => Leads(i.Columns.Select(c => c.Name)));
        }

        private static void UnindexedForeignKeys(AuditScope s, TableInfo t)
        {
            foreach (var fk in t.ForeignKeys)
            {
                if (fk.Columns.Count == 0 || Covered(t, fk.Columns)) continue;
                var name = "idx_" + t.Name + "_" + string.Join("_", fk.Columns);
                var sql = "CREATE INDEX " + (s.IsPostgres ? "CONCURRENTLY " : "") + s.Quote(name) + " ON " + s.QuoteTable(t) + " (" + s.Columns(fk.Columns) + ")";
                var f = fk.Columns.Count == 1
                    ? s.OnColumn(AuditRules.UnindexedForeignKey, t, fk.Columns[0],
                        "Foreign key " + fk.Name + " to " + fk.ReferencedTable + " has no index starting with its column: joins and deletes of " + fk.ReferencedTable + " rows scan " + t.Name + ".",
                        "Index it: " + sql + ".")
                    : s.OnPart(AuditRules.UnindexedForeignKey, t, "foreign key", fk.Name,
                        "Foreign key (" + string.Join(", ", fk.Columns) + ") to " + fk.ReferencedTable + " has no index starting with its columns.",
                        "Index it: " + sql + ".");
                f.Sql = sql;
                s.Add(f);
            }
        }

        private static string MethodOf(IndexInfo i) => string.IsNullOrEmpty(i.Method) ? "btree" : i.Method!.ToLowerInvariant();

        /// <summary>Only b-tree-like indexes (ordered, leading-prefix lookups) make a prefix redundant.</summary>
        private static bool Ordered(IndexInfo i)
        {
            var m = MethodOf(i);
            return m == "btree";
        }

        private static void Duplicates(AuditScope s, TableInfo t)
        {
            var reported = new HashSet<IndexInfo>();
            var indexes = t.Indexes.Where(i => i.Valid).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            foreach (var a in indexes)
            {
                var ka = KeyColumns(a);
                if (ka == null || reported.Contains(a)) continue;
                foreach (var b in indexes)
                {
                    if (a == b || reported.Contains(b)) continue;
                    var kb = KeyColumns(b);
                    if (kb == null || MethodOf(a) != MethodOf(b) || !string.Equals(a.Predicate ?? "", b.Predicate ?? "", StringComparison.Ordinal)) continue;
                    var same = ka.SequenceEqual(kb) && a.Columns.Select(c => c.Descending).SequenceEqual(b.Columns.Select(c => c.Descending));
                    if (same)
                    {
                        // Keep the one that enforces something (primary key, then unique), else the first by name.
                        var drop = Rank(b, t) < Rank(a, t) || (Rank(b, t) == Rank(a, t) && string.CompareOrdinal(b.Name, a.Name) > 0) ? b : a;
                        var keep = drop == a ? b : a;
                        if (Rank(drop, t) >= 2) continue; // both are primary keys/constraints: nothing safe to say
                        Report(s, t, drop, keep, "has the same key (" + string.Join(", ", ka) + ") as " + keep.Name);
                        reported.Add(drop);
                        if (drop == a) break;
                        continue;
                    }
                    // Redundant prefix: a's keys lead b, a enforces nothing, both ordered.
                    if (ka.Count < kb.Count && !a.Unique && !a.Primary && Ordered(a) && Ordered(b) &&
                        kb.Take(ka.Count).SequenceEqual(ka) &&
                        a.Columns.Select(c => c.Descending).SequenceEqual(b.Columns.Take(ka.Count).Select(c => c.Descending)))
                    {
                        Report(s, t, a, b, "(" + string.Join(", ", ka) + ") is a leading prefix of " + b.Name + " (" + string.Join(", ", kb) + ")");
                        reported.Add(a);
                        break;
                    }
                }
            }
        }

        /// <summary>0 plain index, 1 unique index, 2 backs a unique constraint, 3 primary key.</summary>
        private static int Rank(IndexInfo i, TableInfo t)
        {
            if (i.Primary) return 3;
            if (t.UniqueConstraints.Any(u => u.Name == i.Name)) return 2;
            return i.Unique ? 1 : 0;
        }

        private static void Report(AuditScope s, TableInfo t, IndexInfo drop, IndexInfo keep, string why)
        {
            var sql = s.IsMySql
                ? "ALTER TABLE " + s.QuoteTable(t) + " DROP INDEX " + s.Quote(drop.Name)
                : "DROP INDEX " + (s.IsPostgres ? "CONCURRENTLY " + s.Quote(t.Schema) + "." : "") + s.Quote(drop.Name);
            var f = s.OnPart(AuditRules.DuplicateIndex, t, "index", drop.Name,
                "Index " + drop.Name + " " + why + ": every write maintains both, queries need only " + keep.Name + ".",
                "Drop it: " + sql + ".");
            f.Sql = sql;
            s.Add(f);
        }

        private static void Invalid(AuditScope s, TableInfo t)
        {
            foreach (var i in t.Indexes.Where(i => !i.Valid))
            {
                var sql = "REINDEX INDEX CONCURRENTLY " + s.Quote(t.Schema) + "." + s.Quote(i.Name);
                var f = s.OnPart(AuditRules.InvalidIndex, t, "index", i.Name,
                    "Index is invalid (a concurrent build or reindex failed): queries never use it" + (i.Unique ? " and it does not enforce uniqueness" : "") + ", but every write still maintains it.",
                    "Rebuild it (" + sql + ") after fixing what made it fail" + (i.Unique ? " (duplicate keys)" : "") + ", or drop it.");
                f.Sql = sql;
                s.Add(f);
            }
        }
    }
}
