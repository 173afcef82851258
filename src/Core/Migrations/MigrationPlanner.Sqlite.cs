using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Core.Migrations
{
    public sealed partial class MigrationPlanner
    {
        private static readonly HashSet<ChangeKind> AlwaysRebuild = new HashSet<ChangeKind>
        {
            ChangeKind.AlterColumnType, ChangeKind.AlterColumnNullability, ChangeKind.AlterColumnDefault,
            ChangeKind.AddForeignKey, ChangeKind.DropForeignKey, ChangeKind.AddCheck, ChangeKind.DropCheck,
            ChangeKind.AddUnique, ChangeKind.DropUnique, ChangeKind.AlterPrimaryKey, ChangeKind.DropColumn,
        };

        private static readonly HashSet<ChangeKind> Foldable = new HashSet<ChangeKind>(AlwaysRebuild)
        {
            ChangeKind.AddColumn, ChangeKind.RenameColumn, ChangeKind.CreateIndex, ChangeKind.DropIndex,
        };

        /// <summary>
        /// SQLite's ALTER TABLE can add, rename and drop plain columns only. A table with any other
        /// change is rebuilt once (the documented 12-step procedure), and every column, constraint
        /// and index change of that table is folded into the rebuild. The changes are reordered so
        /// the rebuild runs after table renames.
        /// </summary>
        private Dictionary<string, List<SchemaChange>> SqliteRebuildGroups(List<SchemaChange> changes)
        {
            var groups = new Dictionary<string, List<SchemaChange>>();
            foreach (var c in changes)
            {
                if (c.Kind == ChangeKind.CreateTable || c.Kind == ChangeKind.DropTable || c.Kind == ChangeKind.RenameTable) continue;
                if (CreatedHere(c.Schema, c.Table)) continue;
                var needs = AlwaysRebuild.Contains(c.Kind) || (c.Kind == ChangeKind.AddColumn && (!SqliteCanAdd(c.Column!) || c.Column!.PrimaryKey));
                if (!needs) continue;
                var key = Key(c.Schema, c.Table);
                if (!groups.ContainsKey(key)) groups[key] = new List<SchemaChange>();
            }
            foreach (var c in changes)
            {
                if (!Foldable.Contains(c.Kind)) continue;
                if (groups.TryGetValue(Key(c.Schema, c.Table), out var g)) g.Add(c);
            }
            // Each group runs where its first member would, but never before a rename of the table.
            foreach (var kv in groups)
            {
                var members = kv.Value;
                var firstIndex = changes.IndexOf(members[0]);
                var renameIndex = changes.FindLastIndex(x => x.Kind == ChangeKind.RenameTable && Key(x.Schema, x.NewName ?? x.Table) == kv.Key);
                var start = Math.Max(firstIndex, renameIndex + 1);
                var anchor = changes.Skip(start).FirstOrDefault(x => !members.Contains(x));
                foreach (var m in members) changes.Remove(m);
                changes.InsertRange(anchor == null ? changes.Count : changes.IndexOf(anchor), members);
            }
            return groups;
        }

        private List<MigrationStatement> PostChecksFor(SchemaChange c)
        {
            var list = new List<MigrationStatement>();
            var lite = (SqliteDialect)_d;
            switch (c.Kind)
            {
                case ChangeKind.AddColumn:
                    list.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, c.Column!.Name), "column " + c.Table + "." + c.Column.Name + " was not added", StatementRole.PostCheck));
                    if (!c.Column.Nullable) list.Add(_d.Check(_d.ColumnIsNotNull(c.Schema, c.Table, c.Column.Name), "column " + c.Table + "." + c.Column.Name + " is not NOT NULL", StatementRole.PostCheck));
                    break;
                case ChangeKind.DropColumn:
                    list.Add(_d.Check("NOT " + _d.ColumnExists(c.Schema, c.Table, c.OldColumn!.Name), "column " + c.Table + "." + c.OldColumn.Name + " still exists", StatementRole.PostCheck));
                    break;
                case ChangeKind.RenameColumn:
                    list.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, c.NewName!) + " AND NOT " + _d.ColumnExists(c.Schema, c.Table, c.OldName!), "column " + c.Table + "." + c.NewName + " does not exist", StatementRole.PostCheck));
                    break;
                case ChangeKind.AlterColumnType:
                    list.Add(_d.Check(lite.ColumnTypeIs(c.Table, c.Column!.Name, c.Column.Type), "column " + c.Table + "." + c.Column.Name + " does not have type " + c.Column.Type, StatementRole.PostCheck));
                    break;
                case ChangeKind.AlterColumnNullability:
                    list.Add(_d.Check((c.Column!.Nullable ? "NOT " : "") + _d.ColumnIsNotNull(c.Schema, c.Table, c.Column.Name), "column " + c.Table + "." + c.Column.Name + " has the wrong nullability", StatementRole.PostCheck));
                    break;
                case ChangeKind.AddForeignKey:
                    list.Add(_d.Check(lite.ForeignKeyExists(c.Table, c.ForeignKey!), "foreign key on " + c.Table + "(" + string.Join(", ", c.ForeignKey!.Columns) + ") is missing", StatementRole.PostCheck));
                    break;
                case ChangeKind.DropForeignKey:
                    list.Add(_d.Check("NOT " + lite.ForeignKeyExists(c.Table, c.ForeignKey!), "foreign key on " + c.Table + "(" + string.Join(", ", c.ForeignKey!.Columns) + ") still exists", StatementRole.PostCheck));
                    break;
                case ChangeKind.CreateIndex:
                    list.Add(_d.Check(_d.IndexExists(c.Schema, c.Table, c.Index!.Name), "index " + c.Index.Name + " is missing", StatementRole.PostCheck));
                    break;
                case ChangeKind.DropIndex:
                    list.Add(_d.Check("NOT " + _d.IndexExists(c.Schema, c.Table, c.Index!.Name), "index " + c.Index.Name + " still exists", StatementRole.PostCheck));
                    break;
            }
            return list;
        }

        private static bool IsAutoIndex(IndexInfo ix) => ix.Primary || ix.Name.StartsWith("sqlite_autoindex_", StringComparison.OrdinalIgnoreCase);

        /// <summary>The stored CREATE TABLE with its name replaced (exact restoration), or null.</summary>
        private string? StoredCreateTable(string table, string newName)
        {
            var sql = StoredSql("table", table);
            if (sql == null || !SqlLexer.TryTokenize(sql, SqlDialect.Sqlite, out var tokens)) return null;
            var i = 0;
            if (!tokens[i].IsWord("CREATE")) return null;
            i++;
            if (tokens[i].IsWord("TEMP") || tokens[i].IsWord("TEMPORARY")) i++;
            if (!tokens[i].IsWord("TABLE")) return null;
            i++;
            if (tokens[i].IsWord("IF")) i += 3;
            var nameToken = tokens[i];
            if (tokens[i + 1].Kind == SqlTokenKind.Dot)
            {
                nameToken = tokens[i + 2];
                return sql.Substring(0, tokens[i].Start) + _d.Quote(newName) + sql.Substring(nameToken.End);
            }
            return sql.Substring(0, nameToken.Start) + _d.Quote(newName) + sql.Substring(nameToken.End);
        }

        /// <summary>Views whose stored SQL mentions the table (they must be dropped and re-created around the rebuild).</summary>
        private List<StoredObject> DependentViews(string table) =>
            _facts.StoredObjects.Where(o => o.Type == "view" && Mentions(o.Sql, table)).ToList();

        private static bool Mentions(string sql, string name)
        {
            if (!SqlLexer.TryTokenize(sql, SqlDialect.Sqlite, out var tokens)) return sql.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0;
            return tokens.Any(t => (t.IsIdentifier || t.Kind == SqlTokenKind.String) && string.Equals(t.Value, name, StringComparison.OrdinalIgnoreCase));
        }

        private void PlanSqliteRebuild(ChangePlan p, List<SchemaChange> group)
        {
            var first = p.Change;
            var schema = first.Schema;
            var name = first.Table;
            var beforeSource = LiveTable(schema, name) ?? group.Select(g => g.TableDefinition).FirstOrDefault(t => t != null)
                               ?? throw new PlanningException("table " + name + " is not in the database, so it cannot be rebuilt");
            var before = SnapshotCopy.Table(beforeSource);
            before.Name = name;
            var after = SnapshotCopy.Table(before);
            foreach (var g in group) SchemaEditor.Apply(after, g, _provider);
            foreach (var col in after.Columns.Where(x => !before.Columns.Any(b => SameName(b.Name, x.Name)))) RequireName(col.Name, "column " + col.Name);
            if (after.Indexes.Any(i => i.Columns.Any(k => k.Expression == "<expression>") && StoredSql("index", i.Name) == null))
            {
                throw new PlanningException("an expression index of " + name + " is not known in full");
            }

            var rows = Rows(schema, name);
            var renames = group.Where(g => g.Kind == ChangeKind.RenameColumn).ToDictionary(g => g.NewName!, g => g.OldName!, StringComparer.OrdinalIgnoreCase);
            var temp = _d.MakeName("sd_new_" + name);
            var table = Q(name);

            // Backups of dropped columns with values, so the rollback can restore them.
            var backups = new List<(ColumnInfo Column, string Backup, List<string> Key)>();
            foreach (var drop in group.Where(g => g.Kind == ChangeKind.DropColumn))
            {
                var col = drop.OldColumn!;
                var values = TableExistsLive(schema, name) ? _facts.Count(_d.CountNonNull(schema, name, col.Name)) : null;
                var pk = before.PrimaryKey?.Columns.Where(x => !SameName(x, col.Name)).ToList();
                var keep = values != 0 && pk != null && pk.Count > 0;
                if (keep)
                {
                    var backup = BackupName(name + "_" + col.Name);
                    backups.Add((col, backup, pk!));
                    p.Forward.Add(new MigrationStatement(CreateTableAs(schema, backup, "SELECT " + _d.ColumnList(pk!.Concat(new[] { col.Name })) + " FROM " + table))
                        .Comment("Keep the values of " + col.Name + ": the rollback restores them from this backup table."));
                }
                p.DataLoss.Add(new DataLossWarning
                {
                    Table = name, AffectedRows = values, What = "DROP COLUMN " + name + "." + col.Name + " (" + Count(values) + " rows hold a value)",
                    Keep = keep ? "copied to backup table " + backups.Last().Backup + " first; the rollback restores them" : values == 0 ? "no row holds a value" : "export first: SELECT * FROM " + table,
                });
            }

            // Pre-checks the new definition needs.
            foreach (var col in after.Columns.Where(x => !x.Nullable))
            {
                var src = SourceColumn(col, before, renames);
                if (src != null && src.Nullable && _d.DefaultSql(col) == null)
                {
                    p.PreChecks.Add(_d.Check(_d.NoNulls(schema, name, src.Name), name + "." + src.Name + " has NULLs: fill them before making it NOT NULL", StatementRole.PreCheck));
                }
            }
            foreach (var g in group)
            {
                bool Live(IEnumerable<string> columns) => columns.All(x => before.Columns.Any(b => SameName(b.Name, renames.TryGetValue(x, out var o) ? o : x)));
                if (g.Kind == ChangeKind.AddForeignKey && Live(g.ForeignKey!.Columns)) p.PreChecks.Add(_d.Check(_d.NoOrphans(schema, name, Mapped(g.ForeignKey!, renames)), "rows of " + name + " reference missing " + g.ForeignKey!.ReferencedTable + " rows", StatementRole.PreCheck));
                if (g.Kind == ChangeKind.AddUnique && Live(g.Unique!.Columns)) p.PreChecks.Add(_d.Check(_d.NoDuplicates(schema, name, g.Unique!.Columns.Select(x => renames.TryGetValue(x, out var o) ? o : x)), "duplicates in " + name + "(" + string.Join(", ", g.Unique.Columns) + ")", StatementRole.PreCheck));
                if (g.Kind == ChangeKind.AddCheck && !group.Any(a => a.Kind == ChangeKind.AddColumn && g.Check!.Expression.IndexOf(a.Column!.Name, StringComparison.OrdinalIgnoreCase) >= 0)) p.PreChecks.Add(_d.Check(_d.NoRows("SELECT 1 FROM " + table + " WHERE NOT (" + MigrationDialect.StripOuterParens(g.Check!.Expression) + ")"), "rows of " + name + " violate CHECK (" + g.Check.Expression + ")", StatementRole.PreCheck));
                if (g.Kind == ChangeKind.AlterColumnType && !TypeChanges.IsWidening(_provider, g.OldColumn!, g.Column!) && FitsCondition(schema, name, g.OldColumn!, g.Column!) is { } fits)
                {
                    p.PreChecks.Add(_d.Check(fits, "values of " + name + "." + g.OldColumn!.Name + " do not fit " + g.Column!.Type, StatementRole.PreCheck));
                }
            }

            p.Forward.AddRange(RebuildStatements(name, temp, before, after, renames, backfill: group, restoreFrom: null, storedCreate: null, forward: true));
            foreach (var g in group) p.PostChecks.AddRange(PostChecksFor(g));
            p.PostChecks.Add(_d.Check(((SqliteDialect)_d).NoForeignKeyViolations(name), "foreign key violations in " + name + " after the rebuild", StatementRole.PostCheck));

            // Undo: rebuild back, restoring dropped values from their backups.
            var reverse = renames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);
            p.Undo.AddRange(RebuildStatements(name, temp, after, before, reverse, backfill: null, restoreFrom: backups, storedCreate: StoredCreateTable(name, temp), forward: false));
            foreach (var b in backups) p.Undo.Add(new MigrationStatement("DROP TABLE " + Q(b.Backup)).Review("DBMIG001", "the backup table, after its values were restored"));
            p.UndoPostChecks.Add(_d.Check(_d.TableExists(schema, name), "table " + name + " is missing", StatementRole.PostCheck));
            foreach (var col in before.Columns)
            {
                p.UndoPostChecks.Add(_d.Check(_d.ColumnExists(schema, name, col.Name), "column " + name + "." + col.Name + " was not restored", StatementRole.PostCheck));
            }

            p.Change.Reasons.Add("SQLite cannot ALTER this: the table is rebuilt (12-step procedure) with " + (group.Count - 1) + " other change(s) of " + name + " folded in");
            foreach (var g in group.Skip(1))
            {
                g.Reasons.Add("applied by the rebuild of " + name + " (change " + p.Number + ")");
                if (!p.Change.Fixes.Intersect(g.Fixes).Any()) p.Change.Fixes.AddRange(g.Fixes);
            }
            p.Comment = "Rebuild of " + name + ": " + string.Join("; ", group.Select(g => g.Describe()));
            p.FoldedChanges.AddRange(group.Skip(1));
            p.Rebuild = true;
            p.DataMigration = true;
            p.LockNotes.Add("table rebuild: the database is locked for writes while " + Count(rows) + " rows of " + name + " are copied");
            first.RollbackDestructive = true;
            p.DataLoss.Add(new DataLossWarning
            {
                InRollback = true, Table = name, AffectedRows = rows,
                What = "the rollback rebuilds " + name + " with its previous definition: values in columns this migration added are lost (" + Count(rows) + " rows today)",
            });
        }

        private ForeignKeyInfo Mapped(ForeignKeyInfo fk, Dictionary<string, string> renames)
        {
            var copy = SnapshotCopy.ForeignKey(fk);
            for (var i = 0; i < copy.Columns.Count; i++) if (renames.TryGetValue(copy.Columns[i], out var o)) copy.Columns[i] = o;
            return copy;
        }

        private ColumnInfo? SourceColumn(ColumnInfo target, TableInfo source, Dictionary<string, string> renames)
        {
            var name = renames.TryGetValue(target.Name, out var old) ? old : target.Name;
            return source.Columns.FirstOrDefault(x => SameName(x.Name, name));
        }

        /// <summary>Steps 4–9 of SQLite's procedure (the session statements around it come from the plan's prologue and epilogue).</summary>
        private List<MigrationStatement> RebuildStatements(string name, string temp, TableInfo from, TableInfo to, Dictionary<string, string> renames,
            List<SchemaChange>? backfill, List<(ColumnInfo Column, string Backup, List<string> Key)>? restoreFrom, string? storedCreate, bool forward)
        {
            EnsureForeignKeysOff();
            var list = new List<MigrationStatement>();
            var table = Q(name);
            var views = DependentViews(name);
            foreach (var v in views) list.Add(new MigrationStatement("DROP VIEW IF EXISTS " + Q(v.Name)).Comment("Re-created after the rebuild."));
            var create = new MigrationStatement(storedCreate ?? _d.CreateTable(to, temp));
            create.Comment(forward ? "SQLite table rebuild (https://www.sqlite.org/lang_altertable.html#otheralter): new definition under a temporary name."
                                   : "Rebuild back to the previous definition" + (storedCreate != null ? " (its original CREATE statement)." : "."));
            list.Add(create);

            var targetCols = new List<string>();
            var sourceExprs = new List<string>();
            foreach (var col in to.Columns.Where(c => c.Generated == null))
            {
                var src = SourceColumn(col, from, renames);
                string? expr = null;
                if (src != null)
                {
                    expr = Q(src.Name);
                    if (!col.Nullable && src.Nullable && _d.DefaultSql(col) is { } d) expr = "COALESCE(" + expr + ", " + d + ")";
                }
                else if (restoreFrom != null && restoreFrom.FirstOrDefault(r => SameName(r.Column.Name, col.Name)) is { Backup: not null } r)
                {
                    var join = string.Join(" AND ", r.Key.Select(k => "b." + Q(k) + " = " + table + "." + Q(renames.TryGetValue(k, out var o) ? o : k)));
                    expr = "(SELECT b." + Q(col.Name) + " FROM " + Q(r.Backup) + " b WHERE " + join + ")";
                }
                else if (!col.Nullable && _d.DefaultSql(col) == null && col.Identity == null)
                {
                    var add = backfill?.FirstOrDefault(g => g.Kind == ChangeKind.AddColumn && SameName(g.Column!.Name, col.Name));
                    var value = add?.Backfill ?? _d.ZeroValue(col, col.EnumValues);
                    if (value == null) throw new PlanningException("no value for existing rows of the new NOT NULL column " + name + "." + col.Name + " (type " + col.Type + "); give it a default");
                    if (add != null) add.Backfill = value;
                    expr = value;
                }
                if (expr == null) continue;
                targetCols.Add(Q(col.Name));
                sourceExprs.Add(expr);
            }
            list.Add(new MigrationStatement("INSERT INTO " + Q(temp) + " (" + string.Join(", ", targetCols) + ") SELECT " + string.Join(", ", sourceExprs) + " FROM " + table)
                .Comment("Copy every row (" + (forward ? "new columns get their default or backfill value" : "dropped values come back from their backups") + ")."));
            var loses = forward && backfill != null ? backfill.Where(g => g.Destructive).Select(g => g.Describe()).ToList() : new List<string>();
            list.Add(new MigrationStatement("DROP TABLE " + table)
            {
                Destructive = loses.Count > 0 ? "the rebuild of " + name + " does not copy everything: " + string.Join("; ", loses) : null,
            }.Review("DBMIG001", "step 6 of the table rebuild: the rows were copied to " + temp));
            list.Add(new MigrationStatement("ALTER TABLE " + Q(temp) + " RENAME TO " + table).Review("DBMIG003", "step 7 of the table rebuild"));
            foreach (var ix in to.Indexes.Where(i => !IsAutoIndex(i)))
            {
                var unchanged = from.Indexes.FirstOrDefault(i => SameName(i.Name, ix.Name));
                var stored = unchanged != null && SameKeys(unchanged, ix, renames) ? StoredSql("index", ix.Name) : null;
                list.Add(new MigrationStatement(stored ?? _d.CreateIndex("", name, ix, false)).Review("DBMIG007", "SQLite has no concurrent index builds; part of the rebuild"));
            }
            foreach (var trigger in _facts.StoredObjects.Where(o => o.Type == "trigger" && string.Equals(o.TableName, name, StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(new MigrationStatement(trigger.Sql).Comment("Re-create trigger " + trigger.Name + "."));
            }
            foreach (var v in views) list.Add(new MigrationStatement(v.Sql));
            return list;
        }

        private bool SameKeys(IndexInfo a, IndexInfo b, Dictionary<string, string> renames) =>
            a.Unique == b.Unique && (a.Predicate ?? "") == (b.Predicate ?? "") && a.Columns.Count == b.Columns.Count &&
            a.Columns.Zip(b.Columns, (x, y) => x.Name == null ? y.Name == null : y.Name != null && (SameName(x.Name, y.Name) || (renames.TryGetValue(y.Name, out var o) && SameName(o, x.Name)))).All(ok => ok);

        private void EnsureForeignKeysOff()
        {
            if (_plan.Prologue.Any(s => s.Sql.StartsWith("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase))) return;
            _plan.Prologue.Add(new MigrationStatement("PRAGMA foreign_keys = OFF", StatementRole.Session)
                .Comment("Step 1 of SQLite's table rebuild: outside the transaction (inside one the pragma is a no-op)."));
            _plan.Epilogue.Add(new MigrationStatement("PRAGMA foreign_keys = ON", StatementRole.Session));
            _plan.RollbackPrologue.Add(new MigrationStatement("PRAGMA foreign_keys = OFF", StatementRole.Session));
            _plan.RollbackEpilogue.Add(new MigrationStatement("PRAGMA foreign_keys = ON", StatementRole.Session));
        }
    }
}
