using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    public sealed partial class MigrationPlanner
    {
        private readonly Dictionary<string, List<string>> _enumState = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        /// <summary>Labels of an enum (or MySQL enum column) as the migration has left them so far.</summary>
        private List<string> CurrentLabels(SchemaChange c)
        {
            var key = Key(c.Schema, c.Table) + "\u0001" + (c.Column?.Name ?? "");
            if (!_enumState.TryGetValue(key, out var list))
            {
                list = (c.OldEnumValues ?? c.OldColumn?.EnumValues ?? LiveLabels(c) ?? new List<string>()).ToList();
                _enumState[key] = list;
            }
            return list;
        }

        private List<string>? LiveLabels(SchemaChange c)
        {
            if (c.Column != null) return LiveTable(c.Schema, c.Table)?.Columns.FirstOrDefault(x => SameName(x.Name, c.Column.Name))?.EnumValues;
            return _facts.Live?.Enums.FirstOrDefault(e => e.Schema == c.Schema && e.Name == c.Table)?.Values;
        }

        private void PlanCreateEnum(ChangePlan p)
        {
            var c = p.Change;
            if (!IsPg) throw new PlanningException(_d.DisplayName + " has no named enum types");
            RequireName(c.Table, "enum type " + c.Table);
            var pg = (PostgresDialect)_d;
            p.PreChecks.Add(_d.Check("NOT " + pg.TypeExists(c.Schema, c.Table), "type " + c.Table + " already exists", StatementRole.PreCheck));
            p.Forward.Add(new MigrationStatement("CREATE TYPE " + T(c.Schema, c.Table) + " AS ENUM (" + string.Join(", ", c.Enum!.Values.Select(L)) + ")"));
            p.PostChecks.Add(_d.Check(pg.TypeExists(c.Schema, c.Table), "type " + c.Table + " was not created", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement("DROP TYPE IF EXISTS " + T(c.Schema, c.Table)));
            p.UndoPostChecks.Add(_d.Check("NOT " + pg.TypeExists(c.Schema, c.Table), "type " + c.Table + " still exists", StatementRole.PostCheck));
            p.LockNotes.Add("CREATE TYPE: no lock on tables");
        }

        private void PlanDropEnum(ChangePlan p)
        {
            var c = p.Change;
            if (!IsPg) throw new PlanningException(_d.DisplayName + " has no named enum types");
            var pg = (PostgresDialect)_d;
            var values = c.OldEnumValues ?? c.Enum?.Values ?? new List<string>();
            p.Forward.Add(new MigrationStatement("DROP TYPE " + T(c.Schema, c.Table)) { Destructive = "drops enum type " + c.Table });
            p.PostChecks.Add(_d.Check("NOT " + pg.TypeExists(c.Schema, c.Table), "type " + c.Table + " still exists", StatementRole.PostCheck));
            p.Undo.Add(new MigrationStatement("CREATE TYPE " + T(c.Schema, c.Table) + " AS ENUM (" + string.Join(", ", values.Select(L)) + ")"));
            p.UndoPostChecks.Add(_d.Check(pg.TypeExists(c.Schema, c.Table), "type " + c.Table + " was not re-created", StatementRole.PostCheck));
        }

        private void EnsureUsages(SchemaChange c)
        {
            if (c.EnumUsages.Count > 0 || _facts.Live == null) return;
            var e = _facts.Live.Enums.FirstOrDefault(x => x.Schema == c.Schema && x.Name == c.Table);
            if (e != null) SchemaDiffer.AddUsages(c, _facts.Live, e);
        }

        private void PlanAddEnumValue(ChangePlan p)
        {
            var c = p.Change;
            if (IsLite) throw new PlanningException("SQLite has no enum types (store the value as text, or change the CHECK constraint by hand)");
            var before = CurrentLabels(c).ToList();
            var after = SchemaEditor.EnumTarget(c, before);
            var value = c.EnumValue!;
            if (before.Contains(value)) throw new PlanningException("the enum already has the value '" + value + "'");
            if (IsPg)
            {
                var pg = (PostgresDialect)_d;
                EnsureUsages(c);
                var at = after.IndexOf(value);
                var position = at + 1 < after.Count ? " BEFORE " + L(after[at + 1]) : at > 0 ? " AFTER " + L(after[at - 1]) : "";
                var outside = _o.ServerMajorVersion is int v && v < 12;
                p.Forward.Add(new MigrationStatement("ALTER TYPE " + T(c.Schema, c.Table) + " ADD VALUE IF NOT EXISTS " + L(value) + position) { OutsideTransaction = outside }
                    .Comment("Existing rows keep their values; the new label cannot be used until this transaction commits."));
                p.PostChecks.Add(_d.Check(pg.EnumHasValue(c.Schema, c.Table, value), "enum " + c.Table + " has no value '" + value + "'", StatementRole.PostCheck));
                foreach (var u in c.EnumUsages)
                {
                    p.UndoPreChecks.Add(_d.Check(_d.NoValue(u.Schema, u.Table, u.Column, value), "rows of " + u.Table + "." + u.Column + " use '" + value + "': the rollback cannot remove it", StatementRole.PreCheck));
                }
                foreach (var s in RecreatePgEnum(c, before, "PostgreSQL cannot drop an enum value: the type is re-created without it."))
                {
                    p.Undo.Add(s.Review("DBMIG012", "removes only the label this migration added; pre-checked: no row uses it"));
                }
                p.UndoPostChecks.Add(_d.Check("NOT " + pg.EnumHasValue(c.Schema, c.Table, value), "enum " + c.Table + " still has '" + value + "'", StatementRole.PostCheck));
                p.LockNotes.Add("ALTER TYPE ADD VALUE: brief lock on the type only; the rollback rewrites every table using it (" + c.EnumUsages.Count + ")");
                c.RollbackDestructive = true;
                p.DataLoss.Add(new DataLossWarning
                {
                    InRollback = true, Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = 0,
                    What = "the rollback removes '" + value + "' from " + c.Table + "; its pre-check refuses to run while rows use it",
                });
            }
            else
            {
                var my = (MySqlDialect)_d;
                var old = c.OldColumn ?? LiveTable(c.Schema, c.Table)?.Columns.FirstOrDefault(x => SameName(x.Name, c.Column!.Name))
                          ?? throw new PlanningException("the column " + c.Table + "." + c.Column!.Name + " is not in the database");
                var oldDef = SnapshotCopy.Column(old);
                var newDef = WithLabels(old, after);
                p.PreChecks.Add(_d.Check(my.ColumnTypeIs(c.Table, old.Name, old.Type), "column " + c.Table + "." + old.Name + " changed since the migration was generated", StatementRole.PreCheck));
                p.Forward.Add(new MigrationStatement(my.Modify(c.Schema, c.Table, newDef))
                    .Comment("Full ENUM redefinition keeping every existing label in place" + (PositionOf(after, value) == after.Count - 1 ? " (appended: metadata-only change)" : "") + ".")
                    .Review("DBMIG004", "adds an ENUM label, existing labels kept in order"));
                p.PostChecks.Add(_d.Check(my.ColumnHasEnumValue(c.Table, old.Name, value), "column " + c.Table + "." + old.Name + " has no label '" + value + "'", StatementRole.PostCheck));
                p.UndoPreChecks.Add(_d.Check(_d.NoValue(c.Schema, c.Table, old.Name, value), "rows of " + c.Table + "." + old.Name + " use '" + value + "': the rollback cannot remove it", StatementRole.PreCheck));
                p.Undo.Add(new MigrationStatement(my.Modify(c.Schema, c.Table, oldDef)).Review("DBMIG012", "pre-checked: no row uses the label"));
                p.UndoPostChecks.Add(_d.Check("NOT " + my.ColumnHasEnumValue(c.Table, old.Name, value), "column " + c.Table + "." + old.Name + " still has '" + value + "'", StatementRole.PostCheck));
                p.LockNotes.Add("MODIFY COLUMN ENUM: " + (PositionOf(after, value) == after.Count - 1 ? "INSTANT/in-place when the label is appended" : "table copy (label inserted in the middle)"));
                c.RollbackDestructive = true;
            }
            CurrentLabels(c).Clear();
            CurrentLabels(c).AddRange(after);

            static int PositionOf(List<string> list, string v) => list.IndexOf(v);
        }

        private ColumnInfo WithLabels(ColumnInfo col, IList<string> labels)
        {
            var copy = SnapshotCopy.Column(col);
            copy.EnumValues = labels.ToList();
            copy.Type = ((MySqlDialect)_d).EnumTypeSql(labels, col.Type.TrimStart().StartsWith("set", StringComparison.OrdinalIgnoreCase));
            return copy;
        }

        private void PlanRedefineEnum(ChangePlan p)
        {
            var c = p.Change;
            if (IsLite) throw new PlanningException("SQLite has no enum types");
            var before = CurrentLabels(c).ToList();
            var after = SchemaEditor.EnumTarget(c, before);
            var removed = before.Where(v => !after.Contains(v)).ToList();
            if (IsPg)
            {
                var pg = (PostgresDialect)_d;
                EnsureUsages(c);
                foreach (var v in removed)
                {
                    foreach (var u in c.EnumUsages)
                    {
                        var rows = _facts.Count(_d.CountValue(u.Schema, u.Table, u.Column, v));
                        p.PreChecks.Add(_d.Check(_d.NoValue(u.Schema, u.Table, u.Column, v), "rows of " + u.Table + "." + u.Column + " use '" + v + "' (" + Count(rows) + " at generation): update them first", StatementRole.PreCheck));
                        p.DataLoss.Add(new DataLossWarning { Table = ChangeText.Name(u.Schema, u.Table), AffectedRows = rows, What = "enum value '" + v + "' removed from " + c.Table + " (used by " + u.Table + "." + u.Column + ")", Keep = "the pre-check refuses to run while rows use it" });
                    }
                }
                var forward = RecreatePgEnum(c, after, c.Kind == ChangeKind.RemoveEnumValue ? "PostgreSQL cannot drop an enum value: the type is re-created without it." : "Re-creating the type in the new order.");
                foreach (var s in forward) s.Review("DBMIG012", removed.Count > 0 ? "pre-checked: no row uses the removed value" : "labels keep their text; only the order changes");
                if (removed.Count > 0) forward[0].Destructive = "removes enum value(s) " + string.Join(", ", removed);
                p.Forward.AddRange(forward);
                p.PostChecks.Add(_d.Check(pg.EnumLabels(c.Schema, c.Table, after), "enum " + c.Table + " does not have the expected labels", StatementRole.PostCheck));
                foreach (var s in RecreatePgEnum(c, before, "Restore the previous labels.")) p.Undo.Add(s.Review("DBMIG012", "restores the labels the type had before"));
                p.UndoPostChecks.Add(_d.Check(pg.EnumLabels(c.Schema, c.Table, before), "enum " + c.Table + " does not have the previous labels", StatementRole.PostCheck));
                p.LockNotes.Add("Re-creating the enum rewrites every table that uses it (" + c.EnumUsages.Count + "), each under ACCESS EXCLUSIVE");
            }
            else
            {
                var my = (MySqlDialect)_d;
                var old = c.OldColumn ?? LiveTable(c.Schema, c.Table)?.Columns.FirstOrDefault(x => SameName(x.Name, c.Column!.Name))
                          ?? throw new PlanningException("the column " + c.Table + "." + c.Column!.Name + " is not in the database");
                var oldDef = WithLabels(old, before);
                var newDef = WithLabels(old, after);
                foreach (var v in removed)
                {
                    var rows = TableExistsLive(c.Schema, c.Table) ? _facts.Count(_d.CountValue(c.Schema, c.Table, old.Name, v)) : null;
                    p.PreChecks.Add(_d.Check(_d.NoValue(c.Schema, c.Table, old.Name, v), "rows of " + c.Table + "." + old.Name + " use '" + v + "' (" + Count(rows) + " at generation): update them first", StatementRole.PreCheck));
                    p.DataLoss.Add(new DataLossWarning { Table = ChangeText.Name(c.Schema, c.Table), AffectedRows = rows, What = "ENUM label '" + v + "' removed from " + c.Table + "." + old.Name, Keep = "the pre-check refuses to run while rows use it" });
                }
                p.Forward.Add(new MigrationStatement(my.Modify(c.Schema, c.Table, newDef)) { Destructive = removed.Count > 0 ? "removes ENUM label(s) " + string.Join(", ", removed) : null }
                    .Review("DBMIG012", removed.Count > 0 ? "pre-checked: no row uses the removed label" : "labels keep their text; MySQL converts by label"));
                p.PostChecks.Add(_d.Check(my.ColumnTypeIs(c.Table, old.Name, newDef.Type), "column " + c.Table + "." + old.Name + " does not have the expected labels", StatementRole.PostCheck));
                p.Undo.Add(new MigrationStatement(my.Modify(c.Schema, c.Table, oldDef)).Review("DBMIG012", "restores the previous labels"));
                p.UndoPostChecks.Add(_d.Check(my.ColumnTypeIs(c.Table, old.Name, oldDef.Type), "column " + c.Table + "." + old.Name + " does not have the previous labels", StatementRole.PostCheck));
                p.LockNotes.Add("MODIFY COLUMN ENUM with removed or reordered labels: table copy of " + c.Table);
            }
            CurrentLabels(c).Clear();
            CurrentLabels(c).AddRange(after);
        }

        /// <summary>
        /// PostgreSQL's only way to remove or reorder enum labels: rename the type, create it
        /// again, convert every column through text, drop the old type. Defaults are dropped
        /// and restored around the conversion (they cannot be cast automatically).
        /// </summary>
        private List<MigrationStatement> RecreatePgEnum(SchemaChange c, IList<string> labels, string why)
        {
            var list = new List<MigrationStatement>();
            var type = T(c.Schema, c.Table);
            var old = _d.MakeName(c.Table + "__sd_old");
            list.Add(new MigrationStatement("ALTER TYPE " + type + " RENAME TO " + Q(old)).Comment(why));
            list.Add(new MigrationStatement("CREATE TYPE " + type + " AS ENUM (" + string.Join(", ", labels.Select(L)) + ")"));
            foreach (var u in c.EnumUsages)
            {
                var table = T(u.Schema, u.Table);
                if (u.Default != null) list.Add(new MigrationStatement("ALTER TABLE " + table + " ALTER COLUMN " + Q(u.Column) + " DROP DEFAULT"));
                list.Add(new MigrationStatement("ALTER TABLE " + table + " ALTER COLUMN " + Q(u.Column) + " TYPE " + type + " USING " + Q(u.Column) + "::text::" + type)
                    .Review("DBMIG004", "same labels, converted through text"));
                if (u.Default != null) list.Add(new MigrationStatement("ALTER TABLE " + table + " ALTER COLUMN " + Q(u.Column) + " SET DEFAULT " + u.Default));
            }
            list.Add(new MigrationStatement("DROP TYPE " + T(c.Schema, old)));
            return list;
        }
    }
}
