using System.Collections.Generic;

namespace SchemaDrift.Core.Sql
{
    /// <summary>
    /// One shared string for the keywords and operators SQL is mostly made of, in the spellings
    /// people write them (SELECT, select; =, &lt;&gt;), so the lexer does not allocate a copy of
    /// every FROM and WHERE of every call site; and, per thread, for the names it met recently.
    /// Exact (ordinal) matches only: a token's text stays exactly as written. The keyword table
    /// is read-only after start-up, so any thread may look up.
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

        // Each slot keeps its string's hash beside it, so a probe compares the hash first and
        // only reads the string (elsewhere in the heap, a cache miss inside a compiler's large
        // working set) when the hashes agree: most tokens are names, and miss.
        private struct Slot
        {
            public string? Text;
            public int Hash;
        }

        private static readonly Slot[] Table = Build();

        // Names and parameters of the texts this thread parsed last (t220, parent_id, @p): a build
        // parses thousands of call sites that name the same tables and columns, and a new copy of
        // every name at every call site was the largest part of what the lexer allocated. A slot
        // is overwritten when another name hashes to it; long names are not kept, so the table
        // holds at most RecentSlots short strings a thread.
        private const int RecentSlots = 512; // a power of two
        private const int MaxRecentLength = 32;

        [System.ThreadStatic]
        private static Slot[]? t_recent;

        /// <summary>
        /// The string for <c>sql.Substring(start, length)</c>: a keyword's or operator's shared
        /// string, or the same spelling this thread met recently, else a new substring.
        /// </summary>
        public static string Share(string sql, int start, int length)
        {
            var hash = Hash(sql, start, length);
            return Common(sql, start, length, hash) ?? Recent(sql, start, length, hash);
        }

        /// <summary>The keyword's or operator's shared string when the text is one of those spellings exactly, else null.</summary>
        public static string? Common(string sql, int start, int length) => Common(sql, start, length, Hash(sql, start, length));

        private static string? Common(string sql, int start, int length, int hash)
        {
            var slot = hash & (Slots - 1);
            while (true)
            {
                ref readonly var entry = ref Table[slot];
                var candidate = entry.Text;
                if (candidate == null) return null;
                if (entry.Hash == hash && candidate.Length == length && string.CompareOrdinal(sql, start, candidate, 0, length) == 0) return candidate;
                slot = (slot + 1) & (Slots - 1);
            }
        }

        private static string Recent(string sql, int start, int length, int hash)
        {
            if (length > MaxRecentLength) return sql.Substring(start, length);
            var recent = t_recent ??= new Slot[RecentSlots];
            ref var entry = ref recent[hash & (RecentSlots - 1)];
            var candidate = entry.Text;
            if (candidate != null && entry.Hash == hash && candidate.Length == length &&
                string.CompareOrdinal(sql, start, candidate, 0, length) == 0)
            {
                return candidate;
            }
            entry.Text = sql.Substring(start, length);
            entry.Hash = hash;
            return entry.Text;
        }

        private static Slot[] Build()
        {
            var spellings = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var w in Words)
            {
                spellings.Add(w);
                spellings.Add(w.ToLowerInvariant());
            }
            foreach (var s in Symbols) spellings.Add(s);
            var table = new Slot[Slots];
            foreach (var s in spellings)
            {
                var hash = Hash(s, 0, s.Length);
                var slot = hash & (Slots - 1);
                while (table[slot].Text != null) slot = (slot + 1) & (Slots - 1);
                table[slot] = new Slot { Text = s, Hash = hash };
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
