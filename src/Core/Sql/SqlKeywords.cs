using System;
using System.Collections.Generic;

namespace SchemaDrift.Core.Sql
{
    /// <summary>
    /// Words the parser must not take for names. A word listed as reserved for a
    /// dialect cannot be an unquoted column or alias there, so if one shows up where a
    /// name was expected the parser has misread the statement and gives up on it
    /// instead of reporting a false drift.
    /// </summary>
    public static class SqlKeywords
    {
        /// <summary>Words that end a FROM item or select item: never an implicit alias.</summary>
        private static readonly HashSet<string> ClauseWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT",
            "EXCEPT", "MINUS", "WINDOW", "FOR", "INTO", "ON", "USING", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
            "OUTER", "CROSS", "NATURAL", "STRAIGHT_JOIN", "LATERAL", "SET", "VALUES", "RETURNING", "WITH", "AS",
            "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "END", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "TABLESAMPLE",
            "USE", "FORCE", "IGNORE", "INDEXED", "PARTITION", "LOCK", "PROCEDURE", "DO", "CONFLICT", "DUPLICATE",
            "QUALIFY", "COLLATE", "ESCAPE", "GLOB", "REGEXP", "RLIKE", "MATCH", "OVER", "FILTER", "ASC", "DESC",
            "NULLS", "ROWS", "RANGE", "GROUPS", "BY", "CASE", "DEFAULT", "ALL", "ANY", "SOME", "DISTINCT",
            "EXISTS", "NULL", "TRUE", "FALSE", "TO", "UNIQUE", "PRIMARY", "CHECK", "REFERENCES", "CONSTRAINT",
        };

        private static readonly HashSet<string> Common = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ALL", "AND", "ANY", "AS", "ASC", "BETWEEN", "BOTH", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN",
            "CONSTRAINT", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "DEFAULT",
            "DESC", "DISTINCT", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FOREIGN", "FROM",
            "FULL", "GROUP", "HAVING", "IN", "INNER", "INTERSECT", "INTO", "IS", "JOIN", "LEADING", "LEFT", "LIKE",
            "LIMIT", "NATURAL", "NOT", "NULL", "ON", "OR", "ORDER", "OUTER", "PRIMARY", "REFERENCES", "RIGHT",
            "SELECT", "SET", "SOME", "TABLE", "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "USING",
            "VALUES", "WHEN", "WHERE", "WITH",
        };

        private static readonly HashSet<string> PostgresOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ANALYSE", "ANALYZE", "ARRAY", "ASYMMETRIC", "AUTHORIZATION", "BINARY", "CONCURRENTLY", "CURRENT_CATALOG",
            "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_USER", "DEFERRABLE", "DO", "FREEZE", "GRANT", "ILIKE",
            "INITIALLY", "ISNULL", "LATERAL", "LOCALTIME", "LOCALTIMESTAMP", "NOTNULL", "OFFSET", "ONLY",
            "OVERLAPS", "PLACING", "RETURNING", "SESSION_USER", "SIMILAR", "SYMMETRIC", "SYSTEM_USER",
            "TABLESAMPLE", "USER", "VARIADIC", "VERBOSE", "WINDOW",
        };

        private static readonly HashSet<string> MySqlOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ACCESSIBLE", "ADD", "ALTER", "BEFORE", "BIGINT", "BINARY", "BLOB", "CALL", "CHANGE", "CHAR",
            "CHARACTER", "CONDITION", "CONTINUE", "CONVERT", "CURRENT_USER", "CURSOR", "DATABASE",
            "DATABASES", "DAY_HOUR", "DAY_MICROSECOND", "DAY_MINUTE", "DAY_SECOND", "DEC", "DECIMAL", "DECLARE",
            "DELAYED", "DELETE", "DESCRIBE", "DETERMINISTIC", "DISTINCTROW", "DIV", "DOUBLE", "DROP", "DUAL",
            "EACH", "ELSEIF", "ENCLOSED", "ESCAPED", "EXIT", "EXPLAIN", "FLOAT", "FORCE", "FULLTEXT",
            "GRANT", "HIGH_PRIORITY", "HOUR_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE",
            "INDEX", "INFILE", "INOUT", "INSERT", "INT", "INTEGER", "INTERVAL", "ITERATE", "KEY", "KEYS", "KILL",
            "LEAVE", "LINEAR", "LINES", "LOAD", "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG", "LONGBLOB",
            "LONGTEXT", "LOOP", "LOW_PRIORITY", "MATCH", "MEDIUMBLOB", "MEDIUMINT", "MEDIUMTEXT",
            "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "NO_WRITE_TO_BINLOG", "NUMERIC",
            "OPTIMIZE", "OPTION", "OPTIONALLY", "OUT", "OUTFILE", "PRECISION", "PROCEDURE", "PURGE", "RANGE",
            "READ", "READS", "REAL", "REGEXP", "RELEASE", "RENAME", "REPEAT", "REPLACE", "REQUIRE", "RESTRICT",
            "RETURN", "REVOKE", "RLIKE", "SCHEMA", "SCHEMAS", "SECOND_MICROSECOND", "SEPARATOR", "SHOW",
            "SMALLINT", "SPATIAL", "SPECIFIC", "SQL", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING",
            "SQL_BIG_RESULT", "SQL_CALC_FOUND_ROWS", "SQL_SMALL_RESULT", "SSL", "STARTING", "STRAIGHT_JOIN",
            "TERMINATED", "TINYBLOB", "TINYINT", "TINYTEXT", "TRIGGER", "UNDO", "UNLOCK", "UNSIGNED", "UPDATE",
            "USAGE", "USE", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "VARBINARY", "VARCHAR", "VARCHARACTER",
            "VARYING", "WHILE", "WRITE", "XOR", "YEAR_MONTH", "ZEROFILL", "RECURSIVE", "WINDOW", "OVER",
        };

        private static readonly HashSet<string> SqliteOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ABORT", "ACTION", "ADD", "AFTER", "ALTER", "ALWAYS", "ATTACH", "AUTOINCREMENT", "BEFORE", "BEGIN",
            "COMMIT", "CONFLICT", "DEFERRABLE", "DEFERRED", "DELETE", "DETACH", "DROP", "EACH", "ESCAPE",
            "EXCLUSIVE", "EXPLAIN", "GLOB", "IMMEDIATE", "INDEX", "INDEXED", "INSERT", "INSTEAD", "ISNULL",
            "NOTHING", "NOTNULL", "OFFSET", "PRAGMA", "RAISE", "REGEXP", "REINDEX", "RELEASE", "RENAME",
            "REPLACE", "RESTRICT", "RETURNING", "ROLLBACK", "SAVEPOINT", "TEMP", "TEMPORARY", "TRANSACTION",
            "TRIGGER", "UPDATE", "VACUUM", "VIEW", "VIRTUAL",
        };

        /// <summary>Niladic keywords that are values, not columns (CURRENT_DATE…).</summary>
        private static readonly HashSet<string> ValueWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER",
            "SESSION_USER", "CURRENT_ROLE", "CURRENT_CATALOG", "CURRENT_SCHEMA", "SYSTEM_USER", "UTC_DATE",
            "UTC_TIME", "UTC_TIMESTAMP",
        };

        // A filter in front of the sets: per word length, which first and last characters any listed
        // word has (bits 0-27 and 32-59: a-z, '_', anything else). Most names fail it (t198, id,
        // parent_id), so the parser's several keyword tests per identifier touch these few cache
        // lines instead of a hash set each. Inside a compile the sets are evicted between two call
        // sites, and the lookups were a large part of a cold parse (history item 24).
        private const int FilterLengths = 32;
        private static readonly ulong[] Filter = BuildFilter();

        private static ulong[] BuildFilter()
        {
            var filter = new ulong[FilterLengths];
            foreach (var set in new[] { ClauseWords, Common, PostgresOnly, MySqlOnly, SqliteOnly, ValueWords })
            {
                foreach (var w in set) Mark(filter, w);
            }
            Mark(filter, "USER");
            return filter;
        }

        private static void Mark(ulong[] filter, string w)
        {
            if (w.Length >= FilterLengths) return; // longer words are never filtered out
            filter[w.Length] |= (1UL << Slot(w[0])) | (1UL << (32 + Slot(w[w.Length - 1])));
        }

        private static int Slot(char c)
        {
            var lower = (char)(c | 0x20);
            if (lower >= 'a' && lower <= 'z') return lower - 'a';
            return c == '_' ? 26 : 27;
        }

        /// <summary>False when no listed word has this word's length, first and last character (case-insensitive).</summary>
        private static bool MaybeListed(string word)
        {
            var n = word.Length;
            if (n == 0) return false;
            if (n >= FilterLengths) return true;
            var first = word[0];
            var last = word[n - 1];
            // Outside ASCII the filter cannot know what the sets' case-insensitive comparer does on every runtime the analyzers run on: ask the sets.
            if (first > 0x7F || last > 0x7F) return true;
            var bits = Filter[n];
            return (bits & (1UL << Slot(first))) != 0 && (bits & (1UL << (32 + Slot(last)))) != 0;
        }

        public static bool IsClauseWord(string word) => MaybeListed(word) && ClauseWords.Contains(word);

        public static bool IsValueWord(string word, SqlDialect dialect) =>
            MaybeListed(word) &&
            (ValueWords.Contains(word) || (dialect == SqlDialect.PostgreSql && string.Equals(word, "USER", StringComparison.OrdinalIgnoreCase)));

        public static bool IsReserved(string word, SqlDialect dialect)
        {
            if (!MaybeListed(word)) return false;
            if (Common.Contains(word)) return true;
            return dialect switch
            {
                SqlDialect.PostgreSql => PostgresOnly.Contains(word),
                SqlDialect.MySql => MySqlOnly.Contains(word),
                _ => SqliteOnly.Contains(word),
            };
        }
    }
}
