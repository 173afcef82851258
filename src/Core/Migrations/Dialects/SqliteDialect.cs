using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations.Dialects
{
    public sealed class SqliteDialect : MigrationDialect
    {
        public override string Provider => SqlProviders.Sqlite;
        public override string DisplayName => "SQLite";
        public override int MaxIdentifierLength => int.MaxValue;
        public override bool TransactionalDdl => true;

        public override string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

        /// <summary>Unqualified: "main" is the only schema a migration touches.</summary>
        public override string Table(string schema, string name) => Quote(name);

        public override string Literal(string value) => "'" + value.Replace("'", "''") + "'";

        public override string LengthFunction => "length";

        /// <summary>An INTEGER PRIMARY KEY column (the rowid alias), written as a column constraint so AUTOINCREMENT stays possible.</summary>
        private static bool IsRowIdKey(ColumnInfo c, TableInfo? t) =>
            t != null && !t.WithoutRowId && t.PrimaryKey?.Columns.Count == 1 &&
            string.Equals(t.PrimaryKey.Columns[0], c.Name, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(c.Type.Trim(), "INTEGER", StringComparison.OrdinalIgnoreCase);

        public override string ColumnDefinition(ColumnInfo c, TableInfo? table, bool forceNullable = false)
        {
            var sb = new StringBuilder(Quote(c.Name));
            if (c.Type.Length > 0) sb.Append(' ').Append(c.Type);
            if (IsRowIdKey(c, table))
            {
                sb.Append(" PRIMARY KEY");
                if (c.Identity == "autoincrement") sb.Append(" AUTOINCREMENT");
            }
            else if (!c.Nullable && !forceNullable)
            {
                sb.Append(" NOT NULL");
            }
            if (c.Collation != null) sb.Append(" COLLATE ").Append(Quote(c.Collation));
            if (c.Generated != null && c.GenerationExpression != null)
            {
                sb.Append(" GENERATED ALWAYS AS (").Append(StripOuterParens(c.GenerationExpression)).Append(')').Append(c.Generated == "stored" ? " STORED" : " VIRTUAL");
            }
            else if (DefaultSql(c) is { } d)
            {
                sb.Append(" DEFAULT ").Append(d);
            }
            return sb.ToString();
        }

        public override string CreateTable(TableInfo t, string? name = null, ICollection<ForeignKeyInfo>? skipForeignKeys = null)
        {
            var parts = new List<string>();
            foreach (var c in t.Columns) parts.Add(ColumnDefinition(c, t));
            var rowIdKey = t.Columns.Any(c => IsRowIdKey(c, t));
            if (!rowIdKey && t.PrimaryKey != null && t.PrimaryKey.Columns.Count > 0) parts.Add("PRIMARY KEY (" + ColumnList(t.PrimaryKey.Columns) + ")");
            foreach (var u in t.UniqueConstraints)
            {
                var named = !u.Name.StartsWith("sqlite_autoindex_", StringComparison.OrdinalIgnoreCase) && u.Name.Length > 0;
                parts.Add((named ? "CONSTRAINT " + Quote(u.Name) + " " : "") + "UNIQUE (" + ColumnList(u.Columns) + ")");
            }
            foreach (var fk in t.ForeignKeys)
            {
                if (skipForeignKeys != null && skipForeignKeys.Contains(fk)) continue;
                parts.Add(ForeignKeyClause(fk, t.Schema));
            }
            foreach (var ck in t.Checks) parts.Add(CheckClause(ck));
            return "CREATE TABLE " + Table(t.Schema, name ?? t.Name) + " (\n  " + string.Join(",\n  ", parts) + "\n)" + (t.WithoutRowId ? " WITHOUT ROWID" : "");
        }

        public override string CreateIndex(string schema, string table, IndexInfo ix, bool concurrently)
        {
            var sb = new StringBuilder("CREATE ");
            if (ix.Unique) sb.Append("UNIQUE ");
            sb.Append("INDEX IF NOT EXISTS ").Append(Quote(ix.Name)).Append(" ON ").Append(Table(schema, table)).Append(" (").Append(IndexKeys(ix)).Append(')');
            if (ix.Predicate != null) sb.Append(" WHERE ").Append(StripOuterParens(ix.Predicate));
            return sb.ToString();
        }

        public override string DropIndex(string schema, string table, string name, bool concurrently) => "DROP INDEX IF EXISTS " + Quote(name);

        public override string TableExists(string schema, string table) =>
            "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = " + Literal(table) + ")";

        public override string ColumnExists(string schema, string table, string column) =>
            "EXISTS (SELECT 1 FROM pragma_table_info(" + Literal(table) + ") WHERE name = " + Literal(column) + ")";

        public override string ColumnIsNotNull(string schema, string table, string column) =>
            "EXISTS (SELECT 1 FROM pragma_table_info(" + Literal(table) + ") WHERE name = " + Literal(column) + " AND (\"notnull\" = 1 OR pk > 0))";

        public override string IndexExists(string schema, string table, string index) =>
            "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = " + Literal(index) + ")";

        /// <summary>SQLite keeps constraints only in the table's CREATE text.</summary>
        public override string ConstraintExists(string schema, string table, string name) =>
            "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = " + Literal(table) + " AND instr(sql, " + Literal(name) + ") > 0)";

        public string ForeignKeyExists(string table, ForeignKeyInfo fk) =>
            "EXISTS (SELECT 1 FROM pragma_foreign_key_list(" + Literal(table) + ") WHERE \"table\" = " + Literal(fk.ReferencedTable) + " AND \"from\" = " + Literal(fk.Columns[0]) + ")";

        public string NoForeignKeyViolations(string table) =>
            "NOT EXISTS (SELECT 1 FROM pragma_foreign_key_check(" + Literal(table) + "))";

        public string ColumnTypeIs(string table, string column, string type) =>
            "EXISTS (SELECT 1 FROM pragma_table_info(" + Literal(table) + ") WHERE name = " + Literal(column) + " AND lower(type) = lower(" + Literal(type) + "))";

        public override MigrationStatement Check(string condition, string message, StatementRole role) => SelectCheck(condition, message, role);
    }
}
