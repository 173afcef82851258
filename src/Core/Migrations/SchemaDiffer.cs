using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>An explicit rename: "table.old=new" (column) or "old=new" (table), optionally schema-qualified.</summary>
    public sealed class RenameHint
    {
        public string? Schema { get; set; }
        public string Table { get; set; } = "";

        /// <summary>Null for a table rename (then <see cref="Table"/> is the old table name).</summary>
        public string? Column { get; set; }
        public string NewName { get; set; } = "";

        /// <summary>Parses "a.b=c;d=e" lists (separators ';' or ','). Malformed entries are returned in <paramref name="errors"/>.</summary>
        public static List<RenameHint> ParseList(string? text, List<string> errors)
        {
            var list = new List<RenameHint>();
            if (string.IsNullOrWhiteSpace(text)) return list;
            foreach (var raw in text!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var item = raw.Trim();
                var eq = item.IndexOf('=');
                if (eq <= 0 || eq == item.Length - 1)
                {
                    errors.Add("rename hint '" + item + "' is not of the form table.old_column=new_column or old_table=new_table");
                    continue;
                }
                var left = item.Substring(0, eq).Trim().Split('.');
                var right = item.Substring(eq + 1).Trim();
                var hint = new RenameHint { NewName = right };
                switch (left.Length)
                {
                    case 1:
                        hint.Table = left[0];
                        break;
                    case 2:
                        hint.Table = left[0];
                        hint.Column = left[1];
                        break;
                    case 3:
                        hint.Schema = left[0];
                        hint.Table = left[1];
                        hint.Column = left[2];
                        break;
                    default:
                        errors.Add("rename hint '" + item + "' has too many dots");
                        continue;
                }
                list.Add(hint);
            }
            return list;
        }

        public override string ToString() => (Schema != null ? Schema + "." : "") + Table + (Column != null ? "." + Column : "") + "=" + NewName;
    }

    /// <summary>A dropped and an added object that may be one renamed object: a human decides.</summary>
    public sealed class RenameQuestion
    {
        public string Schema { get; set; } = "";
        public string Table { get; set; } = "";

        /// <summary>True for a table rename question (then Dropped/Added are table names).</summary>
        public bool IsTable { get; set; }
        public List<string> Dropped { get; } = new List<string>();
        public List<string> Added { get; } = new List<string>();
        public string Reason { get; set; } = "";

        public string Describe()
        {
            var what = IsTable ? "tables" : "columns of " + ChangeText.Name(Schema, Table);
            return "Possible rename among " + what + ": dropped " + string.Join(", ", Dropped.Select(d => "'" + d + "'")) +
                   ", added " + string.Join(", ", Added.Select(a => "'" + a + "'")) + " (" + Reason + "). " +
                   "Neither the drop nor the add is generated; decide with -p:SchemaDriftRenames=\"" +
                   (IsTable ? Dropped[0] + "=" + Added[0] : Table + "." + Dropped[0] + "=" + Added[0]) + "\" (rename) or " +
                   "-p:SchemaDriftRenames=\"" + (IsTable ? Dropped[0] : Table + "." + Dropped[0]) + "=-\" (really drop and add).";
        }
    }

    public sealed class DiffResult
    {
        public List<SchemaChange> Changes { get; } = new List<SchemaChange>();
        public List<RenameQuestion> Questions { get; } = new List<RenameQuestion>();

        /// <summary>Differences no migration is generated for (views, routines, identity, collations…).</summary>
        public List<string> Notes { get; } = new List<string>();
    }

    /// <summary>
    /// Compares two snapshots of the same engine and lists the changes that turn the first
    /// into the second. Renames are detected, never turned into drop + add: a dropped and an
    /// added column of the same type in one table with similar names (or an explicit hint)
    /// become a RENAME; an unclear pairing is returned as a question and generates nothing.
    /// </summary>
    public static class SchemaDiffer
    {
        /// <summary>"old=-" in a hint: the user confirmed that a dropped object is not renamed.</summary>
        public const string NotRenamed = "-";

        public static DiffResult Diff(SchemaSnapshot from, SchemaSnapshot to, IList<RenameHint>? hints = null)
        {
            hints ??= new List<RenameHint>();
            var result = new DiffResult();
            var provider = to.Provider;
            if (from.Provider != to.Provider)
            {
                result.Notes.Add("The snapshots are of different engines (" + from.Provider + " and " + to.Provider + "); types and defaults are compared as text.");
            }
            var tables = NameComparer.Tables(to);
            var cols = NameComparer.Columns(provider);
            // Only PostgreSQL has schemas a migration moves between; MySQL's "schema" is the database
            // (different in every environment) and SQLite's is always main.
            var schemas = provider == SqlProviders.Postgres ? (StringComparer)StringComparer.Ordinal : new AnyName();

            // Enums (PostgreSQL named types).
            DiffEnums(from, to, result, tables);

            var fromTables = BaseTables(from);
            var toTables = BaseTables(to);
            var dropped = fromTables.Where(f => !toTables.Any(t => SameTable(f, t, tables, schemas))).ToList();
            var added = toTables.Where(t => !fromTables.Any(f => SameTable(f, t, tables, schemas))).ToList();
            var pairs = fromTables
                .Select(f => (From: f, To: toTables.FirstOrDefault(t => SameTable(f, t, tables, schemas))))
                .Where(p => p.To != null)
                .Select(p => (p.From, To: p.To!))
                .ToList();

            // Table renames: hints first, then pairs with the same columns and similar names.
            foreach (var d in dropped.ToList())
            {
                var hint = hints.FirstOrDefault(h => h.Column == null && tables.Equals(h.Table, d.Name) && (h.Schema == null || schemas.Equals(h.Schema, d.Schema)));
                if (hint == null || hint.NewName == NotRenamed) continue;
                var a = added.FirstOrDefault(x => tables.Equals(x.Name, hint.NewName) && schemas.Equals(x.Schema, d.Schema));
                if (a == null)
                {
                    result.Notes.Add("Rename hint " + hint + " ignored: no new table '" + hint.NewName + "'.");
                    continue;
                }
                AddTableRename(result, d, a, "hint");
                dropped.Remove(d);
                added.Remove(a);
                pairs.Add((d, a));
            }
            foreach (var d in dropped.ToList())
            {
                if (hints.Any(h => h.Column == null && tables.Equals(h.Table, d.Name) && h.NewName == NotRenamed)) continue;
                var similar = added.Where(a => schemas.Equals(a.Schema, d.Schema) && SameShape(d, a, cols)).ToList();
                if (similar.Count == 0) continue;
                var named = similar.Where(a => NameSimilarity.Candidates(d.Name, new[] { a.Name }).Count > 0).ToList();
                var reverse = dropped.Where(x => schemas.Equals(x.Schema, d.Schema) && named.Count == 1 && SameShape(x, named[0], cols)).ToList();
                if (named.Count == 1 && reverse.Count == 1)
                {
                    AddTableRename(result, d, named[0], "same columns, similar name");
                    dropped.Remove(d);
                    added.Remove(named[0]);
                    pairs.Add((d, named[0]));
                    continue;
                }
                var q = new RenameQuestion { Schema = d.Schema, Table = d.Name, IsTable = true, Reason = "same columns" };
                q.Dropped.Add(d.Name);
                q.Added.AddRange(similar.Select(s => s.Name));
                result.Questions.Add(q);
                dropped.Remove(d);
                foreach (var s in similar) added.Remove(s);
            }

            foreach (var created in OrderForCreation(added, tables))
            {
                var a = created;
                if (provider != SqlProviders.Postgres && a.Schema != from.DefaultSchema && from.DefaultSchema.Length > 0)
                {
                    a = SnapshotCopy.Table(a);
                    a.Schema = from.DefaultSchema;
                }
                var c = new SchemaChange { Kind = ChangeKind.CreateTable, Schema = a.Schema, Table = a.Name, TableDefinition = a, TargetTable = a };
                result.Changes.Add(c);
            }

            foreach (var (f, t) in pairs)
            {
                // Changes are named in the schema of the database being migrated.
                var target = t;
                if (provider != SqlProviders.Postgres && t.Schema != f.Schema)
                {
                    target = SnapshotCopy.Table(t);
                    target.Schema = f.Schema;
                }
                DiffTable(f, target, provider, hints, result);
            }

            foreach (var d in dropped)
            {
                result.Changes.Add(new SchemaChange { Kind = ChangeKind.DropTable, Schema = d.Schema, Table = d.Name, TableDefinition = d, Destructive = true });
            }

            var viewsFrom = from.Tables.Where(x => x.Kind != TableKind.Table).Select(x => x.Schema + "." + x.Name + "\n" + x.Definition).ToList();
            var viewsTo = to.Tables.Where(x => x.Kind != TableKind.Table).Select(x => x.Schema + "." + x.Name + "\n" + x.Definition).ToList();
            if (!viewsFrom.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(viewsTo.OrderBy(x => x, StringComparer.Ordinal)))
            {
                result.Notes.Add("Views differ; SchemaDrift does not generate view DDL (write it by hand and lint it with SchemaDriftLint).");
            }
            var routinesFrom = from.Routines.Select(r => r.Schema + "." + r.Name + "(" + r.Arguments + ")").OrderBy(x => x, StringComparer.Ordinal);
            var routinesTo = to.Routines.Select(r => r.Schema + "." + r.Name + "(" + r.Arguments + ")").OrderBy(x => x, StringComparer.Ordinal);
            if (!routinesFrom.SequenceEqual(routinesTo))
            {
                result.Notes.Add("Functions or procedures differ; SchemaDrift does not generate routine DDL.");
            }

            MigrationOrder.Sort(result.Changes);
            return result;
        }

        private static void AddTableRename(DiffResult result, TableInfo from, TableInfo to, string why)
        {
            var c = new SchemaChange
            {
                Kind = ChangeKind.RenameTable,
                Schema = from.Schema,
                Table = to.Name,
                OldName = from.Name,
                NewName = to.Name,
                TableDefinition = from,
                Source = why == "hint" ? "hint" : "diff",
            };
            c.Reasons.Add("detected as a rename (" + why + "), not drop + create: the data stays");
            result.Changes.Add(c);
        }

        /// <summary>Tables a migration may touch: not SchemaDrift's or EF Core's bookkeeping, not the backups of dropped data.</summary>
        public static List<TableInfo> BaseTables(SchemaSnapshot s) =>
            s.Tables.Where(t => t.Kind == TableKind.Table && !NameComparer.IgnoredTables.Contains(t.Name) &&
                                !t.Name.StartsWith(NameComparer.BackupPrefix, StringComparison.Ordinal)).ToList();

        private static bool SameTable(TableInfo a, TableInfo b, StringComparer cmp, StringComparer schemas) =>
            schemas.Equals(a.Schema, b.Schema) && cmp.Equals(a.Name, b.Name);

        /// <summary>Every schema name matches (engines where the schema is not part of a table's identity).</summary>
        private sealed class AnyName : StringComparer
        {
            public override int Compare(string? x, string? y) => 0;
            public override bool Equals(string? x, string? y) => true;
            public override int GetHashCode(string obj) => 0;
        }

        /// <summary>Two tables with the same column names and types (a renamed table).</summary>
        private static bool SameShape(TableInfo a, TableInfo b, StringComparer cols)
        {
            if (a.Columns.Count != b.Columns.Count || a.Columns.Count == 0) return false;
            return a.Columns.All(c => b.Columns.Any(d => cols.Equals(c.Name, d.Name) && SameType(c, d)));
        }

        /// <summary>Parents before children, so inline foreign keys always point at existing tables.</summary>
        public static List<TableInfo> OrderForCreation(List<TableInfo> tables, StringComparer cmp)
        {
            var ordered = new List<TableInfo>();
            var pending = tables.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
            while (pending.Count > 0)
            {
                var next = pending.FirstOrDefault(t => t.ForeignKeys.All(fk =>
                    cmp.Equals(fk.ReferencedTable, t.Name) ||
                    !pending.Any(p => cmp.Equals(p.Name, fk.ReferencedTable) && (fk.ReferencedSchema == null || cmp.Equals(p.Schema, fk.ReferencedSchema)))));
                next ??= pending[0]; // a cycle: the planner moves those foreign keys after the tables
                ordered.Add(next);
                pending.Remove(next);
            }
            return ordered;
        }

        private static void DiffEnums(SchemaSnapshot from, SchemaSnapshot to, DiffResult result, StringComparer cmp)
        {
            foreach (var e in to.Enums)
            {
                var old = from.Enums.FirstOrDefault(x => cmp.Equals(x.Schema, e.Schema) && cmp.Equals(x.Name, e.Name));
                if (old == null)
                {
                    result.Changes.Add(new SchemaChange { Kind = ChangeKind.CreateEnum, Schema = e.Schema, Table = e.Name, Enum = e });
                    continue;
                }
                EnumValueChanges(old.Values, e.Values, result.Changes, () => new SchemaChange { Schema = e.Schema, Table = e.Name, Enum = e, OldEnumValues = old.Values.ToList() }, from, e);
            }
            foreach (var old in from.Enums)
            {
                if (!to.Enums.Any(x => cmp.Equals(x.Schema, old.Schema) && cmp.Equals(x.Name, old.Name)))
                {
                    result.Changes.Add(new SchemaChange { Kind = ChangeKind.DropEnum, Schema = old.Schema, Table = old.Name, Enum = old, OldEnumValues = old.Values.ToList(), Destructive = true });
                }
            }
        }

        /// <summary>Added labels (in place), removed labels, or a new order.</summary>
        private static void EnumValueChanges(List<string> before, List<string> after, List<SchemaChange> changes, Func<SchemaChange> make, SchemaSnapshot? from, EnumInfo? named)
        {
            var removed = before.Where(v => !after.Contains(v)).ToList();
            var kept = after.Where(before.Contains).ToList();
            var keptBefore = before.Where(after.Contains).ToList();
            var current = before.ToList();
            foreach (var v in after.Where(v => !before.Contains(v)))
            {
                var c = make();
                c.Kind = ChangeKind.AddEnumValue;
                c.EnumValue = v;
                c.OldEnumValues = current.ToList();
                if (from != null && named != null) AddUsages(c, from, named);
                changes.Add(c);
                current.Add(v);
            }
            foreach (var v in removed)
            {
                var c = make();
                c.Kind = ChangeKind.RemoveEnumValue;
                c.EnumValue = v;
                c.Destructive = true;
                if (from != null && named != null) AddUsages(c, from, named);
                changes.Add(c);
            }
            if (!kept.SequenceEqual(keptBefore))
            {
                var c = make();
                c.Kind = ChangeKind.ReorderEnumValues;
                if (from != null && named != null) AddUsages(c, from, named);
                changes.Add(c);
            }
        }

        public static void AddUsages(SchemaChange c, SchemaSnapshot snapshot, EnumInfo e)
        {
            var qualified = e.Schema + "." + e.Name;
            foreach (var t in BaseTables(snapshot))
            {
                foreach (var col in t.Columns.Where(x => x.EnumType == qualified || (x.EnumType == e.Name && e.Schema == snapshot.DefaultSchema)))
                {
                    c.EnumUsages.Add(new ColumnRef(t.Schema, t.Name, col.Name) { Default = col.Default });
                }
            }
        }

        private static void DiffTable(TableInfo f, TableInfo t, string provider, IList<RenameHint> hints, DiffResult result)
        {
            var cols = NameComparer.Columns(provider);
            var objs = NameComparer.Objects(provider);
            var changes = result.Changes;
            var dropped = f.Columns.Where(c => !t.Columns.Any(d => cols.Equals(c.Name, d.Name))).ToList();
            var added = t.Columns.Where(c => !f.Columns.Any(d => cols.Equals(c.Name, d.Name))).ToList();
            var matched = f.Columns.Select(c => (From: c, To: t.Columns.FirstOrDefault(d => cols.Equals(c.Name, d.Name))))
                .Where(p => p.To != null).Select(p => (p.From, To: p.To!)).ToList();

            // Column renames: explicit hints, then unambiguous same-type similar-name pairs.
            foreach (var d in dropped.ToList())
            {
                var hint = hints.FirstOrDefault(h => h.Column != null && cols.Equals(h.Column, d.Name) &&
                    (NameComparer.Tables(new SchemaSnapshot { Provider = provider }).Equals(h.Table, f.Name) || NameComparer.Tables(new SchemaSnapshot { Provider = provider }).Equals(h.Table, t.Name)));
                if (hint == null || hint.NewName == NotRenamed) continue;
                var a = added.FirstOrDefault(x => cols.Equals(x.Name, hint.NewName));
                if (a == null)
                {
                    result.Notes.Add("Rename hint " + hint + " ignored: table " + t.Name + " gets no new column '" + hint.NewName + "'.");
                    continue;
                }
                AddColumnRename(changes, t, d, a, "explicit hint");
                dropped.Remove(d);
                added.Remove(a);
                matched.Add((WithName(d, a.Name), a));
            }
            var confirmedDrops = new HashSet<string>(hints.Where(h => h.Column != null && h.NewName == NotRenamed).Select(h => h.Column!), cols);
            foreach (var d in dropped.ToList())
            {
                if (confirmedDrops.Contains(d.Name)) continue;
                var sameType = added.Where(a => SameType(d, a)).ToList();
                var similar = sameType.Where(a => NameSimilarity.Candidates(d.Name, new[] { a.Name }).Count > 0).ToList();
                if (similar.Count == 1)
                {
                    var back = dropped.Where(x => SameType(x, similar[0]) && NameSimilarity.Candidates(x.Name, new[] { similar[0].Name }).Count > 0).ToList();
                    if (back.Count == 1)
                    {
                        AddColumnRename(changes, t, d, similar[0], "same type, similar name");
                        dropped.Remove(d);
                        added.Remove(similar[0]);
                        matched.Add((WithName(d, similar[0].Name), similar[0]));
                        continue;
                    }
                }
                if (similar.Count > 1)
                {
                    Ask(result, t, new[] { d }, similar, "same type, several similar names");
                    dropped.Remove(d);
                    foreach (var s in similar) added.Remove(s);
                }
            }
            // One dropped and one added column of the same type and nothing else: the classic
            // "rename became drop + add" (EF Core #20930). Never guess; ask.
            var pendingDrops = dropped.Where(d => !confirmedDrops.Contains(d.Name)).ToList();
            if (pendingDrops.Count == 1 && added.Count == 1 && SameType(pendingDrops[0], added[0]))
            {
                Ask(result, t, pendingDrops, added.ToList(), "the only dropped and added columns of " + t.Name + ", same type");
                dropped.Remove(pendingDrops[0]);
                added.Clear();
            }

            foreach (var a in added)
            {
                changes.Add(new SchemaChange { Kind = ChangeKind.AddColumn, Schema = t.Schema, Table = t.Name, Column = a, TableDefinition = f, TargetTable = t });
            }
            foreach (var d in dropped)
            {
                changes.Add(new SchemaChange { Kind = ChangeKind.DropColumn, Schema = t.Schema, Table = t.Name, OldColumn = d, TableDefinition = f, TargetTable = t, Destructive = true });
            }

            foreach (var (fc, tc) in matched)
            {
                DiffColumn(f, t, fc, tc, provider, result);
            }

            // Primary key.
            var pkFrom = f.PrimaryKey?.Columns ?? new List<string>();
            var pkTo = t.PrimaryKey?.Columns ?? new List<string>();
            if (!pkFrom.Select(x => RenamedTo(x, changes, t)).SequenceEqual(pkTo, cols))
            {
                changes.Add(new SchemaChange
                {
                    Kind = ChangeKind.AlterPrimaryKey, Schema = t.Schema, Table = t.Name, OldPrimaryKey = f.PrimaryKey, PrimaryKey = t.PrimaryKey,
                    TableDefinition = f, TargetTable = t, Destructive = true,
                });
            }

            // Unique constraints (by name, else by columns).
            foreach (var u in t.UniqueConstraints)
            {
                var old = f.UniqueConstraints.FirstOrDefault(x => objs.Equals(x.Name, u.Name)) ??
                          f.UniqueConstraints.FirstOrDefault(x => x.Columns.Select(c => RenamedTo(c, changes, t)).SequenceEqual(u.Columns, cols));
                if (old != null && old.Columns.Select(c => RenamedTo(c, changes, t)).SequenceEqual(u.Columns, cols) && objs.Equals(old.Name, u.Name)) continue;
                if (old != null)
                {
                    changes.Add(new SchemaChange { Kind = ChangeKind.DropUnique, Schema = t.Schema, Table = t.Name, Unique = old, TableDefinition = f, TargetTable = t });
                }
                changes.Add(new SchemaChange { Kind = ChangeKind.AddUnique, Schema = t.Schema, Table = t.Name, Unique = u, TableDefinition = f, TargetTable = t });
            }
            foreach (var old in f.UniqueConstraints)
            {
                if (t.UniqueConstraints.Any(u => objs.Equals(u.Name, old.Name) || u.Columns.SequenceEqual(old.Columns.Select(c => RenamedTo(c, changes, t)), cols))) continue;
                changes.Add(new SchemaChange { Kind = ChangeKind.DropUnique, Schema = t.Schema, Table = t.Name, Unique = old, TableDefinition = f, TargetTable = t });
            }

            // Indexes (not the ones backing the primary key or a unique constraint).
            bool Plain(TableInfo table, IndexInfo ix) => !ix.Primary && !table.UniqueConstraints.Any(u => objs.Equals(u.Name, ix.Name));
            foreach (var ix in t.Indexes.Where(i => Plain(t, i)))
            {
                var old = f.Indexes.FirstOrDefault(x => Plain(f, x) && objs.Equals(x.Name, ix.Name));
                if (old != null && SameIndex(old, ix, changes, t, cols)) continue;
                if (old != null)
                {
                    changes.Add(new SchemaChange { Kind = ChangeKind.DropIndex, Schema = t.Schema, Table = t.Name, Index = old, TableDefinition = f, TargetTable = t });
                }
                changes.Add(new SchemaChange { Kind = ChangeKind.CreateIndex, Schema = t.Schema, Table = t.Name, Index = ix, TableDefinition = f, TargetTable = t });
            }
            foreach (var old in f.Indexes.Where(i => Plain(f, i)))
            {
                if (t.Indexes.Any(x => Plain(t, x) && objs.Equals(x.Name, old.Name))) continue;
                changes.Add(new SchemaChange { Kind = ChangeKind.DropIndex, Schema = t.Schema, Table = t.Name, Index = old, TableDefinition = f, TargetTable = t });
            }

            // Foreign keys: by name where the engine names them, by shape on SQLite (whose names are synthesized).
            foreach (var fk in t.ForeignKeys)
            {
                var old = provider == SqlProviders.Sqlite
                    ? f.ForeignKeys.FirstOrDefault(x => SameFk(x, fk, changes, t, cols))
                    : f.ForeignKeys.FirstOrDefault(x => objs.Equals(x.Name, fk.Name));
                if (old != null && SameFk(old, fk, changes, t, cols)) continue;
                if (old != null)
                {
                    var drop = new SchemaChange { Kind = ChangeKind.DropForeignKey, Schema = t.Schema, Table = t.Name, ForeignKey = old, TableDefinition = f, TargetTable = t };
                    drop.Reasons.Add("foreign key " + old.Name + " changes definition: dropped and re-created");
                    changes.Add(drop);
                }
                changes.Add(new SchemaChange { Kind = ChangeKind.AddForeignKey, Schema = t.Schema, Table = t.Name, ForeignKey = fk, TableDefinition = f, TargetTable = t });
            }
            foreach (var old in f.ForeignKeys)
            {
                var still = provider == SqlProviders.Sqlite
                    ? t.ForeignKeys.Any(x => SameFk(old, x, changes, t, cols))
                    : t.ForeignKeys.Any(x => objs.Equals(x.Name, old.Name));
                if (still) continue;
                changes.Add(new SchemaChange { Kind = ChangeKind.DropForeignKey, Schema = t.Schema, Table = t.Name, ForeignKey = old, TableDefinition = f, TargetTable = t });
            }

            // Check constraints: by name when both have one, else by expression.
            foreach (var ck in t.Checks)
            {
                if (IsImplicitCheck(ck, provider)) continue;
                var old = f.Checks.FirstOrDefault(x => x.Name != null && ck.Name != null ? objs.Equals(x.Name, ck.Name) : NormalizeExpression(x.Expression) == NormalizeExpression(ck.Expression));
                if (old != null && NormalizeExpression(old.Expression) == NormalizeExpression(ck.Expression)) continue;
                if (old != null)
                {
                    changes.Add(new SchemaChange { Kind = ChangeKind.DropCheck, Schema = t.Schema, Table = t.Name, Check = old, TableDefinition = f, TargetTable = t });
                }
                changes.Add(new SchemaChange { Kind = ChangeKind.AddCheck, Schema = t.Schema, Table = t.Name, Check = ck, TableDefinition = f, TargetTable = t });
            }
            foreach (var old in f.Checks)
            {
                if (IsImplicitCheck(old, provider)) continue;
                var still = t.Checks.Any(x => x.Name != null && old.Name != null ? objs.Equals(x.Name, old.Name) : NormalizeExpression(x.Expression) == NormalizeExpression(old.Expression));
                if (still) continue;
                changes.Add(new SchemaChange { Kind = ChangeKind.DropCheck, Schema = t.Schema, Table = t.Name, Check = old, TableDefinition = f, TargetTable = t });
            }

            if ((f.Comment ?? "") != (t.Comment ?? "")) result.Notes.Add("Comment of " + ChangeText.Name(t.Schema, t.Name) + " differs (comments are not migrated).");
            if (f.RlsEnabled != t.RlsEnabled || f.Policies.Count != t.Policies.Count)
            {
                result.Notes.Add("Row-level security of " + ChangeText.Name(t.Schema, t.Name) + " differs; RLS changes are never generated automatically (write and review them by hand).");
            }
        }

        /// <summary>MariaDB's JSON columns carry a json_valid() check that comes and goes with the column.</summary>
        private static bool IsImplicitCheck(CheckInfo ck, string provider) =>
            provider == SqlProviders.MySql && ck.Expression.StartsWith("json_valid(", StringComparison.OrdinalIgnoreCase);

        private static void Ask(DiffResult result, TableInfo t, IEnumerable<ColumnInfo> dropped, IEnumerable<ColumnInfo> added, string reason)
        {
            var q = new RenameQuestion { Schema = t.Schema, Table = t.Name, Reason = reason };
            q.Dropped.AddRange(dropped.Select(d => d.Name));
            q.Added.AddRange(added.Select(a => a.Name));
            result.Questions.Add(q);
        }

        private static ColumnInfo WithName(ColumnInfo c, string name)
        {
            var copy = SnapshotCopy.Column(c);
            copy.Name = name;
            return copy;
        }

        private static void AddColumnRename(List<SchemaChange> changes, TableInfo t, ColumnInfo from, ColumnInfo to, string why)
        {
            var c = new SchemaChange
            {
                Kind = ChangeKind.RenameColumn,
                Schema = t.Schema,
                Table = t.Name,
                OldName = from.Name,
                NewName = to.Name,
                OldColumn = from,
                Column = to,
                TargetTable = t,
                Source = why == "explicit hint" ? "hint" : "diff",
            };
            c.Reasons.Add("detected as a rename (" + why + "), not drop + add: the data stays");
            changes.Add(c);
        }

        private static string RenamedTo(string column, List<SchemaChange> changes, TableInfo t)
        {
            var r = changes.FirstOrDefault(c => c.Kind == ChangeKind.RenameColumn && c.Table == t.Name && c.Schema == t.Schema &&
                                                 string.Equals(c.OldName, column, StringComparison.Ordinal));
            return r?.NewName ?? column;
        }

        private static void DiffColumn(TableInfo f, TableInfo t, ColumnInfo fc, ColumnInfo tc, string provider, DiffResult result)
        {
            var changes = result.Changes;
            SchemaChange Make(ChangeKind kind) => new SchemaChange
            {
                Kind = kind, Schema = t.Schema, Table = t.Name, Column = tc, OldColumn = fc, TableDefinition = f, TargetTable = t,
            };
            if (fc.EnumValues != null && tc.EnumValues != null && NormalizeType(fc.Type).StartsWith("enum(", StringComparison.Ordinal) &&
                NormalizeType(tc.Type).StartsWith("enum(", StringComparison.Ordinal))
            {
                // MySQL inline ENUM: label changes are enum changes, not type changes.
                if (!fc.EnumValues.SequenceEqual(tc.EnumValues, StringComparer.Ordinal))
                {
                    EnumValueChanges(fc.EnumValues, tc.EnumValues, changes, () => Make(ChangeKind.AddEnumValue), null, null);
                }
            }
            else if (!SameType(fc, tc))
            {
                changes.Add(Make(ChangeKind.AlterColumnType));
            }
            if (fc.Nullable != tc.Nullable && tc.PrimaryKey == false)
            {
                changes.Add(Make(ChangeKind.AlterColumnNullability));
            }
            if (NormalizeDefault(fc.Default) != NormalizeDefault(tc.Default) && fc.Identity == null && tc.Identity == null)
            {
                changes.Add(Make(ChangeKind.AlterColumnDefault));
            }
            if ((fc.Identity ?? "") != (tc.Identity ?? "") && !(provider == SqlProviders.Sqlite))
            {
                result.Notes.Add("Identity of " + ChangeText.Name(t.Schema, t.Name) + "." + tc.Name + " differs (" + (fc.Identity ?? "none") + " -> " + (tc.Identity ?? "none") + "); identity changes are not generated.");
            }
            if ((fc.Generated ?? "") != (tc.Generated ?? "") || (fc.GenerationExpression ?? "") != (tc.GenerationExpression ?? ""))
            {
                result.Notes.Add("Generated-column definition of " + ChangeText.Name(t.Schema, t.Name) + "." + tc.Name + " differs; not generated.");
            }
            if ((fc.Collation ?? "") != (tc.Collation ?? ""))
            {
                result.Notes.Add("Collation of " + ChangeText.Name(t.Schema, t.Name) + "." + tc.Name + " differs; not generated.");
            }
        }

        public static bool SameType(ColumnInfo a, ColumnInfo b)
        {
            if (a.EnumType != null || b.EnumType != null) return string.Equals(a.EnumType, b.EnumType, StringComparison.Ordinal);
            return NormalizeType(a.Type) == NormalizeType(b.Type);
        }

        public static string NormalizeType(string type) =>
            string.Join(" ", (type ?? "").Trim().ToLowerInvariant().Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
                .Replace(", ", ",").Replace(" (", "(");

        public static string? NormalizeDefault(string? d)
        {
            if (d == null) return null;
            var t = d.Trim();
            if (t.Length == 0 || t.Equals("NULL", StringComparison.OrdinalIgnoreCase)) return null;
            return t;
        }

        public static string NormalizeExpression(string e) =>
            new string((e ?? "").Where(ch => !char.IsWhiteSpace(ch)).ToArray()).ToLowerInvariant().Trim('(', ')');

        private static bool SameIndex(IndexInfo a, IndexInfo b, List<SchemaChange> changes, TableInfo t, StringComparer cols) =>
            a.Unique == b.Unique &&
            (a.Predicate ?? "") == (b.Predicate ?? "") &&
            string.Equals(a.Method ?? "btree", b.Method ?? "btree", StringComparison.OrdinalIgnoreCase) &&
            a.Columns.Count == b.Columns.Count &&
            a.Columns.Zip(b.Columns, (x, y) =>
                (x.Name == null ? y.Name == null && NormalizeExpression(x.Expression ?? "") == NormalizeExpression(y.Expression ?? "") : y.Name != null && cols.Equals(RenamedTo(x.Name, changes, t), y.Name)) &&
                x.Descending == y.Descending).All(ok => ok);

        private static bool SameFk(ForeignKeyInfo a, ForeignKeyInfo b, List<SchemaChange> changes, TableInfo t, StringComparer cols) =>
            a.Columns.Select(c => RenamedTo(c, changes, t)).SequenceEqual(b.Columns, cols) &&
            string.Equals(a.ReferencedTable, b.ReferencedTable, StringComparison.OrdinalIgnoreCase) &&
            a.ReferencedColumns.SequenceEqual(b.ReferencedColumns, cols) &&
            string.Equals(a.OnDelete, b.OnDelete, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.OnUpdate, b.OnUpdate, StringComparison.OrdinalIgnoreCase);

        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}
