using System.Linq;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>
    /// Puts every change in the second seed's categories — 🟢 safe, 🟡 careful, 🔴 high-risk —
    /// with the reasons, using row counts where the database is reachable (a drop on an empty
    /// table is not the same as a drop on 45,234 rows).
    /// </summary>
    public static class ChangeClassifier
    {
        public static void Classify(SchemaChange c, string provider, IDatabaseFacts facts)
        {
            var d = MigrationDialect.For(provider);
            long? rows = null;
            bool TableKnown() => facts.Live?.Tables.Any(t => t.Name == c.Table && (provider != SqlProviders.Postgres || t.Schema == c.Schema)) == true;
            if (c.Kind != ChangeKind.CreateTable && c.Kind != ChangeKind.CreateEnum && c.Kind != ChangeKind.DropEnum && !(provider == SqlProviders.Postgres && IsNamedEnumChange(c)) && TableKnown())
            {
                rows = facts.Count(d.CountRows(c.Schema, c.Kind == ChangeKind.RenameTable ? c.OldName ?? c.Table : c.Table));
            }
            var rowText = rows == null ? "row count unknown" : SchemaDiffer.Count(rows.Value) + " rows";
            var populated = rows == null || rows > 0;
            var keep = c.Reasons.ToList();
            c.Reasons.Clear();

            switch (c.Kind)
            {
                case ChangeKind.CreateTable:
                    Set(c, ChangeRisk.Safe, "new table, no existing data");
                    break;
                case ChangeKind.CreateEnum:
                    Set(c, ChangeRisk.Safe, "new enum type");
                    break;
                case ChangeKind.AddEnumValue:
                    Set(c, ChangeRisk.Safe, "new enum value; existing rows keep theirs");
                    if (provider == SqlProviders.Postgres) c.Reasons.Add("PostgreSQL cannot drop an enum value: the rollback recreates the type");
                    break;
                case ChangeKind.AddColumn:
                    if (c.Column!.Nullable)
                    {
                        Set(c, ChangeRisk.Safe, "nullable column: existing rows get NULL" + (c.Column.Default != null ? " (new rows the default)" : ""));
                    }
                    else if (SchemaDiffer.NormalizeDefault(c.Column.Default) != null)
                    {
                        Set(c, populated ? ChangeRisk.Careful : ChangeRisk.Safe, "NOT NULL with default " + c.Column.Default + ": existing rows (" + rowText + ") get the default");
                    }
                    else if (rows == 0)
                    {
                        Set(c, ChangeRisk.Careful, "NOT NULL without default: fine while the table is empty (0 rows); later inserts must supply a value");
                    }
                    else
                    {
                        Set(c, ChangeRisk.Careful, "NOT NULL without default on a table with data (" + rowText + "): added nullable, backfilled, then set NOT NULL");
                    }
                    break;
                case ChangeKind.CreateIndex:
                    if (c.Index!.Unique) Set(c, ChangeRisk.Careful, "unique index over existing data (" + rowText + "): duplicates make it fail");
                    else if (populated) Set(c, ChangeRisk.Careful, "new index on a table with data (" + rowText + "): build time and write overhead");
                    else Set(c, ChangeRisk.Safe, "new index on an empty table");
                    break;
                case ChangeKind.AlterColumnDefault:
                    Set(c, ChangeRisk.Safe, "default changes affect new rows only");
                    break;
                case ChangeKind.RenameTable:
                case ChangeKind.RenameColumn:
                    Set(c, ChangeRisk.Careful, "rename keeps the data, but code, views and functions using the old name break until they are updated");
                    break;
                case ChangeKind.AlterColumnType:
                    if (TypeChanges.IsWidening(provider, c.OldColumn!, c.Column!))
                    {
                        Set(c, ChangeRisk.Careful, "compatible (widening) type change: every value fits; the rollback narrows again");
                    }
                    else
                    {
                        Set(c, ChangeRisk.HighRisk, "type conversion that can fail or lose data (" + (c.OldColumn?.Type ?? "?") + " -> " + c.Column!.Type + ", " + rowText + ")");
                        c.Destructive = true;
                    }
                    break;
                case ChangeKind.AlterColumnNullability:
                    if (c.Column!.Nullable)
                    {
                        Set(c, ChangeRisk.Safe, "NOT NULL dropped: nothing can fail; the rollback needs the column free of NULLs again");
                    }
                    else
                    {
                        long? nulls = TableKnown() ? facts.Count(d.CountNull(c.Schema, c.Table, c.Column.Name)) : null;
                        var hasDefault = SchemaDiffer.NormalizeDefault(c.Column.Default) != null;
                        if (nulls > 0 && !hasDefault)
                        {
                            Set(c, ChangeRisk.HighRisk, SchemaDiffer.Count(nulls.Value) + " rows hold NULL and the column has no default: the migration refuses to run until they are filled");
                        }
                        else
                        {
                            Set(c, ChangeRisk.Careful, "nullable -> NOT NULL on " + rowText + (nulls > 0 ? " (" + SchemaDiffer.Count(nulls!.Value) + " NULLs backfilled with the default)" : nulls == 0 ? " (no NULLs today)" : ""));
                        }
                        if (nulls > 0) c.Destructive = true;
                    }
                    break;
                case ChangeKind.AddForeignKey:
                    Set(c, ChangeRisk.Careful, "new foreign key: orphaned rows make it fail; validation reads the whole table (" + rowText + ")");
                    break;
                case ChangeKind.AddUnique:
                    Set(c, ChangeRisk.Careful, "unique constraint over existing data (" + rowText + "): duplicates make it fail");
                    break;
                case ChangeKind.AddCheck:
                    Set(c, ChangeRisk.Careful, "check constraint over existing data (" + rowText + "): violating rows make it fail");
                    break;
                case ChangeKind.DropIndex:
                    Set(c, ChangeRisk.Careful, "queries using the index get slower");
                    break;
                case ChangeKind.DropCheck:
                case ChangeKind.DropUnique:
                    Set(c, ChangeRisk.Careful, "the database stops enforcing a rule the code may rely on");
                    break;
                case ChangeKind.DropForeignKey:
                    Set(c, ChangeRisk.HighRisk, "changes a foreign key relationship: orphans become possible");
                    break;
                case ChangeKind.AlterPrimaryKey:
                    Set(c, ChangeRisk.HighRisk, "modifies the primary key (" + rowText + "): referencing keys and code identity change");
                    break;
                case ChangeKind.DropColumn:
                    {
                        long? values = TableKnown() ? facts.Count(d.CountNonNull(c.Schema, c.Table, c.OldColumn!.Name)) : null;
                        Set(c, ChangeRisk.HighRisk, "drops column '" + c.OldColumn!.Name + "'" + (values == null ? " (values unknown)" : values == 0 ? " (no row holds a value)" : " holding values in " + SchemaDiffer.Count(values.Value) + " rows"));
                        c.Destructive = values != 0;
                    }
                    break;
                case ChangeKind.DropTable:
                    Set(c, ChangeRisk.HighRisk, "drops table " + ChangeText.Name(c.Schema, c.Table) + " (" + rowText + ")");
                    c.Destructive = rows != 0;
                    break;
                case ChangeKind.RemoveEnumValue:
                    Set(c, ChangeRisk.HighRisk, "removes enum value '" + c.EnumValue + "': rows using it block the migration");
                    c.Destructive = true;
                    break;
                case ChangeKind.ReorderEnumValues:
                    Set(c, ChangeRisk.HighRisk, "reorders enum values: sorting and comparisons change");
                    break;
                case ChangeKind.DropEnum:
                    Set(c, ChangeRisk.HighRisk, "drops an enum type");
                    c.Destructive = true;
                    break;
            }
            c.Reasons.AddRange(keep);
        }

        private static bool IsNamedEnumChange(SchemaChange c) =>
            c.Column == null && (c.Kind == ChangeKind.AddEnumValue || c.Kind == ChangeKind.RemoveEnumValue || c.Kind == ChangeKind.ReorderEnumValues);

        private static void Set(SchemaChange c, ChangeRisk risk, string reason)
        {
            c.Risk = risk;
            c.Reasons.Add(reason);
        }
    }
}
