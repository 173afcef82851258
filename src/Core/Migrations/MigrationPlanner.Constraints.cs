using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    public sealed partial class MigrationPlanner
    {
        // ------------------------------------------------------------------ indexes

        private void PlanCreateIndex(ChangePlan p)
        {
            var c = p.Change;
            var ix = c.Index!;
            RequireName(ix.Name, "index " + ix.Name);
            if (ix.Columns.Any(k => k.Expression == "<expression>")) throw new PlanningException("the index's expression is not known (SQLite snapshots do not keep it)");
            if (IsMy && ix.Predicate != null) throw new PlanningException("MySQL/MariaDB have no partial indexes (WHERE " + ix.Predicate + ")");
            var fresh = CreatedHere(c.Schema, c.Table);
            var concurrently = IsPg && !fresh;
            var rows = fresh ? 0 : Rows(c.Schema, c.Table);
            if (ix.Unique && !fresh)
            {
                var keys = ix.Columns.Where(k => k.Name != null).Select(k => k.Name!).ToList();
                if (keys.Count == ix.Columns.Count && ix.Predicate == null && LiveHasColumns(c.Schema, c.Table, keys))
                {
                    p.PreChecks.Add(_d.Check(_d.NoDuplicates(c.Schema, c.Table, keys), "duplicate values in " + c.Table + "(" + string.Join(", ", keys) + ") would make the unique index fail", StatementRole.PreCheck));
                }
            }
            var s = new MigrationStatement(_d.CreateIndex(c.Schema, c.Table, ix, concurrently)) { OutsideTransaction = concurrently };
            if (concurrently) s.Comment("CONCURRENTLY: writes continue during the build; it cannot run inside a transaction block.");
            else if (IsPg) s.Review("DBMIG007", "the table is created by this migration");
            if (ix.Unique) s.Review("DBMIG011", fresh ? "the table is new" : "pre-checked: no duplicates at push time");
            p.Forward.Add(s);
            p.PostChecks.Add(_d.Check(_d.IndexExists(c.Schema, c.Table, ix.Name), "index " + ix.Name + " is missing or invalid", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement(_d.DropIndex(c.Schema, c.Table, ix.Name, concurrently)) { OutsideTransaction = concurrently });
            p.UndoPostChecks.Add(_d.Check("NOT " + _d.IndexExists(c.Schema, c.Table, ix.Name), "index " + ix.Name + " still exists", StatementRole.PostCheck));
            p.LockNotes.Add(IsPg ? (concurrently ? "CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE on " + c.Table + "; reads and writes continue (" + Count(rows) + " rows scanned twice)" : "CREATE INDEX on a new table: instant")
                : IsMy ? "CREATE INDEX: online (ALGORITHM=INPLACE, LOCK=NONE) on InnoDB; " + Count(rows) + " rows" : "CREATE INDEX: the database is locked for writes while " + Count(rows) + " rows are indexed");
        }

        private string? StoredSql(string type, string name) =>
            _facts.StoredObjects.FirstOrDefault(o => o.Type == type && string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))?.Sql;

        private void PlanDropIndex(ChangePlan p)
        {
            var c = p.Change;
            var ix = c.Index!;
            var concurrently = IsPg;
            var recreate = IsLite ? StoredSql("index", ix.Name) : null;
            if (recreate == null && ix.Columns.Any(k => k.Expression == "<expression>")) throw new PlanningException("the index's expression is not known, so the rollback could not re-create it");
            p.PreChecks.Add(_d.Check(_d.IndexExists(c.Schema, c.Table, ix.Name), "index " + ix.Name + " does not exist", StatementRole.PreCheck));
            p.Forward.Add(new MigrationStatement(_d.DropIndex(c.Schema, c.Table, ix.Name, concurrently)) { OutsideTransaction = concurrently });
            p.PostChecks.Add(_d.Check("NOT " + _d.IndexExists(c.Schema, c.Table, ix.Name), "index " + ix.Name + " still exists", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement(recreate ?? _d.CreateIndex(c.Schema, c.Table, ix, concurrently)) { OutsideTransaction = concurrently });
            p.UndoPostChecks.Add(_d.Check(_d.IndexExists(c.Schema, c.Table, ix.Name), "index " + ix.Name + " was not re-created", StatementRole.PostCheck));
            p.LockNotes.Add(IsPg ? "DROP INDEX CONCURRENTLY: no blocking lock" : "DROP INDEX: brief metadata lock");
        }

        // ------------------------------------------------------------------ constraints

        /// <summary>Pre-checks run before the migration: they can only read columns the database has now.</summary>
        private bool LiveHasColumns(string schema, string table, IEnumerable<string> columns)
        {
            var t = LiveTable(schema, table);
            return t != null && columns.All(c => t.Columns.Any(x => SameName(x.Name, c)));
        }

        /// <summary>True when an expression names a column the table does not have yet.</summary>
        private bool MentionsNewColumn(string schema, string table, string expression)
        {
            var t = LiveTable(schema, table);
            if (t == null) return true;
            if (!Sql.SqlLexer.TryTokenize(expression, MigrationScript.DialectOf(_provider), out var tokens)) return true;
            return _all.Where(x => x.Kind == ChangeKind.AddColumn && SameName(x.Table, table))
                .Any(x => tokens.Any(k => k.IsIdentifier && SameName(k.Value, x.Column!.Name)));
        }

        private static string Hash(string s)
        {
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(s))).Replace("-", "").Substring(0, 8).ToLowerInvariant();
        }

        private ForeignKeyInfo NamedFk(SchemaChange c)
        {
            var fk = SnapshotCopy.ForeignKey(c.ForeignKey!);
            if (fk.Name.Length == 0) fk.Name = _d.MakeName("fk_" + c.Table + "_" + string.Join("_", fk.Columns));
            return fk;
        }

        /// <summary>MySQL creates an index named after a foreign key when no index starts with its columns.</summary>
        private bool MySqlAddsFkIndex(SchemaChange c, ForeignKeyInfo fk)
        {
            var table = LiveTable(c.Schema, c.Table) ?? c.TableDefinition;
            if (table == null) return false;
            var indexes = table.Indexes.Select(i => i.Columns.Select(k => k.Name ?? "").ToList()).ToList();
            if (table.PrimaryKey != null) indexes.Add(table.PrimaryKey.Columns);
            indexes.AddRange(_plan.Changes.Where(x => x.Change.Kind == ChangeKind.CreateIndex && x.Change.Table == c.Table && x.Deferred == null)
                .Select(x => x.Change.Index!.Columns.Select(k => k.Name ?? "").ToList()));
            return !indexes.Any(cols => cols.Count >= fk.Columns.Count && cols.Take(fk.Columns.Count).SequenceEqual(fk.Columns, StringComparer.OrdinalIgnoreCase));
        }

        private void PlanAddForeignKey(ChangePlan p)
        {
            var c = p.Change;
            var fk = NamedFk(c);
            RequireName(fk.Name, "foreign key " + fk.Name);
            var table = T(c.Schema, c.Table);
            var fresh = CreatedHere(c.Schema, c.Table);
            if (!fresh && LiveHasColumns(c.Schema, c.Table, fk.Columns)) p.PreChecks.Add(_d.Check(_d.NoOrphans(c.Schema, c.Table, fk), "rows of " + c.Table + " reference missing " + fk.ReferencedTable + " rows: the foreign key would fail", StatementRole.PreCheck));
            if (IsPg)
            {
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.ForeignKeyClause(fk, c.Schema) + " NOT VALID")
                    .Comment("NOT VALID first: only a brief lock; existing rows are checked by VALIDATE below without blocking writes."));
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Q(fk.Name)) { OutsideTransaction = true }
                    .Comment("Runs after the main transaction, so its scan holds only SHARE UPDATE EXCLUSIVE."));
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + Q(fk.Name)));
                p.LockNotes.Add("ADD FOREIGN KEY NOT VALID: brief SHARE ROW EXCLUSIVE on " + c.Table + " and " + fk.ReferencedTable + "; VALIDATE: SHARE UPDATE EXCLUSIVE (writes continue)");
            }
            else
            {
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.ForeignKeyClause(fk, c.Schema)).Review("DBMIG009", "pre-checked: no orphans"));
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " DROP FOREIGN KEY " + Q(fk.Name)));
                if (MySqlAddsFkIndex(c, fk))
                {
                    p.Undo.Add(new MigrationStatement(_d.DropIndex(c.Schema, c.Table, fk.Name, false)).Comment("MySQL created this index for the foreign key."));
                    p.Forward[p.Forward.Count - 1].Comment("MySQL also creates an index named " + fk.Name + " on (" + string.Join(", ", fk.Columns) + ").");
                }
                p.LockNotes.Add("ADD FOREIGN KEY: in-place with foreign_key_checks on; copies " + c.Table + " on older servers");
            }
            p.PostChecks.Add(_d.Check(_d.ConstraintExists(c.Schema, c.Table, fk.Name), "foreign key " + fk.Name + " is missing" + (IsPg ? " or not validated" : ""), StatementRole.PostCheck));
            p.UndoPostChecks.Add(_d.Check("NOT " + _d.ConstraintExists(c.Schema, c.Table, fk.Name), "foreign key " + fk.Name + " still exists", StatementRole.PostCheck));
        }

        private void PlanDropForeignKey(ChangePlan p)
        {
            var c = p.Change;
            var fk = c.ForeignKey!;
            var table = T(c.Schema, c.Table);
            p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + (IsPg ? " DROP CONSTRAINT " : " DROP FOREIGN KEY ") + Q(fk.Name)));
            p.PostChecks.Add(_d.Check("NOT " + _d.ConstraintExists(c.Schema, c.Table, fk.Name), "foreign key " + fk.Name + " still exists", StatementRole.PostCheck));
            p.UndoPreChecks.Add(_d.Check(_d.NoOrphans(c.Schema, c.Table, fk), "rows of " + c.Table + " now reference missing " + fk.ReferencedTable + " rows: the foreign key cannot be restored", StatementRole.PreCheck));
            if (IsPg)
            {
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.ForeignKeyClause(fk, c.Schema) + " NOT VALID"));
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Q(fk.Name)) { OutsideTransaction = true });
            }
            else
            {
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.ForeignKeyClause(fk, c.Schema)).Review("DBMIG009", "pre-checked: no orphans"));
            }
            p.UndoPostChecks.Add(_d.Check(_d.ConstraintExists(c.Schema, c.Table, fk.Name), "foreign key " + fk.Name + " was not restored", StatementRole.PostCheck));
            p.LockNotes.Add("DROP FOREIGN KEY: brief exclusive lock on " + c.Table + " and " + fk.ReferencedTable);
        }

        private CheckInfo NamedCheck(SchemaChange c)
        {
            var ck = new CheckInfo { Name = c.Check!.Name, Expression = c.Check.Expression, Validated = true };
            if (ck.Name == null) ck.Name = _d.MakeName("ck_" + c.Table + "_" + Hash(ck.Expression));
            return ck;
        }

        private void PlanAddCheck(ChangePlan p)
        {
            var c = p.Change;
            var ck = NamedCheck(c);
            RequireName(ck.Name!, "check constraint " + ck.Name);
            var table = T(c.Schema, c.Table);
            var expr = MigrationDialect.StripOuterParens(ck.Expression);
            if (!CreatedHere(c.Schema, c.Table) && !MentionsNewColumn(c.Schema, c.Table, expr))
            {
                p.PreChecks.Add(_d.Check(_d.NoRows("SELECT 1 FROM " + table + " WHERE NOT (" + expr + ")"), "rows of " + c.Table + " violate CHECK (" + expr + ")", StatementRole.PreCheck));
            }
            if (IsPg)
            {
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.CheckClause(ck) + " NOT VALID").Comment("NOT VALID + VALIDATE: no long exclusive lock."));
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Q(ck.Name!)) { OutsideTransaction = true });
            }
            else
            {
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.CheckClause(ck)).Review("DBMIG010", "pre-checked: no violating rows"));
            }
            p.PostChecks.Add(_d.Check(_d.ConstraintExists(c.Schema, c.Table, ck.Name!), "check constraint " + ck.Name + " is missing", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " DROP CONSTRAINT " + (IsPg ? "IF EXISTS " : "") + Q(ck.Name!)));
            p.UndoPostChecks.Add(_d.Check("NOT " + _d.ConstraintExists(c.Schema, c.Table, ck.Name!), "check constraint " + ck.Name + " still exists", StatementRole.PostCheck));
            p.LockNotes.Add(IsPg ? "ADD CHECK NOT VALID: brief ACCESS EXCLUSIVE; VALIDATE: SHARE UPDATE EXCLUSIVE" : "ADD CHECK: reads every row of " + c.Table);
        }

        private void PlanDropCheck(ChangePlan p)
        {
            var c = p.Change;
            var ck = c.Check!;
            if (ck.Name == null) throw new PlanningException("the check constraint has no name to drop it by");
            var table = T(c.Schema, c.Table);
            p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " DROP CONSTRAINT " + Q(ck.Name)));
            p.PostChecks.Add(_d.Check("NOT " + _d.ConstraintExists(c.Schema, c.Table, ck.Name), "check constraint " + ck.Name + " still exists", StatementRole.PostCheck));
            var expr = MigrationDialect.StripOuterParens(ck.Expression);
            p.UndoPreChecks.Add(_d.Check(_d.NoRows("SELECT 1 FROM " + table + " WHERE NOT (" + expr + ")"), "rows of " + c.Table + " now violate CHECK (" + expr + ")", StatementRole.PreCheck));
            p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " ADD " + _d.CheckClause(ck)).Review("DBMIG010", "pre-checked: no violating rows"));
            p.UndoPostChecks.Add(_d.Check(_d.ConstraintExists(c.Schema, c.Table, ck.Name), "check constraint " + ck.Name + " was not restored", StatementRole.PostCheck));
            p.LockNotes.Add("DROP CONSTRAINT: brief exclusive lock, metadata only");
        }

        private void PlanAddUnique(ChangePlan p)
        {
            var c = p.Change;
            var u = c.Unique!;
            var name = u.Name.Length > 0 ? u.Name : _d.MakeName("uq_" + c.Table + "_" + string.Join("_", u.Columns));
            RequireName(name, "unique constraint " + name);
            var table = T(c.Schema, c.Table);
            if (!CreatedHere(c.Schema, c.Table) && LiveHasColumns(c.Schema, c.Table, u.Columns))
            {
                p.PreChecks.Add(_d.Check(_d.NoDuplicates(c.Schema, c.Table, u.Columns), "duplicate values in " + c.Table + "(" + string.Join(", ", u.Columns) + ") would make the unique constraint fail", StatementRole.PreCheck));
            }
            if (IsPg)
            {
                var ix = new IndexInfo { Name = name, Unique = true };
                ix.Columns.AddRange(u.Columns.Select(x => new IndexColumnInfo { Name = x }));
                p.Forward.Add(new MigrationStatement(_d.CreateIndex(c.Schema, c.Table, ix, true)) { OutsideTransaction = true }
                    .Review("DBMIG011", "pre-checked: no duplicates").Comment("Build the unique index without blocking writes, then attach it as the constraint."));
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD CONSTRAINT " + Q(name) + " UNIQUE USING INDEX " + Q(name)) { OutsideTransaction = true });
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + Q(name)) { OutsideTransaction = true });
                p.Undo.Add(new MigrationStatement(_d.DropIndex(c.Schema, c.Table, name, true)) { OutsideTransaction = true }.Comment("Left behind when the constraint was never attached."));
                p.LockNotes.Add("CREATE UNIQUE INDEX CONCURRENTLY + ADD CONSTRAINT USING INDEX: writes continue; brief ACCESS EXCLUSIVE to attach");
            }
            else
            {
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD CONSTRAINT " + Q(name) + " UNIQUE (" + _d.ColumnList(u.Columns) + ")").Review("DBMIG011", "pre-checked: no duplicates"));
                p.Undo.Add(new MigrationStatement(_d.DropIndex(c.Schema, c.Table, name, false)));
                p.LockNotes.Add("ADD UNIQUE: online index build on InnoDB");
            }
            p.PostChecks.Add(_d.Check(_d.ConstraintExists(c.Schema, c.Table, name), "unique constraint " + name + " is missing", StatementRole.PostCheck));
            p.UndoPostChecks.Add(_d.Check("NOT " + _d.ConstraintExists(c.Schema, c.Table, name), "unique constraint " + name + " still exists", StatementRole.PostCheck));
        }

        private void PlanDropUnique(ChangePlan p)
        {
            var c = p.Change;
            var u = c.Unique!;
            var table = T(c.Schema, c.Table);
            p.Forward.Add(new MigrationStatement(IsPg ? "ALTER TABLE " + table + " DROP CONSTRAINT " + Q(u.Name) : _d.DropIndex(c.Schema, c.Table, u.Name, false)));
            p.PostChecks.Add(_d.Check("NOT " + _d.ConstraintExists(c.Schema, c.Table, u.Name), "unique constraint " + u.Name + " still exists", StatementRole.PostCheck));
            p.UndoPreChecks.Add(_d.Check(_d.NoDuplicates(c.Schema, c.Table, u.Columns), "duplicates in " + c.Table + "(" + string.Join(", ", u.Columns) + ") now block restoring the constraint", StatementRole.PreCheck));
            p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " ADD CONSTRAINT " + Q(u.Name) + " UNIQUE (" + _d.ColumnList(u.Columns) + ")").Review("DBMIG011", "pre-checked: no duplicates"));
            p.UndoPostChecks.Add(_d.Check(_d.ConstraintExists(c.Schema, c.Table, u.Name), "unique constraint " + u.Name + " was not restored", StatementRole.PostCheck));
            p.LockNotes.Add("DROP UNIQUE: brief exclusive lock");
        }

        private void PlanPrimaryKey(ChangePlan p)
        {
            var c = p.Change;
            var table = T(c.Schema, c.Table);
            var oldPk = c.OldPrimaryKey;
            var newPk = c.PrimaryKey;
            if (newPk != null && newPk.Columns.Count > 0)
            {
                p.PreChecks.Add(_d.Check(_d.NoDuplicates(c.Schema, c.Table, newPk.Columns), "duplicate keys in " + c.Table + "(" + string.Join(", ", newPk.Columns) + ")", StatementRole.PreCheck));
                foreach (var col in newPk.Columns) p.PreChecks.Add(_d.Check(_d.NoNulls(c.Schema, c.Table, col), c.Table + "." + col + " has NULLs", StatementRole.PreCheck));
            }
            if (IsPg)
            {
                var oldName = oldPk?.Name ?? c.Table + "_pkey";
                var newName = newPk?.Name ?? _d.MakeName(c.Table + "_pkey");
                if (oldPk != null && oldPk.Columns.Count > 0) p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " DROP CONSTRAINT " + Q(oldName)));
                if (newPk != null && newPk.Columns.Count > 0) p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD CONSTRAINT " + Q(newName) + " PRIMARY KEY (" + _d.ColumnList(newPk.Columns) + ")"));
                if (newPk != null && newPk.Columns.Count > 0) p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + Q(newName)));
                if (oldPk != null && oldPk.Columns.Count > 0) p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " ADD CONSTRAINT " + Q(oldName) + " PRIMARY KEY (" + _d.ColumnList(oldPk.Columns) + ")"));
            }
            else
            {
                var parts = new List<string>();
                if (oldPk != null && oldPk.Columns.Count > 0) parts.Add("DROP PRIMARY KEY");
                if (newPk != null && newPk.Columns.Count > 0) parts.Add("ADD PRIMARY KEY (" + _d.ColumnList(newPk.Columns) + ")");
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " " + string.Join(", ", parts)));
                var back = new List<string>();
                if (newPk != null && newPk.Columns.Count > 0) back.Add("DROP PRIMARY KEY");
                if (oldPk != null && oldPk.Columns.Count > 0) back.Add("ADD PRIMARY KEY (" + _d.ColumnList(oldPk.Columns) + ")");
                p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " " + string.Join(", ", back)));
            }
            p.PostChecks.Add(_d.Check(_d.TableExists(c.Schema, c.Table), "table " + c.Table + " is missing", StatementRole.PostCheck));
            p.LockNotes.Add("PRIMARY KEY change: exclusive lock while the key index is rebuilt over every row");
            p.DataMigration = true;
        }
    }
}
