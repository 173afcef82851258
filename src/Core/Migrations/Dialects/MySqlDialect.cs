using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Core.Migrations.Dialects
{
    public sealed class MySqlDialect : MigrationDialect
    {
        public override string Provider => SqlProviders.MySql;
        public override string DisplayName => "MySQL/MariaDB";
        public override int MaxIdentifierLength => 64;
        public override bool TransactionalDdl => false;

        public override string Quote(string identifier) => "`" + identifier.Replace("`", "``") + "`";

        /// <summary>
        /// Unqualified: the database is the connection's, and development and production
        /// databases usually have different names.
        /// </summary>
        public override string Table(string schema, string name) => Quote(name);

        /// <summary>Quotes doubled and backslashes escaped (the default sql_mode, without NO_BACKSLASH_ESCAPES).</summary>
        public override string Literal(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

        public override string LengthFunction => "CHAR_LENGTH";

        private static readonly Regex Numeric = new Regex(@"^-?\d+(\.\d+)?([eE][-+]?\d+)?$", RegexOptions.CultureInvariant);
        private static readonly Regex Call = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*\s*\(.*\)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>
        /// MariaDB prints defaults as SQL ('x', 1, current_timestamp()); MySQL 8 prints the bare value
        /// (x, CURRENT_TIMESTAMP). Both become valid DDL here.
        /// </summary>
        public override string? DefaultSql(ColumnInfo c)
        {
            var d = SchemaDiffer.NormalizeDefault(c.Default);
            if (d == null) return null;
            if (d.StartsWith("'", StringComparison.Ordinal) || d.StartsWith("(", StringComparison.Ordinal) || d.StartsWith("b'", StringComparison.OrdinalIgnoreCase) ||
                d.StartsWith("x'", StringComparison.OrdinalIgnoreCase)) return d;
            if (Numeric.IsMatch(d) && c.Family != TypeFamily.String && c.Family != TypeFamily.Enum && c.Family != TypeFamily.Set) return d;
            var upper = d.ToUpperInvariant();
            if (upper.StartsWith("CURRENT_TIMESTAMP", StringComparison.Ordinal) || upper.StartsWith("NOW(", StringComparison.Ordinal) ||
                upper.StartsWith("LOCALTIMESTAMP", StringComparison.Ordinal) || upper == "TRUE" || upper == "FALSE") return d;
            if (Call.IsMatch(d)) return "(" + d + ")";
            return Literal(d);
        }

        public override string ColumnDefinition(ColumnInfo c, TableInfo? table, bool forceNullable = false)
        {
            var sb = new StringBuilder();
            sb.Append(Quote(c.Name)).Append(' ').Append(ColumnType(c));
            if (c.Collation != null) sb.Append(" COLLATE ").Append(c.Collation);
            if (c.Generated != null && c.GenerationExpression != null)
            {
                sb.Append(" GENERATED ALWAYS AS (").Append(StripOuterParens(c.GenerationExpression)).Append(") ").Append(c.Generated == "stored" ? "STORED" : "VIRTUAL");
                if (!c.Nullable && !forceNullable) sb.Append(" NOT NULL");
            }
            else
            {
                sb.Append(!c.Nullable && !forceNullable ? " NOT NULL" : " NULL");
                if (DefaultSql(c) is { } d) sb.Append(" DEFAULT ").Append(d);
                if (c.Identity == "auto_increment") sb.Append(" AUTO_INCREMENT");
            }
            if (c.Comment != null) sb.Append(" COMMENT ").Append(Literal(c.Comment));
            return sb.ToString();
        }

        public override string CreateTable(TableInfo t, string? name = null, ICollection<ForeignKeyInfo>? skipForeignKeys = null)
        {
            var parts = new List<string>();
            foreach (var c in t.Columns) parts.Add(ColumnDefinition(c, t));
            if (t.PrimaryKey != null && t.PrimaryKey.Columns.Count > 0) parts.Add("PRIMARY KEY (" + ColumnList(t.PrimaryKey.Columns) + ")");
            foreach (var u in t.UniqueConstraints) parts.Add("CONSTRAINT " + Quote(u.Name) + " UNIQUE (" + ColumnList(u.Columns) + ")");
            // Indexes inline: MySQL needs an index for every foreign key and would otherwise create one named after the constraint.
            foreach (var ix in t.Indexes.Where(i => !i.Primary && !t.UniqueConstraints.Any(u => u.Name.Equals(i.Name, StringComparison.OrdinalIgnoreCase))))
            {
                parts.Add(IndexKind(ix) + "INDEX " + Quote(ix.Name) + " (" + IndexKeys(ix) + ")");
            }
            foreach (var fk in t.ForeignKeys)
            {
                if (skipForeignKeys != null && skipForeignKeys.Contains(fk)) continue;
                parts.Add(ForeignKeyClause(fk, t.Schema));
            }
            foreach (var ck in t.Checks.Where(c => !c.Expression.StartsWith("json_valid(", StringComparison.OrdinalIgnoreCase))) parts.Add(CheckClause(ck));
            return "CREATE TABLE " + Table(t.Schema, name ?? t.Name) + " (\n  " + string.Join(",\n  ", parts) + "\n)";
        }

        private static string IndexKind(IndexInfo ix) =>
            ix.Unique ? "UNIQUE " :
            string.Equals(ix.Method, "fulltext", StringComparison.OrdinalIgnoreCase) ? "FULLTEXT " :
            string.Equals(ix.Method, "spatial", StringComparison.OrdinalIgnoreCase) ? "SPATIAL " : "";

        public override string CreateIndex(string schema, string table, IndexInfo ix, bool concurrently) =>
            "CREATE " + IndexKind(ix) + "INDEX " + Quote(ix.Name) + " ON " + Table(schema, table) + " (" + IndexKeys(ix) + ")";

        public override string DropIndex(string schema, string table, string name, bool concurrently) =>
            "DROP INDEX " + Quote(name) + " ON " + Table(schema, table);

        /// <summary>A full MODIFY COLUMN (MySQL restates the whole column definition).</summary>
        public string Modify(string schema, string table, ColumnInfo c) => "ALTER TABLE " + Table(schema, table) + " MODIFY COLUMN " + ColumnDefinition(c, null);

        /// <summary>ENUM('a','b') with labels quoted the way information_schema prints them.</summary>
        public string EnumTypeSql(IEnumerable<string> labels, bool set = false) =>
            (set ? "SET(" : "ENUM(") + string.Join(",", labels.Select(Literal)) + ")";

        private const string Db = "DATABASE()";

        public override string TableExists(string schema, string table) =>
            "EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + ")";

        public override string ColumnExists(string schema, string table, string column) =>
            "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + " AND column_name = " + Literal(column) + ")";

        public override string ColumnIsNotNull(string schema, string table, string column) =>
            "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + " AND column_name = " + Literal(column) +
            " AND is_nullable = 'NO')";

        public override string IndexExists(string schema, string table, string index) =>
            "EXISTS (SELECT 1 FROM information_schema.statistics WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + " AND index_name = " + Literal(index) + ")";

        public override string ConstraintExists(string schema, string table, string name) =>
            "EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + " AND constraint_name = " + Literal(name) + ")";

        /// <summary>The column's ENUM/SET definition lists the label (as information_schema prints it: quotes doubled).</summary>
        public string ColumnHasEnumValue(string table, string column, string label) =>
            "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + " AND column_name = " + Literal(column) +
            " AND LOCATE(" + Literal("'" + label.Replace("'", "''") + "'") + ", column_type) > 0)";

        /// <summary>The column has the type; integer display widths (int(11) on MariaDB and MySQL 5.7) do not count.</summary>
        public string ColumnTypeIs(string table, string column, string columnType) =>
            "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = " + Db + " AND table_name = " + Literal(table) + " AND column_name = " + Literal(column) +
            " AND (LOWER(column_type) = LOWER(" + Literal(columnType) + ")" +
            (columnType.IndexOf('(') < 0 ? " OR LOWER(REGEXP_REPLACE(column_type, '\\\\([0-9]+\\\\)', '')) = LOWER(" + Literal(columnType) + ")" : "") + "))";

        public override MigrationStatement Check(string condition, string message, StatementRole role) => SelectCheck(condition, message, role);

        public static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
