using System.Collections.Generic;

namespace SchemaDrift.Core.Sql
{
    /// <summary>
    /// One shared string for the keywords and operators SQL is mostly made of, in the spellings
    /// people write them (SELECT, select; =, &lt;&gt;), so the lexer does not allocate a copy of
    /// every FROM and WHERE of every call site. Exact (ordinal) matches only: a token's text stays
    /// exactly as written. Read-only after start-up, so any thread may look up.
    /// </summary>
    internal static class SqlSpellings
    {
        private const int Slots = 1024; // a power of two, about a third full

        private static readonly string[] Words =
        {
            "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "BY", "LIMIT", "OFFSET", "FETCH", "UNION", "ALL",
            "INTERSECT", "EXCEPT", "INTO", "ON", "USING", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS",
            "NATURAL", "LATERAL", "SET", "VALUES", "RETURNING", "WITH", "RECURSIVE", "AS", "AND", "OR", "NOT", "CASE",
            "WHEN", "THEN", "ELSE", "END", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "EXISTS", "NULL", "TRUE", "FALSE",
            "ASC", "DESC", "NULLS", "FIRST", "LAST", "DISTINCT", "INSERT", "UPDATE", "DELETE", "REPLACE", "DEFAULT",
            "CONFLICT", "DO", "NOTHING", "DUPLICATE", "KEY", "EXCLUDED", "OVER", "PARTITION", "FILTER", "ROWS",
            "CAST", "INTERVAL", "ANY", "SOME", "ESCAPE", "COLLATE", "FOR", "SHARE", "NOWAIT", "SKIP", "LOCKED",
            "COUNT", "SUM", "MIN", "MAX", "AVG", "COALESCE", "NULLIF", "LOWER", "UPPER", "LENGTH", "NOW", "ROUND",
            "ABS", "TRIM", "SUBSTRING", "CONCAT", "IFNULL", "GREATEST", "LEAST", "EXTRACT", "ARRAY", "ROW_NUMBER",
            "CURRENT_TIMESTAMP", "CURRENT_DATE",
        };

        private static readonly string[] Symbols =
        {
            "=", "<", ">", "<=", ">=", "<>", "!=", "*", "+", "-", "/", "%", "||", "::", "->", "->>", "#>", "#>>",
            "@>", "<@", "?", "~", "~*", "!~", "&&", "0", "1",
        };

        private static readonly string?[] Table = Build();

        /// <summary>The shared string for <c>sql.Substring(start, length)</c> when there is one, else that substring.</summary>
        public static string Share(string sql, int start, int length)
        {
            var slot = Hash(sql, start, length) & (Slots - 1);
            while (true)
            {
                var candidate = Table[slot];
                if (candidate == null) return sql.Substring(start, length);
                if (candidate.Length == length && string.CompareOrdinal(sql, start, candidate, 0, length) == 0) return candidate;
                slot = (slot + 1) & (Slots - 1);
            }
        }

        private static string?[] Build()
        {
            var spellings = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var w in Words)
            {
                spellings.Add(w);
                spellings.Add(w.ToLowerInvariant());
            }
            foreach (var s in Symbols) spellings.Add(s);
            var table = new string?[Slots];
            foreach (var s in spellings)
            {
                var slot = Hash(s, 0, s.Length) & (Slots - 1);
                while (table[slot] != null) slot = (slot + 1) & (Slots - 1);
                table[slot] = s;
            }
            return table;
        }

        private static int Hash(string s, int start, int length)
        {
            var h = length * 0x2D;
            for (var k = start; k < start + length; k++) h = (h * 31) + s[k];
            return h ^ (h >> 11);
        }
    }
}
