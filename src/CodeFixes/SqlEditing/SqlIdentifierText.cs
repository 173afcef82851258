using SchemaDrift.Core.Sql;

namespace SchemaDrift.CodeFixes.SqlEditing
{
    /// <summary>Writes a name as an SQL identifier of a dialect: bare when it can be, quoted the dialect's way when it must.</summary>
    internal static class SqlIdentifierText
    {
        public static SqlDialect Dialect(string? provider) => provider switch
        {
            "postgres" => SqlDialect.PostgreSql,
            "mysql" => SqlDialect.MySql,
            _ => SqlDialect.Sqlite,
        };

        /// <summary>Whether the identifier as written was quoted (and with which character).</summary>
        public static char? QuoteOf(string written)
        {
            if (written.Length >= 2)
            {
                var c = written[0];
                if (c == '"' || c == '`' || c == '[') return c;
            }
            return null;
        }

        public static string Unquote(string written)
        {
            var q = QuoteOf(written);
            if (q == null) return written;
            var close = q == '[' ? ']' : q.Value;
            var inner = written.Substring(1, written.Length - 2);
            return q == '[' ? inner : inner.Replace(new string(close, 2), close.ToString());
        }

        /// <summary>
        /// The SQL text for <paramref name="name"/>, keeping the quoting style the code already used
        /// (<paramref name="originalQuote"/>) and quoting when the dialect requires it.
        /// </summary>
        public static string Write(string name, SqlDialect dialect, char? originalQuote)
        {
            if (originalQuote == null && !NeedsQuotes(name, dialect)) return name;
            var open = originalQuote ?? (dialect == SqlDialect.MySql ? '`' : '"');
            if (open == '[') return "[" + name + "]";
            return open + name.Replace(open.ToString(), new string(open, 2)) + open;
        }

        public static bool NeedsQuotes(string name, SqlDialect dialect)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return true;
            foreach (var c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_')) return true;
                // PostgreSQL folds unquoted names to lower case: an upper-case name needs quotes.
                if (dialect == SqlDialect.PostgreSql && char.IsUpper(c)) return true;
                if (c > 127) return true;
            }
            return SqlKeywords.IsReserved(name, dialect);
        }
    }
}
