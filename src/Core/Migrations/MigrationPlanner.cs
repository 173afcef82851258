using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    public sealed class PlannerOptions
    {
        /// <summary>yyyyMMdd_HHmmss of the migration: names backup tables.</summary>
        public string Stamp { get; set; } = DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

        /// <summary>PostgreSQL lock_timeout for the migration session (0: none).</summary>
        public int LockTimeoutSeconds { get; set; } = 5;

        /// <summary>PostgreSQL server major version when known (ALTER TYPE … ADD VALUE is transactional from 12).</summary>
        public int? ServerMajorVersion { get; set; }
    }

    /// <summary>
    /// Turns classified changes into per-engine statements with their undo, checks and
    /// data-loss warnings, using each engine's safe patterns: nullable add → backfill →
    /// NOT NULL; CREATE INDEX CONCURRENTLY and NOT VALID + VALIDATE on PostgreSQL;
    /// ALTER TYPE … ADD VALUE; MySQL ENUM redefinition keeping existing labels; SQLite's
    /// table-rebuild procedure for what its ALTER TABLE cannot do.
    /// </summary>
    public sealed partial class MigrationPlanner
    {
        private readonly MigrationDialect _d;
        private readonly string _provider;
        private readonly IDatabaseFacts _facts;
        private readonly PlannerOptions _o;
        private readonly MigrationPlan _plan;
        private readonly HashSet<string> _createdTables = new HashSet<string>(StringComparer.Ordinal);
        private List<SchemaChange> _all = new List<SchemaChange>();

        private MigrationPlanner(string provider, IDatabaseFacts facts, PlannerOptions options)
        {
            _provider = provider;
            _d = MigrationDialect.For(provider);
            _facts = facts;
            _o = options;
            _plan = new MigrationPlan { Provider = provider };
        }

        public static MigrationPlan Plan(IList<SchemaChange> changes, string provider, IDatabaseFacts facts, PlannerOptions? options = null)
        {
            var p = new MigrationPlanner(provider, facts, options ?? new PlannerOptions());
            p.Run(changes.ToList());
            return p._plan;
        }

        private bool IsPg => _provider == SqlProviders.Postgres;
        private bool IsMy => _provider == SqlProviders.MySql;
        private bool IsLite => _provider == SqlProviders.Sqlite;

        private string T(string schema, string table) => _d.Table(schema, table);
        private string Q(string name) => _d.Quote(name);
        private string L(string value) => _d.Literal(value);

        private void Run(List<SchemaChange> changes)
        {
            MigrationOrder.Sort(changes);
            _all = changes;
            foreach (var c in changes) ChangeClassifier.Classify(c, _provider, _facts);
            foreach (var c in changes.Where(c => c.Kind == ChangeKind.CreateTable)) _createdTables.Add(Key(c.Schema, c.Table));

            var rebuilds = IsLite ? SqliteRebuildGroups(changes) : new Dictionary<string, List<SchemaChange>>();
            var done = new HashSet<SchemaChange>();
            var number = 0;
            foreach (var c in changes)
            {
                if (done.Contains(c)) continue;
                var p = new ChangePlan(c, ++number);
                _plan.Changes.Add(p);
                try
                {
                    if (IsLite && rebuilds.TryGetValue(Key(c.Schema, c.Table), out var group) && group.Contains(c))
                    {
                        PlanSqliteRebuild(p, group);
                        foreach (var g in group) done.Add(g);
                        rebuilds.Remove(Key(c.Schema, c.Table));
                    }
                    else
                    {
                        PlanOne(p);
                    }
                }
                catch (PlanningException ex)
                {
                    Defer(p, ex.Message);
                }
                foreach (var s in p.Forward.Concat(p.PreChecks).Concat(p.PostChecks).Concat(p.Undo).Concat(p.UndoPreChecks).Concat(p.UndoPostChecks))
                {
                    s.Change = p.Number;
                }
            }

            if (IsPg && _o.LockTimeoutSeconds > 0 && _plan.Generated.Any())
            {
                var lt = "SET lock_timeout = '" + _o.LockTimeoutSeconds.ToString(CultureInfo.InvariantCulture) + "s'";
                _plan.Prologue.Add(new MigrationStatement(lt, StatementRole.Session).Comment("Give up instead of queueing behind long transactions (and blocking everyone queued behind us)."));
                _plan.RollbackPrologue.Add(new MigrationStatement(lt, StatementRole.Session));
            }
            if (IsMy && _plan.Generated.Any())
            {
                _plan.Notes.Add("MySQL/MariaDB commit DDL implicitly: statements apply one by one. If one fails, SchemaDriftPush runs the rollback steps of the changes already applied (the _rollback.sql file holds them) and marks the migration BLOCKED.");
            }
        }

        private static string Key(string schema, string table) => schema + "\u0001" + table;

        private void Defer(ChangePlan p, string why)
        {
            p.Deferred = why;
            p.Forward.Clear();
            p.Undo.Clear();
            p.PreChecks.Clear();
            p.PostChecks.Clear();
            p.UndoPreChecks.Clear();
            p.UndoPostChecks.Clear();
            p.DataLoss.Clear();
            _plan.Deferred.Add(p.Change.Describe() + ": " + why);
        }

        private sealed class PlanningException : Exception
        {
            public PlanningException(string message) : base(message)
            {
            }
        }

        private void RequireName(string name, string what)
        {
            var problem = _d.NameProblem(name);
            if (problem != null) throw new PlanningException(what + " cannot be created: " + problem);
        }

        private long? Rows(string schema, string table) =>
            TableExistsLive(schema, table) ? _facts.Count(_d.CountRows(schema, table)) : (long?)null;

        private bool TableExistsLive(string schema, string table) =>
            _facts.Live != null && _facts.Live.Tables.Any(t => SameName(t.Name, table) && (!IsPg || t.Schema == schema));

        private bool SameName(string a, string b) => IsPg ? a == b : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private TableInfo? LiveTable(string schema, string table) =>
            _facts.Live?.Tables.FirstOrDefault(t => SameName(t.Name, table) && (!IsPg || t.Schema == schema));

        private bool CreatedHere(string schema, string table) => _createdTables.Contains(Key(schema, table));

        private static string Count(long? n) => n == null ? "unknown (no database at generation time)" : SchemaDiffer.Count(n.Value);

        private void PlanOne(ChangePlan p)
        {
            var c = p.Change;
            switch (c.Kind)
            {
                case ChangeKind.CreateTable: PlanCreateTable(p); break;
                case ChangeKind.DropTable: PlanDropTable(p); break;
                case ChangeKind.RenameTable: PlanRenameTable(p); break;
                case ChangeKind.AddColumn: PlanAddColumn(p); break;
                case ChangeKind.DropColumn: PlanDropColumn(p); break;
                case ChangeKind.RenameColumn: PlanRenameColumn(p); break;
                case ChangeKind.AlterColumnType: PlanAlterType(p); break;
                case ChangeKind.AlterColumnNullability: PlanNullability(p); break;
                case ChangeKind.AlterColumnDefault: PlanDefault(p); break;
                case ChangeKind.CreateIndex: PlanCreateIndex(p); break;
                case ChangeKind.DropIndex: PlanDropIndex(p); break;
                case ChangeKind.AddForeignKey: PlanAddForeignKey(p); break;
                case ChangeKind.DropForeignKey: PlanDropForeignKey(p); break;
                case ChangeKind.AddCheck: PlanAddCheck(p); break;
                case ChangeKind.DropCheck: PlanDropCheck(p); break;
                case ChangeKind.AddUnique: PlanAddUnique(p); break;
                case ChangeKind.DropUnique: PlanDropUnique(p); break;
                case ChangeKind.AlterPrimaryKey: PlanPrimaryKey(p); break;
                case ChangeKind.CreateEnum: PlanCreateEnum(p); break;
                case ChangeKind.DropEnum: PlanDropEnum(p); break;
                case ChangeKind.AddEnumValue: PlanAddEnumValue(p); break;
                case ChangeKind.RemoveEnumValue:
                case ChangeKind.ReorderEnumValues:
                    PlanRedefineEnum(p);
                    break;
                default:
                    throw new PlanningException("no generator for " + c.Kind);
            }
        }

        // ------------------------------------------------------------------ tables

        private void PlanCreateTable(ChangePlan p)
        {
            var c = p.Change;
            var t = SnapshotCopy.Table(c.TableDefinition!);
            RequireName(t.Name, "table " + t.Name);
            foreach (var col in t.Columns)
            {
                RequireName(col.Name, "column " + col.Name);
                if (IsPg && col.Identity == null && col.Default != null && col.Default.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase))
                {
                    // The serial's sequence does not exist in the target: an identity column is the modern equivalent.
                    col.Default = null;
                    col.Identity = "by_default";
                    _plan.Notes.Add(ChangeText.Name(t.Schema, t.Name) + "." + col.Name + ": serial default replaced by GENERATED BY DEFAULT AS IDENTITY (its sequence does not exist in the target).");
                }
            }
            foreach (var ix in t.Indexes.Where(i => !i.Primary)) RequireName(ix.Name, "index " + ix.Name);
            foreach (var fk in t.ForeignKeys.Where(f => f.Name.Length > 0 && !IsLite)) RequireName(fk.Name, "foreign key " + fk.Name);
            foreach (var u in t.UniqueConstraints.Where(u => !IsLite)) RequireName(u.Name, "unique constraint " + u.Name);
            if (t.Indexes.Any(i => i.Columns.Any(k => k.Expression == "<expression>")))
            {
                throw new PlanningException("an expression index of the table is not known in full (the snapshot does not keep its expression)");
            }

            // Foreign keys to tables this migration creates later (a cycle) are added afterwards.
            var later = new List<ForeignKeyInfo>();
            if (!IsLite)
            {
                var index = _plan.Changes.Count;
                foreach (var fk in t.ForeignKeys)
                {
                    var target = Key(fk.ReferencedSchema ?? t.Schema, fk.ReferencedTable);
                    var createdLater = _createdTables.Contains(target) && !_plan.Changes.Any(x => x.Change.Kind == ChangeKind.CreateTable && Key(x.Change.Schema, x.Change.Table) == target);
                    if (createdLater && target != Key(t.Schema, t.Name)) later.Add(fk);
                }
            }

            p.PreChecks.Add(_d.Check("NOT " + _d.TableExists(t.Schema, t.Name), "table " + t.Name + " already exists", StatementRole.PreCheck));
            p.Forward.Add(new MigrationStatement(_d.CreateTable(t, null, later)).Comment("New table " + t.Name + " (" + t.Columns.Count + " columns)."));
            if (!IsMy)
            {
                foreach (var ix in t.Indexes.Where(i => !i.Primary && !t.UniqueConstraints.Any(u => SameName(u.Name, i.Name))))
                {
                    p.Forward.Add(new MigrationStatement(_d.CreateIndex(t.Schema, t.Name, ix, false))
                        .Review("DBMIG007", "the table is new and empty: a plain build takes no time"));
                }
            }
            foreach (var fk in later)
            {
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + T(t.Schema, t.Name) + " ADD " + _d.ForeignKeyClause(fk, t.Schema))
                    .Comment("Added after the referenced table exists.")
                    .Review("DBMIG009", "both tables are new and empty"));
            }
            p.PostChecks.Add(_d.Check(_d.TableExists(t.Schema, t.Name), "table " + t.Name + " was not created", StatementRole.PostCheck));
            foreach (var col in t.Columns)
            {
                p.PostChecks.Add(_d.Check(_d.ColumnExists(t.Schema, t.Name, col.Name), "column " + t.Name + "." + col.Name + " was not created", StatementRole.PostCheck));
            }
            p.Undo.Add(new MigrationStatement("DROP TABLE IF EXISTS " + T(t.Schema, t.Name))
                .Review("DBMIG001", "drops only the table this migration created")
                .Comment("Drops the table the migration created."));
            p.UndoPostChecks.Add(_d.Check("NOT " + _d.TableExists(t.Schema, t.Name), "table " + t.Name + " still exists", StatementRole.PostCheck));
            p.DataLoss.Add(new DataLossWarning
            {
                InRollback = true, Table = ChangeText.Name(t.Schema, t.Name), AffectedRows = 0,
                What = "the rollback drops table " + t.Name + ": rows written to it after the push are lost (0 today: the table is new)",
                Keep = "export them first: SELECT * FROM " + T(t.Schema, t.Name),
            });
            c.RollbackDestructive = true;
            p.LockNotes.Add("CREATE TABLE: no lock on existing tables" + (t.ForeignKeys.Count > 0 ? " (foreign keys take a short SHARE ROW EXCLUSIVE lock on the referenced tables)" : ""));
        }

        private string BackupName(string table) => _d.MakeName(NameComparer.BackupPrefix + _o.Stamp + "_" + table);

        private void PlanDropTable(ChangePlan p)
        {
            var c = p.Change;
            var t = c.TableDefinition!;
            var rows = Rows(t.Schema, t.Name);
            var backup = BackupName(t.Name);
            p.PreChecks.Add(_d.Check(_d.TableExists(t.Schema, t.Name), "table " + t.Name + " does not exist", StatementRole.PreCheck));
            var keepData = rows != 0;
            if (keepData)
            {
                p.Forward.Add(new MigrationStatement(CreateTableAs(t.Schema, backup, "SELECT * FROM " + T(t.Schema, t.Name)))
                    .Comment("Keep the data: the rollback restores it from this backup table (drop it yourself once you are sure)."));
                p.DataMigration = true;
            }
            p.Forward.Add(new MigrationStatement("DROP TABLE " + T(t.Schema, t.Name)) { Destructive = "drops table " + t.Name + " (" + Count(rows) + " rows)" });
            p.PostChecks.Add(_d.Check("NOT " + _d.TableExists(t.Schema, t.Name), "table " + t.Name + " still exists", StatementRole.PostCheck));
            p.DataLoss.Add(new DataLossWarning
            {
                Table = ChangeText.Name(t.Schema, t.Name), AffectedRows = rows,
                What = "DROP TABLE " + t.Name,
                Keep = keepData ? "the migration copies the rows to backup table " + backup + " first; the rollback restores them" : "the table is empty",
            });

            var restored = SnapshotCopy.Table(t);
            p.Undo.Add(new MigrationStatement(_d.CreateTable(restored)).Comment("Re-create " + t.Name + "."));
            if (!IsMy)
            {
                foreach (var ix in t.Indexes.Where(i => !i.Primary && !t.UniqueConstraints.Any(u => SameName(u.Name, i.Name))))
                {
                    p.Undo.Add(new MigrationStatement(_d.CreateIndex(t.Schema, t.Name, ix, false)).Review("DBMIG007", "re-creating the index of a re-created table"));
                }
            }
            if (keepData)
            {
                var cols = t.Columns.Where(x => x.Generated == null).Select(x => x.Name).ToList();
                var overriding = IsPg && t.Columns.Any(x => x.Identity == "always") ? " OVERRIDING SYSTEM VALUE" : "";
                p.Undo.Add(new MigrationStatement("INSERT INTO " + T(t.Schema, t.Name) + " (" + _d.ColumnList(cols) + ")" + overriding +
                                                  " SELECT " + _d.ColumnList(cols) + " FROM " + T(t.Schema, backup)).Comment("Restore the rows from the backup."));
                p.Undo.Add(new MigrationStatement("DROP TABLE " + T(t.Schema, backup)).Review("DBMIG001", "the backup table, after its rows were restored"));
            }
            p.UndoPostChecks.Add(_d.Check(_d.TableExists(t.Schema, t.Name), "table " + t.Name + " was not re-created", StatementRole.PostCheck));
            p.LockNotes.Add("DROP TABLE: ACCESS EXCLUSIVE on " + t.Name + " (brief)" + (keepData ? "; the backup copy reads every row first" : ""));
        }

        private string CreateTableAs(string schema, string name, string select) => "CREATE TABLE " + T(schema, name) + " AS " + select;

        private void PlanRenameTable(ChangePlan p)
        {
            var c = p.Change;
            RequireName(c.NewName!, "table " + c.NewName);
            p.PreChecks.Add(_d.Check(_d.TableExists(c.Schema, c.OldName!) + " AND NOT " + _d.TableExists(c.Schema, c.NewName!),
                "table " + c.OldName + " must exist and " + c.NewName + " must not", StatementRole.PreCheck));
            p.Forward.Add(new MigrationStatement(RenameTableSql(c.Schema, c.OldName!, c.NewName!))
                .Review("DBMIG003", "detected rename: keeps the data; update code that uses the old name")
                .Comment("Rename, not drop + create: the data stays."));
            p.PostChecks.Add(_d.Check(_d.TableExists(c.Schema, c.NewName!), "table " + c.NewName + " does not exist", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement(RenameTableSql(c.Schema, c.NewName!, c.OldName!)).Review("DBMIG003", "undoes the rename"));
            p.UndoPostChecks.Add(_d.Check(_d.TableExists(c.Schema, c.OldName!), "table " + c.OldName + " does not exist", StatementRole.PostCheck));
            p.LockNotes.Add("RENAME TABLE: brief exclusive lock, metadata only");
        }

        private string RenameTableSql(string schema, string from, string to) =>
            IsMy ? "RENAME TABLE " + T(schema, from) + " TO " + T(schema, to) : "ALTER TABLE " + T(schema, from) + " RENAME TO " + Q(to);

        // ------------------------------------------------------------------ columns

        private IList<string>? EnumLabels(ColumnInfo col)
        {
            if (col.EnumValues != null) return col.EnumValues;
            if (col.EnumType == null || _facts.Live == null) return null;
            var (s, n) = PostgresDialect.SplitEnum(col.EnumType, _facts.Live.DefaultSchema);
            return _facts.Live.Enums.FirstOrDefault(e => e.Schema == s && e.Name == n)?.Values;
        }

        private void PlanAddColumn(ChangePlan p)
        {
            var c = p.Change;
            var col = c.Column!;
            RequireName(col.Name, "column " + col.Name);
            var table = T(c.Schema, c.Table);
            var rows = Rows(c.Schema, c.Table);
            p.PreChecks.Add(_d.Check(_d.TableExists(c.Schema, c.Table) + " AND NOT " + _d.ColumnExists(c.Schema, c.Table, col.Name),
                "table " + c.Table + " must exist without a column " + col.Name, StatementRole.PreCheck));

            var hasDefault = _d.DefaultSql(col) != null;
            var needsBackfill = !col.Nullable && !hasDefault && col.Identity == null && col.Generated == null && rows != 0;
            if (needsBackfill)
            {
                var backfill = c.Backfill ?? _d.ZeroValue(col, EnumLabels(col));
                if (backfill == null)
                {
                    throw new PlanningException("NOT NULL column " + col.Name + " without default on a table with data, and no value to backfill existing rows with for type " + col.Type +
                                                "; give the column a default (or make it nullable) and generate again");
                }
                c.Backfill = backfill;
                p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " ADD COLUMN " + _d.ColumnDefinition(col, null, forceNullable: true))
                    .Comment("Safe pattern for NOT NULL without default on a populated table: add nullable, backfill, then set NOT NULL."));
                p.Forward.Add(new MigrationStatement("UPDATE " + table + " SET " + Q(col.Name) + " = " + backfill + " WHERE " + Q(col.Name) + " IS NULL")
                    .Comment("Existing rows (" + Count(rows) + ") get " + backfill + " (the CLR default, as EF Core does): edit this value if it is wrong for your data."));
                p.Forward.Add(SetNotNull(c.Schema, c.Table, col).Review("DBMIG006", "the column was backfilled in the statement before"));
                p.DataMigration = true;
                p.LockNotes.Add((IsPg ? "ACCESS EXCLUSIVE on " : "table lock on ") + c.Table + " while the backfill rewrites " + Count(rows) + " rows");
            }
            else
            {
                var s = new MigrationStatement("ALTER TABLE " + table + " ADD COLUMN " + _d.ColumnDefinition(col, null));
                if (!col.Nullable && !hasDefault) s.Review("DBMIG005", rows == 0 ? "the table is empty (0 rows at generation)" : "identity/generated column");
                p.Forward.Add(s);
                p.LockNotes.Add(IsPg ? "ADD COLUMN: ACCESS EXCLUSIVE on " + c.Table + ", metadata only (PostgreSQL 11+ stores constant defaults without a rewrite)"
                    : IsMy ? "ADD COLUMN: ALGORITHM=INSTANT on MySQL 8.0.12+/MariaDB 10.3+ (otherwise an in-place rebuild of " + c.Table + ")"
                    : "ADD COLUMN: writes the schema only");
            }
            if (IsLite && !SqliteCanAdd(col))
            {
                throw new PlanningException("internal: SQLite add column needs a rebuild"); // routed to the rebuild earlier
            }
            p.PostChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " was not added", StatementRole.PostCheck));
            if (!col.Nullable) p.PostChecks.Add(_d.Check(_d.ColumnIsNotNull(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " is not NOT NULL", StatementRole.PostCheck));

            p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " DROP COLUMN " + (IsPg ? "IF EXISTS " : "") + Q(col.Name))
                .Review("DBMIG002", "drops only the column this migration added"));
            p.UndoPostChecks.Add(_d.Check("NOT " + _d.ColumnExists(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " still exists", StatementRole.PostCheck));
            c.RollbackDestructive = true;
            p.DataLoss.Add(new DataLossWarning
            {
                InRollback = true, Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = rows,
                What = "the rollback drops column " + c.Table + "." + col.Name + ": values written to it after the push are lost (" + Count(rows) + " rows in the table today)",
                Keep = "export first: SELECT <primary key>, " + Q(col.Name) + " FROM " + table,
            });
        }

        private MigrationStatement SetNotNull(string schema, string table, ColumnInfo col)
        {
            if (IsPg) return new MigrationStatement("ALTER TABLE " + T(schema, table) + " ALTER COLUMN " + Q(col.Name) + " SET NOT NULL");
            if (IsMy) return new MigrationStatement(((MySqlDialect)_d).Modify(schema, table, col));
            throw new PlanningException("internal: SQLite SET NOT NULL needs a rebuild");
        }

        private MigrationStatement DropNotNull(string schema, string table, ColumnInfo col)
        {
            if (IsPg) return new MigrationStatement("ALTER TABLE " + T(schema, table) + " ALTER COLUMN " + Q(col.Name) + " DROP NOT NULL");
            var nullable = SnapshotCopy.Column(col);
            nullable.Nullable = true;
            if (IsMy) return new MigrationStatement(((MySqlDialect)_d).Modify(schema, table, nullable));
            throw new PlanningException("internal: SQLite DROP NOT NULL needs a rebuild");
        }

        /// <summary>What SQLite's ALTER TABLE ADD COLUMN accepts.</summary>
        private bool SqliteCanAdd(ColumnInfo col)
        {
            if (col.PrimaryKey) return false;
            var d = _d.DefaultSql(col);
            if (d != null && (d.StartsWith("(", StringComparison.Ordinal) || d.StartsWith("CURRENT_", StringComparison.OrdinalIgnoreCase))) return false;
            if (!col.Nullable && d == null && col.Generated == null) return false;
            if (col.Generated == "stored") return false;
            return true;
        }

        private void PlanDropColumn(ChangePlan p)
        {
            var c = p.Change;
            var col = c.OldColumn!;
            var table = T(c.Schema, c.Table);
            var before = c.TableDefinition ?? LiveTable(c.Schema, c.Table);
            var values = TableExistsLive(c.Schema, c.Table) ? _facts.Count(_d.CountNonNull(c.Schema, c.Table, col.Name)) : null;
            var pk = before?.PrimaryKey?.Columns.Where(x => !SameName(x, col.Name)).ToList();
            var backup = BackupName(c.Table + "_" + col.Name);
            var keep = values != 0 && pk != null && pk.Count > 0;
            p.PreChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " does not exist", StatementRole.PreCheck));
            if (keep)
            {
                p.Forward.Add(new MigrationStatement(CreateTableAs(c.Schema, backup, "SELECT " + _d.ColumnList(pk!.Concat(new[] { col.Name })) + " FROM " + table))
                    .Comment("Keep the values: the rollback restores them from this backup table (drop it yourself once you are sure)."));
                p.DataMigration = true;
            }
            p.Forward.Add(new MigrationStatement("ALTER TABLE " + table + " DROP COLUMN " + Q(col.Name)) { Destructive = "drops column " + c.Table + "." + col.Name + " (" + Count(values) + " values)" });
            p.PostChecks.Add(_d.Check("NOT " + _d.ColumnExists(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " still exists", StatementRole.PostCheck));
            p.DataLoss.Add(new DataLossWarning
            {
                Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = values,
                What = "DROP COLUMN " + c.Table + "." + col.Name + " (" + Count(values) + " rows hold a value)",
                Keep = keep ? "the migration copies (primary key, " + col.Name + ") to backup table " + backup + " first; the rollback restores them"
                    : values == 0 ? "no row holds a value" : "export first: SELECT * FROM " + table + " (the table has no primary key to restore by)",
            });
            var readd = SnapshotCopy.Column(col);
            var restoreNotNull = !col.Nullable && _d.DefaultSql(col) == null;
            p.Undo.Add(new MigrationStatement("ALTER TABLE " + table + " ADD COLUMN " + _d.ColumnDefinition(readd, null, forceNullable: restoreNotNull)));
            if (keep)
            {
                var join = string.Join(" AND ", pk!.Select(k => "b." + Q(k) + " = " + table + "." + Q(k)));
                p.Undo.Add(new MigrationStatement("UPDATE " + table + " SET " + Q(col.Name) + " = (SELECT b." + Q(col.Name) + " FROM " + T(c.Schema, backup) + " b WHERE " + join + ")")
                    .Comment("Restore the values from the backup."));
                p.Undo.Add(new MigrationStatement("DROP TABLE " + T(c.Schema, backup)).Review("DBMIG001", "the backup table, after its values were restored"));
            }
            if (restoreNotNull && !IsLite) p.Undo.Add(SetNotNull(c.Schema, c.Table, col).Review("DBMIG006", "values restored from the backup"));
            p.UndoPostChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " was not re-created", StatementRole.PostCheck));
            p.LockNotes.Add(IsPg ? "DROP COLUMN: ACCESS EXCLUSIVE on " + c.Table + ", metadata only" : IsMy ? "DROP COLUMN: table rebuild of " + c.Table + " (in place)" : "DROP COLUMN rewrites the table");
        }

        private void PlanRenameColumn(ChangePlan p)
        {
            var c = p.Change;
            RequireName(c.NewName!, "column " + c.NewName);
            p.PreChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, c.OldName!) + " AND NOT " + _d.ColumnExists(c.Schema, c.Table, c.NewName!),
                "column " + c.Table + "." + c.OldName + " must exist and " + c.NewName + " must not", StatementRole.PreCheck));
            p.Forward.Add(new MigrationStatement("ALTER TABLE " + T(c.Schema, c.Table) + " RENAME COLUMN " + Q(c.OldName!) + " TO " + Q(c.NewName!))
                .Review("DBMIG003", "rename keeps the data; update code that uses the old name")
                .Comment("Rename, not drop + add: the data stays."));
            p.PostChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, c.NewName!), "column " + c.Table + "." + c.NewName + " does not exist", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement("ALTER TABLE " + T(c.Schema, c.Table) + " RENAME COLUMN " + Q(c.NewName!) + " TO " + Q(c.OldName!)).Review("DBMIG003", "undoes the rename"));
            p.UndoPostChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, c.OldName!), "column " + c.Table + "." + c.OldName + " does not exist", StatementRole.PostCheck));
            p.LockNotes.Add("RENAME COLUMN: brief exclusive lock, metadata only");
        }

        /// <summary>Pre-check that every value fits a narrower type, or null when nothing can be checked.</summary>
        private string? FitsCondition(string schema, string table, ColumnInfo from, ColumnInfo to)
        {
            var tf = TypeChanges.FamilyOf(_provider, to);
            var ff = TypeChanges.FamilyOf(_provider, from);
            if (tf == Types.TypeFamily.String && TypeChanges.Length(to) is int max) return _d.AllFit(schema, table, to.Name, max);
            if (TypeChanges.IntRange(tf) is { } range && ff != Types.TypeFamily.String)
            {
                return _d.NoRows("SELECT 1 FROM " + T(schema, table) + " WHERE " + Q(from.Name) + " < " + range.Min + " OR " + Q(from.Name) + " > " + range.Max);
            }
            return null;
        }

        private void PlanAlterType(ChangePlan p)
        {
            var c = p.Change;
            var from = c.OldColumn!;
            var to = c.Column!;
            var widening = TypeChanges.IsWidening(_provider, from, to);
            var rows = Rows(c.Schema, c.Table);
            p.PreChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, from.Name), "column " + c.Table + "." + from.Name + " does not exist", StatementRole.PreCheck));
            if (!widening && FitsCondition(c.Schema, c.Table, from, to) is { } fits)
            {
                p.PreChecks.Add(_d.Check(fits, "values of " + c.Table + "." + from.Name + " do not fit " + to.Type, StatementRole.PreCheck));
            }
            var alter = AlterTypeSql(c.Schema, c.Table, from, to).Review("DBMIG004", widening ? "widening: every value fits" : "pre-checked: values fit the new type");
            if (!widening) alter.Destructive = "converts " + c.Table + "." + from.Name + " from " + from.Type + " to " + to.Type;
            p.Forward.Add(alter);
            p.PostChecks.Add(TypeIsCheck(c.Schema, c.Table, to));
            if (FitsCondition(c.Schema, c.Table, to, from) is { } fitsBack)
            {
                p.UndoPreChecks.Add(_d.Check(fitsBack, "values of " + c.Table + "." + to.Name + " no longer fit " + from.Type + ": the rollback would truncate them", StatementRole.PreCheck));
            }
            p.Undo.Add(AlterTypeSql(c.Schema, c.Table, to, from).Review("DBMIG004", "restores the previous type; pre-checked"));
            p.UndoPostChecks.Add(TypeIsCheck(c.Schema, c.Table, from));
            p.DataMigration = !widening || IsMy;
            if (!widening)
            {
                p.DataLoss.Add(new DataLossWarning { Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = rows, What = "type change " + from.Type + " -> " + to.Type + " converts " + Count(rows) + " rows", Keep = "the pre-check refuses values that do not fit" });
            }
            else
            {
                c.RollbackDestructive = true;
                p.DataLoss.Add(new DataLossWarning { InRollback = true, Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = rows, What = "the rollback narrows " + c.Table + "." + to.Name + " back to " + from.Type, Keep = "the rollback's pre-check refuses to run when values no longer fit" });
            }
            p.LockNotes.Add(IsPg ? "ALTER COLUMN TYPE: ACCESS EXCLUSIVE on " + c.Table + (PgRewriteFree(from, to) ? ", metadata only" : ", rewrites " + Count(rows) + " rows and rebuilds its indexes")
                : "MODIFY COLUMN: copies " + c.Table + " (" + Count(rows) + " rows); concurrent writes blocked");
        }

        private static bool PgRewriteFree(ColumnInfo from, ColumnInfo to)
        {
            var f = TypeChanges.FamilyOf(SqlProviders.Postgres, from);
            var t = TypeChanges.FamilyOf(SqlProviders.Postgres, to);
            return f == Types.TypeFamily.String && t == Types.TypeFamily.String && TypeChanges.IsWidening(SqlProviders.Postgres, from, to);
        }

        private MigrationStatement AlterTypeSql(string schema, string table, ColumnInfo from, ColumnInfo to)
        {
            if (IsPg)
            {
                var type = _d.ColumnType(to);
                var sameFamily = TypeChanges.FamilyOf(_provider, from) == TypeChanges.FamilyOf(_provider, to);
                var cast = to.EnumType != null ? Q(from.Name) + "::text::" + type : Q(from.Name) + "::" + type;
                return new MigrationStatement("ALTER TABLE " + T(schema, table) + " ALTER COLUMN " + Q(from.Name) + " TYPE " + type + (sameFamily ? "" : " USING " + cast));
            }
            if (IsMy)
            {
                var def = SnapshotCopy.Column(to);
                def.Name = from.Name;
                return new MigrationStatement(((MySqlDialect)_d).Modify(schema, table, def));
            }
            throw new PlanningException("internal: SQLite type change needs a rebuild");
        }

        private MigrationStatement TypeIsCheck(string schema, string table, ColumnInfo col)
        {
            if (IsPg)
            {
                return _d.Check(((PostgresDialect)_d).ColumnHasType(schema, table, col.Name, _d.ColumnType(col)), "column " + table + "." + col.Name + " does not have type " + col.Type, StatementRole.PostCheck);
            }
            if (IsMy) return _d.Check(((MySqlDialect)_d).ColumnTypeIs(table, col.Name, col.Type), "column " + table + "." + col.Name + " does not have type " + col.Type, StatementRole.PostCheck);
            return _d.Check(((SqliteDialect)_d).ColumnTypeIs(table, col.Name, col.Type), "column " + table + "." + col.Name + " does not have type " + col.Type, StatementRole.PostCheck);
        }

        private void PlanNullability(ChangePlan p)
        {
            var c = p.Change;
            var col = c.Column!;
            var table = T(c.Schema, c.Table);
            if (!col.Nullable)
            {
                var nulls = TableExistsLive(c.Schema, c.Table) ? _facts.Count(_d.CountNull(c.Schema, c.Table, col.Name)) : null;
                var def = _d.DefaultSql(col);
                if (def != null && nulls != 0)
                {
                    p.Forward.Add(new MigrationStatement("UPDATE " + table + " SET " + Q(col.Name) + " = " + def + " WHERE " + Q(col.Name) + " IS NULL")
                        .Comment("Backfill NULLs (" + Count(nulls) + " rows at generation) with the column default before NOT NULL."));
                    p.DataMigration = true;
                    p.DataLoss.Add(new DataLossWarning
                    {
                        InRollback = true, Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = nulls,
                        What = "the backfill replaces NULL with " + def + " in " + Count(nulls) + " rows; the rollback drops NOT NULL but cannot bring those NULLs back",
                        Keep = "export first: SELECT <primary key> FROM " + table + " WHERE " + Q(col.Name) + " IS NULL",
                    });
                }
                else
                {
                    p.PreChecks.Add(_d.Check(_d.NoNulls(c.Schema, c.Table, col.Name), c.Table + "." + col.Name + " has NULLs (" + Count(nulls) + " at generation): fill them before making it NOT NULL", StatementRole.PreCheck));
                }
                p.Forward.Add(SetNotNull(c.Schema, c.Table, col).Review("DBMIG006", def != null ? "backfilled with the default first" : "pre-checked: no NULLs"));
                p.PostChecks.Add(_d.Check(_d.ColumnIsNotNull(c.Schema, c.Table, col.Name), c.Table + "." + col.Name + " is still nullable", StatementRole.PostCheck));
                p.Undo.Add(DropNotNull(c.Schema, c.Table, col));
                p.UndoPostChecks.Add(_d.Check("NOT " + _d.ColumnIsNotNull(c.Schema, c.Table, col.Name), c.Table + "." + col.Name + " is still NOT NULL", StatementRole.PostCheck));
                p.LockNotes.Add(IsPg ? "SET NOT NULL: ACCESS EXCLUSIVE on " + c.Table + " while every row is scanned" : "MODIFY COLUMN: copies " + c.Table);
            }
            else
            {
                var old = c.OldColumn ?? col;
                p.Forward.Add(DropNotNull(c.Schema, c.Table, old));
                p.PostChecks.Add(_d.Check("NOT " + _d.ColumnIsNotNull(c.Schema, c.Table, col.Name), c.Table + "." + col.Name + " is still NOT NULL", StatementRole.PostCheck));
                p.UndoPreChecks.Add(_d.Check(_d.NoNulls(c.Schema, c.Table, col.Name), c.Table + "." + col.Name + " holds NULLs now: the rollback cannot restore NOT NULL", StatementRole.PreCheck));
                var notNull = SnapshotCopy.Column(old);
                notNull.Nullable = false;
                p.Undo.Add(SetNotNull(c.Schema, c.Table, notNull).Review("DBMIG006", "pre-checked: no NULLs"));
                p.UndoPostChecks.Add(_d.Check(_d.ColumnIsNotNull(c.Schema, c.Table, col.Name), c.Table + "." + col.Name + " is still nullable", StatementRole.PostCheck));
                p.LockNotes.Add(IsPg ? "DROP NOT NULL: brief ACCESS EXCLUSIVE, metadata only" : "MODIFY COLUMN: copies " + c.Table);
            }
        }

        private void PlanDefault(ChangePlan p)
        {
            var c = p.Change;
            var col = c.Column!;
            var old = c.OldColumn!;
            p.Forward.Add(DefaultSql(c.Schema, c.Table, col));
            p.Undo.Add(DefaultSql(c.Schema, c.Table, old));
            p.PostChecks.Add(_d.Check(_d.ColumnExists(c.Schema, c.Table, col.Name), "column " + c.Table + "." + col.Name + " does not exist", StatementRole.PostCheck));
            p.LockNotes.Add("SET/DROP DEFAULT: brief exclusive lock, metadata only");
        }

        private MigrationStatement DefaultSql(string schema, string table, ColumnInfo col)
        {
            var d = _d.DefaultSql(col);
            return new MigrationStatement("ALTER TABLE " + T(schema, table) + " ALTER COLUMN " + Q(col.Name) + (d == null ? " DROP DEFAULT" : " SET DEFAULT " + d));
        }
    }
}
