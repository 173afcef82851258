using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Core.Migrations.Dialects
{
    /// <summary>
    /// How one engine spells DDL: identifier quoting (every identifier, always, so hostile
    /// names — quotes, spaces, reserved words, unicode, mixed case — survive), literals,
    /// column definitions, and the catalog conditions the checks use.
    /// </summary>
    public abstract class MigrationDialect
    {
        public static MigrationDialect For(string provider) => provider switch
        {
            SqlProviders.Postgres => new PostgresDialect(),
            SqlProviders.MySql => new MySqlDialect(),
            _ => new SqliteDialect(),
        };

        public abstract string Provider { get; }

        /// <summary>Engine name for people: PostgreSQL, MySQL/MariaDB, SQLite.</summary>
        public abstract string DisplayName { get; }

        /// <summary>Longest identifier the engine keeps (PostgreSQL counts bytes and truncates silently).</summary>
        public abstract int MaxIdentifierLength { get; }

        /// <summary>Length of a name as the engine measures it.</summary>
        public virtual int IdentifierLength(string name) => name.Length;

        public abstract string Quote(string identifier);

        /// <summary>A table name as statements write it (schema-qualified where the engine has schemas).</summary>
        public abstract string Table(string schema, string name);

        public abstract string Literal(string value);

        /// <summary>
        /// Builds a generated object name (backup tables, temporary tables, constraints) that fits
        /// the engine's limit: truncated with a short hash suffix when needed, so two long names stay distinct.
        /// </summary>
        public string MakeName(string name)
        {
            if (IdentifierLength(name) <= MaxIdentifierLength) return name;
            string hash;
            using (var sha = SHA256.Create())
            {
                hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(name))).Replace("-", "").Substring(0, 8).ToLowerInvariant();
            }
            var keep = name;
            while (IdentifierLength(keep + "_" + hash) > MaxIdentifierLength && keep.Length > 0)
            {
                keep = keep.Substring(0, keep.Length - 1);
                // Never cut a surrogate pair in half.
                if (keep.Length > 0 && char.IsHighSurrogate(keep[keep.Length - 1])) keep = keep.Substring(0, keep.Length - 1);
            }
            return keep + "_" + hash;
        }

        /// <summary>Null when the name fits, else why it cannot be used as it is.</summary>
        public string? NameProblem(string name)
        {
            if (name.Length == 0) return "an empty name";
            if (name.IndexOf('\0') >= 0) return "a name with a NUL character";
            if (IdentifierLength(name) > MaxIdentifierLength)
            {
                return "the name '" + name + "' is longer than " + DisplayName + " allows (" + MaxIdentifierLength + (Provider == SqlProviders.Postgres ? " bytes" : " characters") +
                       (Provider == SqlProviders.Postgres ? "; PostgreSQL would silently truncate it" : "") + ")";
            }
            if (Provider == SqlProviders.MySql && name.EndsWith(" ", StringComparison.Ordinal)) return "a MySQL name ending in a space";
            return null;
        }

        /// <summary>The column's type as DDL (the enum type, quoted and qualified, on PostgreSQL).</summary>
        public virtual string ColumnType(ColumnInfo c) => c.Type;

        /// <summary>The column's default as a DDL expression, or null.</summary>
        public virtual string? DefaultSql(ColumnInfo c) => SchemaDiffer.NormalizeDefault(c.Default);

        /// <summary>A full column definition for CREATE TABLE / ADD COLUMN.</summary>
        public abstract string ColumnDefinition(ColumnInfo c, TableInfo? table, bool forceNullable = false);

        public string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));

        public virtual string IndexKeys(IndexInfo ix) =>
            string.Join(", ", ix.Columns.Select(k => (k.Name != null ? Quote(k.Name) : "(" + k.Expression + ")") + (k.Descending ? " DESC" : "")));

        public abstract string CreateIndex(string schema, string table, IndexInfo ix, bool concurrently);
        public abstract string DropIndex(string schema, string table, string name, bool concurrently);

        public string ForeignKeyClause(ForeignKeyInfo fk, string schema)
        {
            var sb = new StringBuilder();
            if (fk.Name.Length > 0 && Provider != SqlProviders.Sqlite) sb.Append("CONSTRAINT ").Append(Quote(fk.Name)).Append(' ');
            sb.Append("FOREIGN KEY (").Append(ColumnList(fk.Columns)).Append(") REFERENCES ")
              .Append(Table(fk.ReferencedSchema ?? schema, fk.ReferencedTable)).Append(" (").Append(ColumnList(fk.ReferencedColumns)).Append(')');
            if (!IsDefaultAction(fk.OnDelete)) sb.Append(" ON DELETE ").Append(fk.OnDelete.ToUpperInvariant());
            if (!IsDefaultAction(fk.OnUpdate)) sb.Append(" ON UPDATE ").Append(fk.OnUpdate.ToUpperInvariant());
            return sb.ToString();
        }

        private static bool IsDefaultAction(string? a) => string.IsNullOrEmpty(a) || a!.Equals("NO ACTION", StringComparison.OrdinalIgnoreCase);

        public string CheckClause(CheckInfo ck) =>
            (ck.Name != null ? "CONSTRAINT " + Quote(ck.Name) + " " : "") +
            "CHECK (" + StripOuterParens(ck.Expression) + ")";

        public static string StripOuterParens(string e)
        {
            var s = e.Trim();
            while (s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal) && Balanced(s.Substring(1, s.Length - 2)))
            {
                s = s.Substring(1, s.Length - 2).Trim();
            }
            return s;
        }

        private static bool Balanced(string s)
        {
            var depth = 0;
            var quote = '\0';
            foreach (var ch in s)
            {
                if (quote != '\0')
                {
                    if (ch == quote) quote = '\0';
                    continue;
                }
                if (ch == '\'' || ch == '"' || ch == '`') quote = ch;
                else if (ch == '(') depth++;
                else if (ch == ')' && --depth < 0) return false;
            }
            return depth == 0;
        }

        /// <summary>CREATE TABLE with every column and constraint inline.</summary>
        public abstract string CreateTable(TableInfo t, string? name = null, ICollection<ForeignKeyInfo>? skipForeignKeys = null);

        // ---- conditions used by checks (SQL boolean expressions) ----

        public abstract string TableExists(string schema, string table);
        public abstract string ColumnExists(string schema, string table, string column);
        public abstract string ColumnIsNotNull(string schema, string table, string column);
        public abstract string IndexExists(string schema, string table, string index);
        public abstract string ConstraintExists(string schema, string table, string name);

        public string NoRows(string selectFromWhere) => "NOT EXISTS (" + selectFromWhere + ")";

        public string NoNulls(string schema, string table, string column) =>
            NoRows("SELECT 1 FROM " + Table(schema, table) + " WHERE " + Quote(column) + " IS NULL");

        public string NoDuplicates(string schema, string table, IEnumerable<string> columns)
        {
            var list = columns.ToList();
            return NoRows("SELECT 1 FROM " + Table(schema, table) + " WHERE " + string.Join(" AND ", list.Select(c => Quote(c) + " IS NOT NULL")) +
                          " GROUP BY " + ColumnList(list) + " HAVING COUNT(*) > 1");
        }

        public string NoOrphans(string schema, string table, ForeignKeyInfo fk)
        {
            var child = Table(schema, table);
            var parent = Table(fk.ReferencedSchema ?? schema, fk.ReferencedTable);
            var join = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, p) => "p." + Quote(p) + " = c." + Quote(c)));
            return NoRows("SELECT 1 FROM " + child + " c WHERE " + string.Join(" AND ", fk.Columns.Select(c => "c." + Quote(c) + " IS NOT NULL")) +
                          " AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + join + ")");
        }

        public string NoValue(string schema, string table, string column, string value) =>
            NoRows("SELECT 1 FROM " + Table(schema, table) + " WHERE " + CastToText(Quote(column)) + " = " + Literal(value));

        public virtual string CastToText(string expression) => expression;

        public abstract string LengthFunction { get; }

        public string AllFit(string schema, string table, string column, int maxLength) =>
            NoRows("SELECT 1 FROM " + Table(schema, table) + " WHERE " + LengthFunction + "(" + Quote(column) + ") > " + maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // ---- counts for data-aware warnings ----

        public string CountRows(string schema, string table) => "SELECT COUNT(*) FROM " + Table(schema, table);

        public string CountNonNull(string schema, string table, string column) =>
            "SELECT COUNT(*) FROM " + Table(schema, table) + " WHERE " + Quote(column) + " IS NOT NULL";

        public string CountNull(string schema, string table, string column) =>
            "SELECT COUNT(*) FROM " + Table(schema, table) + " WHERE " + Quote(column) + " IS NULL";

        public string CountValue(string schema, string table, string column, string value) =>
            "SELECT COUNT(*) FROM " + Table(schema, table) + " WHERE " + CastToText(Quote(column)) + " = " + Literal(value);

        public string CountLongerThan(string schema, string table, string column, int max) =>
            "SELECT COUNT(*) FROM " + Table(schema, table) + " WHERE " + LengthFunction + "(" + Quote(column) + ") > " + max.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A validation statement: fails (PostgreSQL raises; elsewhere returns 0 and push fails) when the condition is false.</summary>
        public abstract MigrationStatement Check(string condition, string message, StatementRole role);

        /// <summary>Statements that open and close a transaction block, or null where DDL cannot be transactional.</summary>
        public abstract bool TransactionalDdl { get; }

        /// <summary>A placeholder value existing rows get when a NOT NULL column without default is added (the CLR default, as EF Core does).</summary>
        public virtual string? ZeroValue(ColumnInfo c, IList<string>? enumLabels)
        {
            var family = c.Family.Length > 0 ? c.Family : TypeFamily.Of(Provider, c.Type);
            switch (family)
            {
                case TypeFamily.Bool: return Provider == SqlProviders.Postgres ? "false" : "0";
                case TypeFamily.Int8:
                case TypeFamily.Int16:
                case TypeFamily.Int32:
                case TypeFamily.Int64:
                case TypeFamily.Decimal:
                case TypeFamily.Float32:
                case TypeFamily.Float64:
                    return "0";
                case TypeFamily.String: return "''";
                case TypeFamily.Guid: return "'00000000-0000-0000-0000-000000000000'";
                case TypeFamily.Date: return "'2000-01-01'";
                case TypeFamily.Time: return "'00:00:00'";
                case TypeFamily.DateTime: return "'2000-01-01 00:00:00'";
                case TypeFamily.DateTimeOffset: return Provider == SqlProviders.Postgres ? "'2000-01-01 00:00:00+00'" : "'2000-01-01 00:00:00'";
                case TypeFamily.Json: return "'{}'";
                case TypeFamily.Enum:
                    return enumLabels != null && enumLabels.Count > 0 ? Literal(enumLabels[0]) : null;
                case TypeFamily.Array: return Provider == SqlProviders.Postgres ? "'{}'" : null;
                case TypeFamily.Binary: return Provider == SqlProviders.Postgres ? "''::bytea" : Provider == SqlProviders.Sqlite ? "X''" : "''";
                default: return null;
            }
        }

        private static readonly Regex SafeType = new Regex(
            @"^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*\s*(\(\s*\d+\s*(,\s*\d+\s*)?\))?( [A-Za-z_][A-Za-z0-9_]*)*(\[\])*$",
            RegexOptions.CultureInvariant);

        private static readonly Regex EnumType = new Regex(@"^(enum|set)\s*\(\s*'([^'\\]|''|\\.)*'(\s*,\s*'([^'\\]|''|\\.)*')*\s*\)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>True for type text that is plainly a type name (from a model, not the engine): no statement can hide in it.</summary>
        public static bool IsPlainType(string type) => SafeType.IsMatch(type.Trim()) || EnumType.IsMatch(type.Trim());

        /// <summary>A check statement for MySQL and SQLite: SELECT returning 1 when the condition holds.</summary>
        protected static MigrationStatement SelectCheck(string condition, string message, StatementRole role)
        {
            var s = new MigrationStatement("SELECT CASE WHEN " + condition + " THEN 1 ELSE 0 END AS schemadrift_check", role) { CheckMessage = message };
            return s;
        }
    }
}
