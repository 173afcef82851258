using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Audit
{
    /// <summary>DBSCHEMA001–008 (schema health).</summary>
    internal static class SchemaChecks
    {
        public static void Run(AuditScope s)
        {
            foreach (var t in s.Tables)
            {
                MissingPrimaryKey(s, t);
                Timestamps(s, t);
                ColumnNaming(s, t);
                WideTable(s, t);
            }
            TableNaming(s);
            MissingForeignKeys(s);
            Cycles(s);
        }

        private static void MissingPrimaryKey(AuditScope s, TableInfo t)
        {
            if (t.PrimaryKey != null && t.PrimaryKey.Columns.Count > 0) return;
            var unique = t.UniqueConstraints.FirstOrDefault(u => u.Columns.All(c => t.Columns.Any(x => x.Name == c && !x.Nullable)));
            var hint = unique != null
                ? "Promote the NOT NULL unique key (" + s.Columns(unique.Columns) + ") to the primary key, or add a surrogate key."
                : "Add a primary key (a surrogate id column, or the natural key if one exists).";
            var what = s.IsSqlite
                ? "has no primary key: rows are only identified by the implicit rowid, which VACUUM may renumber"
                : "has no primary key: rows cannot be addressed reliably, duplicates go unnoticed, logical replication and ORMs cannot update or delete them";
            s.Add(s.OnTable(AuditRules.MissingPrimaryKey, t, "Table " + what + ".", hint));
        }

        private static void Timestamps(AuditScope s, TableInfo t)
        {
            var created = t.Columns.FirstOrDefault(c => AuditNaming.IsCreatedTimestamp(c.Name));
            var updated = t.Columns.FirstOrDefault(c => AuditNaming.IsUpdatedTimestamp(c.Name));
            if (created == null && !IsPureLinkTable(t))
            {
                // A table with only created_at is usually append-only (events, logs): not reported.
                var missing = updated == null ? "created_at / updated_at" : "created_at";
                s.Add(s.OnTable(AuditRules.MissingTimestamps, t,
                    "Table has no " + missing + " column" + (updated == null ? "s" : "") + ".",
                    "Add " + (updated == null ? "created_at (and updated_at if rows change)" : "created_at") + " with a default of the current time."));
            }
            if (created == null || created.Generated != null) return;
            if (created.Nullable)
            {
                s.Add(s.OnColumn(AuditRules.MissingNotNull, t, created.Name,
                    "Creation timestamp accepts NULL.",
                    "Backfill NULLs, then make it NOT NULL: " + SetNotNull(s, t, created) + ".").WithSql(SetNotNull(s, t, created)));
            }
            if (string.IsNullOrEmpty(created.Default) && created.Identity == null)
            {
                s.Add(s.OnColumn(AuditRules.MissingDefault, t, created.Name,
                    "Creation timestamp has no default: every INSERT must set it.",
                    "Give it a default of the current time (" + NowDefault(s, created) + ")."));
            }
        }

        private static string SetNotNull(AuditScope s, TableInfo t, ColumnInfo c)
        {
            if (s.IsPostgres) return "ALTER TABLE " + s.QuoteTable(t) + " ALTER COLUMN " + s.Quote(c.Name) + " SET NOT NULL";
            if (s.IsMySql) return "ALTER TABLE " + s.QuoteTable(t) + " MODIFY " + s.Quote(c.Name) + " " + c.Type + " NOT NULL";
            return "rebuild the table with " + s.Quote(c.Name) + " NOT NULL (SQLite cannot alter a column)";
        }

        private static string NowDefault(AuditScope s, ColumnInfo c)
        {
            if (s.IsPostgres) return "DEFAULT now()";
            if (s.IsMySql) return "DEFAULT CURRENT_TIMESTAMP";
            return "DEFAULT CURRENT_TIMESTAMP";
        }

        /// <summary>A join table: every column belongs to the primary key or a foreign key.</summary>
        private static bool IsPureLinkTable(TableInfo t)
        {
            if (t.ForeignKeys.Count < 2) return false;
            var keyColumns = new HashSet<string>(t.ForeignKeys.SelectMany(f => f.Columns), StringComparer.Ordinal);
            if (t.PrimaryKey != null) keyColumns.UnionWith(t.PrimaryKey.Columns);
            return t.Columns.All(c => keyColumns.Contains(c.Name) || (c.PrimaryKey && c.Identity != null));
        }

        private static void ColumnNaming(AuditScope s, TableInfo t)
        {
            var styled = t.Columns.Select(c => (c.Name, Style: AuditNaming.StyleOf(c.Name))).Where(x => x.Style != NamingStyle.Neutral).ToList();
            var finding = MixedStyles(styled, out var recommendation);
            if (finding == null) return;
            s.Add(s.OnTable(AuditRules.MixedNaming, t, "Columns mix naming styles: " + finding + ".", recommendation!));
        }

        private static void TableNaming(AuditScope s)
        {
            foreach (var schema in s.Tables.GroupBy(t => t.Schema).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var styled = schema.Select(t => (t.Name, Style: AuditNaming.StyleOf(t.Name))).Where(x => x.Style != NamingStyle.Neutral).ToList();
                // Lower-case single words ("users") fit snake_case and camelCase, but not PascalCase tables.
                if (styled.Any(x => x.Style == NamingStyle.Pascal))
                {
                    styled.AddRange(schema.Where(t => AuditNaming.StyleOf(t.Name) == NamingStyle.Neutral && t.Name.Any(char.IsLower))
                        .Select(t => (t.Name, Style: NamingStyle.Snake)));
                }
                var finding = MixedStyles(styled, out var recommendation);
                if (finding == null) continue;
                var f = new AuditFinding(AuditRules.MixedNaming, "Table names mix naming styles: " + finding + ".", recommendation!)
                {
                    Schema = s.IsSqlite ? null : schema.Key,
                    ObjectText = s.IsSqlite ? "(database)" : schema.Key + " (schema)",
                };
                s.Add(f);
            }
        }

        /// <summary>"snake_case (12) and camelCase (2: createdBy, isActive)" or null when one style rules.</summary>
        private static string? MixedStyles(List<(string Name, NamingStyle Style)> styled, out string? recommendation)
        {
            recommendation = null;
            var groups = styled.GroupBy(x => x.Style).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
            if (groups.Count < 2) return null;
            var major = groups[0];
            var minor = groups.Skip(1).ToList();
            var parts = new List<string> { AuditNaming.Describe(major.Key) + " (" + major.Count().ToString(CultureInfo.InvariantCulture) + ")" };
            foreach (var g in minor)
            {
                var names = g.Select(x => x.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                parts.Add(AuditNaming.Describe(g.Key) + " (" + names.Count.ToString(CultureInfo.InvariantCulture) + ": " +
                          string.Join(", ", names.Take(5)) + (names.Count > 5 ? ", …" : "") + ")");
            }
            recommendation = "Rename the " + string.Join(" and ", minor.Select(g => AuditNaming.Describe(g.Key))) + " names to " +
                             AuditNaming.Describe(major.Key) + " (with a migration that renames, never drops).";
            return string.Join(" and ", parts);
        }

        private static void WideTable(AuditScope s, TableInfo t)
        {
            if (t.Columns.Count < s.Options.WideTableColumns) return;
            s.Add(s.OnTable(AuditRules.WideTable, t,
                "Table has " + t.Columns.Count.ToString(CultureInfo.InvariantCulture) + " columns (threshold " +
                s.Options.WideTableColumns.ToString(CultureInfo.InvariantCulture) + ").",
                "Move groups of columns that belong together or change rarely into their own tables (1:1), or JSON for sparse attributes."));
        }

        private static void MissingForeignKeys(AuditScope s)
        {
            foreach (var r in ImplicitRelations.Find(s.Snapshot, s.IsAudited))
            {
                var sql = s.IsSqlite ? null
                    : "ALTER TABLE " + s.QuoteTable(r.Table) + " ADD FOREIGN KEY (" + s.Quote(r.Column.Name) + ") REFERENCES " +
                      s.QuoteTable(r.Target) + " (" + s.Quote(r.TargetColumn.Name) + ")";
                s.Add(s.OnColumn(AuditRules.MissingForeignKey, r.Table, r.Column.Name,
                    "Column looks like a reference to " + Qualified(s, r.Target) + "." + r.TargetColumn.Name + " but no foreign key enforces it.",
                    (sql != null ? "Add the foreign key (after fixing rows that violate it, see DBINT004): " + sql + "."
                                 : "Rebuild the table with a REFERENCES clause (SQLite cannot add a foreign key to an existing table).")).WithSql(sql));
            }
        }

        private static string Qualified(AuditScope s, TableInfo t) => s.SchemaOf(t) is { } schema ? schema + "." + t.Name : t.Name;

        /// <summary>Strongly connected components of the foreign key graph (self-references are normal trees, not cycles).</summary>
        private static void Cycles(AuditScope s)
        {
            var tables = s.Snapshot.Tables.Where(t => t.Kind == TableKind.Table && s.IsAudited(t)).ToList();
            var byKey = tables.ToDictionary(t => AuditFacts.Qualified(t.Schema, t.Name), StringComparer.Ordinal);
            var edges = new Dictionary<TableInfo, List<TableInfo>>();
            foreach (var t in tables)
            {
                var list = new List<TableInfo>();
                foreach (var fk in t.ForeignKeys)
                {
                    var key = AuditFacts.Qualified(fk.ReferencedSchema ?? t.Schema, fk.ReferencedTable);
                    if (byKey.TryGetValue(key, out var target) && target != t && !list.Contains(target)) list.Add(target);
                }
                edges[t] = list;
            }
            foreach (var component in StronglyConnected(tables, edges))
            {
                if (component.Count < 2) continue;
                var names = component.Select(t => Qualified(s, t)).OrderBy(n => n, StringComparer.Ordinal).ToList();
                s.Add(new AuditFinding(AuditRules.CircularForeignKeys,
                    "Foreign keys form a cycle between " + string.Join(", ", names) + ": inserting or deleting related rows needs deferred constraints or nullable keys.",
                    s.IsPostgres
                        ? "Break the cycle (drop the less essential reference or move it to a link table), or make one foreign key DEFERRABLE INITIALLY DEFERRED and its column nullable."
                        : "Break the cycle: drop the less essential reference, move it to a link table, or make one of the key columns nullable and fill it in a second step.")
                {
                    Schema = s.SchemaOf(component[0]),
                    ObjectText = string.Join(" ↔ ", names),
                });
            }
        }

        /// <summary>Tarjan's algorithm, iterative so that deep chains never exhaust the stack; components in a stable order.</summary>
        private static List<List<TableInfo>> StronglyConnected(List<TableInfo> nodes, Dictionary<TableInfo, List<TableInfo>> edges)
        {
            var index = new Dictionary<TableInfo, int>();
            var low = new Dictionary<TableInfo, int>();
            var onStack = new HashSet<TableInfo>();
            var stack = new Stack<TableInfo>();
            var result = new List<List<TableInfo>>();
            var next = 0;
            foreach (var root in nodes)
            {
                if (index.ContainsKey(root)) continue;
                var work = new Stack<(TableInfo Node, int Edge)>();
                work.Push((root, 0));
                index[root] = low[root] = next++;
                stack.Push(root);
                onStack.Add(root);
                while (work.Count > 0)
                {
                    var (node, edge) = work.Pop();
                    var targets = edges[node];
                    if (edge < targets.Count)
                    {
                        work.Push((node, edge + 1));
                        var w = targets[edge];
                        if (!index.ContainsKey(w))
                        {
                            index[w] = low[w] = next++;
                            stack.Push(w);
                            onStack.Add(w);
                            work.Push((w, 0));
                        }
                        else if (onStack.Contains(w))
                        {
                            low[node] = Math.Min(low[node], index[w]);
                        }
                        continue;
                    }
                    if (low[node] == index[node])
                    {
                        var component = new List<TableInfo>();
                        TableInfo x;
                        do
                        {
                            x = stack.Pop();
                            onStack.Remove(x);
                            component.Add(x);
                        }
                        while (x != node);
                        result.Add(component);
                    }
                    if (work.Count > 0)
                    {
                        var parent = work.Peek().Node;
                        low[parent] = Math.Min(low[parent], low[node]);
                    }
                }
            }
            return result;
        }
    }
}
