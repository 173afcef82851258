using System.Collections.Generic;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>What one schema change does.</summary>
    public enum ChangeKind
    {
        CreateTable,
        DropTable,
        RenameTable,
        AddColumn,
        DropColumn,
        RenameColumn,
        AlterColumnType,
        AlterColumnNullability,
        AlterColumnDefault,
        CreateIndex,
        DropIndex,
        AddForeignKey,
        DropForeignKey,
        AddCheck,
        DropCheck,
        AddUnique,
        DropUnique,
        AlterPrimaryKey,
        CreateEnum,
        DropEnum,
        AddEnumValue,
        RemoveEnumValue,
        ReorderEnumValues,
    }

    /// <summary>The second seed's migration categories.</summary>
    public enum ChangeRisk
    {
        /// <summary>🟢 new tables, nullable columns, new indexes, new enum values.</summary>
        Safe,

        /// <summary>🟡 NOT NULL with defaults, compatible type changes, foreign keys, unique constraints.</summary>
        Careful,

        /// <summary>🔴 drops, primary keys, relationship changes, narrowing conversions.</summary>
        HighRisk,
    }

    /// <summary>
    /// One change between two schemas (or one drift finding the schema must absorb),
    /// with everything a dialect writer needs to produce the DDL, its rollback and
    /// the checks around it. Names are stored exactly as the engine stores them.
    /// </summary>
    public sealed class SchemaChange
    {
        public ChangeKind Kind { get; set; }
        public string Schema { get; set; } = "";

        /// <summary>The table (for enum changes on PostgreSQL: the enum type's name).</summary>
        public string Table { get; set; } = "";

        /// <summary>CreateTable/DropTable: the whole table. Other changes: the table as it was (for rebuilds), when known.</summary>
        public TableInfo? TableDefinition { get; set; }

        /// <summary>The table as it should be after the change (SQLite rebuilds), when known.</summary>
        public TableInfo? TargetTable { get; set; }

        /// <summary>The column after the change (AddColumn, Alter*, RenameColumn: the new definition).</summary>
        public ColumnInfo? Column { get; set; }

        /// <summary>The column before the change (DropColumn, Alter*, RenameColumn).</summary>
        public ColumnInfo? OldColumn { get; set; }

        /// <summary>Renames: the old name; the new one is <see cref="NewName"/>.</summary>
        public string? OldName { get; set; }
        public string? NewName { get; set; }

        public IndexInfo? Index { get; set; }
        public ForeignKeyInfo? ForeignKey { get; set; }
        public CheckInfo? Check { get; set; }
        public UniqueConstraintInfo? Unique { get; set; }
        public PrimaryKeyInfo? PrimaryKey { get; set; }
        public PrimaryKeyInfo? OldPrimaryKey { get; set; }

        /// <summary>Enum changes: the enum (PostgreSQL named type) after the change.</summary>
        public EnumInfo? Enum { get; set; }

        /// <summary>Enum changes: the labels before the change.</summary>
        public List<string>? OldEnumValues { get; set; }

        /// <summary>AddEnumValue / RemoveEnumValue: the label.</summary>
        public string? EnumValue { get; set; }

        /// <summary>
        /// PostgreSQL enum changes: the columns (schema, table, column) that use the type,
        /// which a rollback that recreates the type must convert.
        /// </summary>
        public List<ColumnRef> EnumUsages { get; } = new List<ColumnRef>();

        /// <summary>
        /// NOT NULL without a default on a populated table: the SQL expression existing rows
        /// get before the constraint is set (the CLR default, as EF Core does).
        /// </summary>
        public string? Backfill { get; set; }

        public ChangeRisk Risk { get; set; } = ChangeRisk.Safe;
        public List<string> Reasons { get; } = new List<string>();

        /// <summary>Where the change came from: "diff", "DBDRIFT501", "DBDRIFT801", "DBDRIFT401", "hint".</summary>
        public string Source { get; set; } = "diff";

        /// <summary>Keys of the drift findings this change resolves (see <see cref="FindingKey"/>).</summary>
        public List<string> Fixes { get; } = new List<string>();

        /// <summary>True when the change can lose data (or its rollback can), so push needs confirmation on populated tables.</summary>
        public bool Destructive { get; set; }

        /// <summary>True when the rollback can lose data (e.g. dropping a column the migration added and users filled).</summary>
        public bool RollbackDestructive { get; set; }

        /// <summary>The column name a change is about (new name for renames), or null for table-level changes.</summary>
        public string? ColumnName => Column?.Name ?? OldColumn?.Name;

        /// <summary>One line for headers, reports and the analysis block.</summary>
        public string Describe() => ChangeText.Describe(this);

        public override string ToString() => Describe();
    }

    /// <summary>A column by its full name.</summary>
    public sealed class ColumnRef
    {
        public ColumnRef(string schema, string table, string column)
        {
            Schema = schema;
            Table = table;
            Column = column;
        }

        public string Schema { get; }
        public string Table { get; }
        public string Column { get; }

        /// <summary>The column's default, which must be dropped and restored around a type change.</summary>
        public string? Default { get; set; }
    }

    /// <summary>Stable keys for drift findings, shared by migrate, push and report.</summary>
    public static class FindingKey
    {
        public static string Column(string rule, string? schema, string table, string column) =>
            rule + ":" + (string.IsNullOrEmpty(schema) ? "" : schema + ".") + table + "." + column;

        public static string Table(string rule, string? schema, string table) =>
            rule + ":" + (string.IsNullOrEmpty(schema) ? "" : schema + ".") + table;

        public static string EnumValue(string rule, string enumName, string value) => rule + ":" + enumName + "=" + value;
    }
}
