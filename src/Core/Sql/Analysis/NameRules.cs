using System;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Core.Sql.Analysis
{
    /// <summary>
    /// How each engine matches a name written in SQL against a stored name.
    /// PostgreSQL folds unquoted names to lower case and matches exactly; MySQL
    /// compares column names case-insensitively (table names depend on the server's
    /// lower_case_table_names; we stay lenient); SQLite folds ASCII letters only.
    /// </summary>
    public static class NameRules
    {
        public static SqlDialect DialectOf(string provider) => provider switch
        {
            SqlProviders.Postgres => SqlDialect.PostgreSql,
            SqlProviders.MySql => SqlDialect.MySql,
            _ => SqlDialect.Sqlite,
        };

        /// <summary>The name as the engine will look it up (PostgreSQL folds unquoted names).</summary>
        public static string Effective(SqlIdentifier id, SqlDialect dialect) =>
            dialect == SqlDialect.PostgreSql && !id.Quoted ? FoldPostgres(id.Value) : id.Value;

        public static bool Matches(SqlIdentifier written, string stored, SqlDialect dialect)
        {
            switch (dialect)
            {
                case SqlDialect.PostgreSql:
                    return string.Equals(Effective(written, dialect), stored, StringComparison.Ordinal);
                case SqlDialect.MySql:
                    return string.Equals(written.Value, stored, StringComparison.OrdinalIgnoreCase);
                default:
                    return AsciiEqualsIgnoreCase(written.Value, stored);
            }
        }

        /// <summary>Compare two names both taken as the engine would store them (aliases, CTE names).</summary>
        public static bool SameName(string a, string b, SqlDialect dialect) =>
            dialect == SqlDialect.PostgreSql ? string.Equals(a, b, StringComparison.Ordinal) :
            dialect == SqlDialect.MySql ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) :
            AsciiEqualsIgnoreCase(a, b);

        /// <summary>PostgreSQL's downcase_identifier: ASCII A-Z only (multibyte left as is).</summary>
        public static string FoldPostgres(string s)
        {
            // Most names are written in lower case already: the same string, no copy.
            var first = 0;
            while (first < s.Length && !(s[first] >= 'A' && s[first] <= 'Z')) first++;
            if (first == s.Length) return s;
            var chars = s.ToCharArray();
            for (var i = first; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] + 32);
            }
            return new string(chars);
        }

        public static bool AsciiEqualsIgnoreCase(string a, string b)
        {
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++)
            {
                var x = a[i];
                var y = b[i];
                if (x == y) continue;
                if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
                if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
                if (x != y) return false;
            }
            return true;
        }
    }
}
