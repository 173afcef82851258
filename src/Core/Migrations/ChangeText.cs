using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>Human-readable one-liners for changes (headers, analysis block, reports).</summary>
    public static class ChangeText
    {
        public static string Describe(SchemaChange c)
        {
            var t = Name(c.Schema, c.Table);
            switch (c.Kind)
            {
                case ChangeKind.CreateTable:
                    return "[+] New table: " + t + " (" + (c.TableDefinition?.Columns.Count ?? 0) + " columns)";
                case ChangeKind.DropTable:
                    return "[-] Drop table: " + t;
                case ChangeKind.RenameTable:
                    return "[~] Rename table: " + Name(c.Schema, c.OldName ?? "") + " -> " + (c.NewName ?? c.Table);
                case ChangeKind.AddColumn:
                    return "[*] Modified table: " + t + " - add column '" + c.Column!.Name + "' (" + ColumnSummary(c.Column) + ")";
                case ChangeKind.DropColumn:
                    return "[*] Modified table: " + t + " - drop column '" + c.OldColumn!.Name + "'";
                case ChangeKind.RenameColumn:
                    return "[~] Modified table: " + t + " - rename column '" + c.OldName + "' -> '" + c.NewName + "'";
                case ChangeKind.AlterColumnType:
                    return "[*] Modified table: " + t + " - column '" + c.Column!.Name + "' type " + c.OldColumn?.Type + " -> " + c.Column.Type;
                case ChangeKind.AlterColumnNullability:
                    return "[*] Modified table: " + t + " - column '" + c.Column!.Name + "' " + (c.Column.Nullable ? "NOT NULL -> nullable" : "nullable -> NOT NULL");
                case ChangeKind.AlterColumnDefault:
                    return "[*] Modified table: " + t + " - column '" + c.Column!.Name + "' default " + (c.OldColumn?.Default ?? "none") + " -> " + (c.Column.Default ?? "none");
                case ChangeKind.CreateIndex:
                    return "[+] New " + (c.Index!.Unique ? "unique " : "") + "index: " + c.Index.Name + " on " + t + "(" + IndexColumns(c.Index) + ")" +
                           (c.Index.Predicate != null ? " WHERE " + c.Index.Predicate : "");
                case ChangeKind.DropIndex:
                    return "[-] Drop index: " + c.Index!.Name + " on " + t;
                case ChangeKind.AddForeignKey:
                    return "[+] New foreign key: " + t + "(" + string.Join(", ", c.ForeignKey!.Columns) + ") -> " + c.ForeignKey.ReferencedTable + "(" + string.Join(", ", c.ForeignKey.ReferencedColumns) + ")";
                case ChangeKind.DropForeignKey:
                    return "[-] Drop foreign key: " + c.ForeignKey!.Name + " on " + t;
                case ChangeKind.AddCheck:
                    return "[+] New check constraint on " + t + ": " + c.Check!.Expression;
                case ChangeKind.DropCheck:
                    return "[-] Drop check constraint " + (c.Check!.Name ?? c.Check.Expression) + " on " + t;
                case ChangeKind.AddUnique:
                    return "[+] New unique constraint " + c.Unique!.Name + " on " + t + "(" + string.Join(", ", c.Unique.Columns) + ")";
                case ChangeKind.DropUnique:
                    return "[-] Drop unique constraint " + c.Unique!.Name + " on " + t;
                case ChangeKind.AlterPrimaryKey:
                    return "[*] Primary key of " + t + ": (" + string.Join(", ", c.OldPrimaryKey?.Columns ?? new System.Collections.Generic.List<string>()) + ") -> (" +
                           string.Join(", ", c.PrimaryKey?.Columns ?? new System.Collections.Generic.List<string>()) + ")";
                case ChangeKind.CreateEnum:
                    return "[+] New enum type: " + t + " (" + string.Join(", ", c.Enum!.Values) + ")";
                case ChangeKind.DropEnum:
                    return "[-] Drop enum type: " + t;
                case ChangeKind.AddEnumValue:
                    return "[+] New enum value '" + c.EnumValue + "' in " + EnumTarget(c);
                case ChangeKind.RemoveEnumValue:
                    return "[-] Remove enum value '" + c.EnumValue + "' from " + EnumTarget(c);
                case ChangeKind.ReorderEnumValues:
                    return "[~] Reorder enum values of " + EnumTarget(c);
                default:
                    return c.Kind + " " + t;
            }
        }

        private static string EnumTarget(SchemaChange c) =>
            c.Column != null ? Name(c.Schema, c.Table) + "." + c.Column.Name : "enum " + Name(c.Schema, c.Table);

        public static string Name(string schema, string name) => string.IsNullOrEmpty(schema) ? name : schema + "." + name;

        public static string ColumnSummary(ColumnInfo c) =>
            (c.Type.Length == 0 ? "untyped" : c.Type) + (c.Nullable ? ", nullable" : ", NOT NULL") + (c.Default != null ? ", default " + c.Default : "");

        public static string IndexColumns(IndexInfo ix) =>
            string.Join(", ", ix.Columns.Select(k => (k.Name ?? k.Expression ?? "?") + (k.Descending ? " DESC" : "")));

        public static string RiskLabel(ChangeRisk r) => r switch
        {
            ChangeRisk.Safe => "safe",
            ChangeRisk.Careful => "careful",
            _ => "high-risk",
        };

        public static string RiskIcon(ChangeRisk r) => r switch
        {
            ChangeRisk.Safe => "🟢",
            ChangeRisk.Careful => "🟡",
            _ => "🔴",
        };
    }
}
