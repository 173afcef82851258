using System;
using System.Collections.Generic;
using System.Text;

namespace SchemaDrift.Core.Sql
{
    /// <summary>
    /// Splits SQL into tokens the way each engine does: its quoting characters, its
    /// comments, its string escapes and its parameter markers. Linear in the input;
    /// never throws. Returns false for text it cannot tokenize with confidence
    /// (an unterminated quote, MySQL's executable comments), which callers treat as
    /// "not analyzed".
    /// </summary>
    public static class SqlLexer
    {
        public static bool TryTokenize(string sql, SqlDialect dialect, out List<SqlToken> tokens)
        {
            var buffer = new SqlTokenBuffer(new SqlToken[InitialCapacity(sql)]);
            var ok = Tokenize(sql, dialect, ref buffer);
            tokens = new List<SqlToken>(new ArraySegment<SqlToken>(buffer.Items, 0, buffer.Count));
            return ok;
        }

        /// <summary>
        /// Typical SQL has a token every three characters or so: sized once for ordinary queries,
        /// and capped so that a long script with large literals does not reserve far more than it uses.
        /// </summary>
        internal static int InitialCapacity(string sql) => Math.Min(sql.Length / 3 + 4, 1024);

        /// <summary>Appends the tokens of <paramref name="sql"/> to <paramref name="tokens"/> (the parser's reused buffer).</summary>
        internal static bool Tokenize(string sql, SqlDialect dialect, ref SqlTokenBuffer tokens)
        {
            var i = 0;
            var n = sql.Length;
            while (i < n)
            {
                var c = sql[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                // Comments.
                if (c == '-' && i + 1 < n && sql[i + 1] == '-')
                {
                    // MySQL requires whitespace (or end) after "--" for a comment.
                    if (dialect != SqlDialect.MySql || i + 2 >= n || char.IsWhiteSpace(sql[i + 2]))
                    {
                        while (i < n && sql[i] != '\n') i++;
                        continue;
                    }
                }
                if (c == '#' && dialect == SqlDialect.MySql)
                {
                    while (i < n && sql[i] != '\n') i++;
                    continue;
                }
                if (c == '/' && i + 1 < n && sql[i + 1] == '*')
                {
                    if (dialect == SqlDialect.MySql && i + 2 < n && (sql[i + 2] == '!' || sql[i + 2] == '+'))
                    {
                        // /*! ... */ is executed by MySQL; /*+ ... */ are optimizer hints. Not worth guessing.
                        if (sql[i + 2] == '!') return false;
                    }
                    if (!SkipBlockComment(sql, ref i, dialect == SqlDialect.PostgreSql)) return false;
                    continue;
                }

                var start = i;

                // Strings and quoted identifiers.
                if (c == '\'')
                {
                    if (!ReadQuoted(sql, ref i, '\'', dialect == SqlDialect.MySql, out var value)) return false;
                    tokens.Add(new SqlToken(SqlTokenKind.String, start, sql.Substring(start, i - start), value));
                    continue;
                }
                if (c == '"')
                {
                    if (!ReadQuoted(sql, ref i, '"', dialect == SqlDialect.MySql, out var value)) return false;
                    var kind = dialect == SqlDialect.MySql ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier;
                    tokens.Add(new SqlToken(kind, start, sql.Substring(start, i - start), value));
                    continue;
                }
                if (c == '`' && dialect != SqlDialect.PostgreSql)
                {
                    if (!ReadQuoted(sql, ref i, '`', false, out var value)) return false;
                    tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, start, sql.Substring(start, i - start), value));
                    continue;
                }
                if (c == '[' && dialect == SqlDialect.Sqlite)
                {
                    var close = sql.IndexOf(']', i + 1);
                    if (close < 0) return false;
                    i = close + 1;
                    tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, start, sql.Substring(start, i - start), sql.Substring(start + 1, close - start - 1)));
                    continue;
                }

                // Prefixed strings: E'..' (PG escapes), X'..' / B'..' / N'..', U&'..' and U&"..".
                if ((c == 'E' || c == 'e' || c == 'X' || c == 'x' || c == 'B' || c == 'b' || c == 'N' || c == 'n') &&
                    i + 1 < n && sql[i + 1] == '\'' && (i == 0 || !IsIdentPart(sql[i - 1])))
                {
                    i++;
                    var backslash = dialect == SqlDialect.MySql || c == 'E' || c == 'e';
                    if (!ReadQuoted(sql, ref i, '\'', backslash, out var value)) return false;
                    tokens.Add(new SqlToken(SqlTokenKind.String, start, sql.Substring(start, i - start), value));
                    continue;
                }
                if ((c == 'U' || c == 'u') && dialect == SqlDialect.PostgreSql && i + 2 < n && sql[i + 1] == '&' && (sql[i + 2] == '\'' || sql[i + 2] == '"'))
                {
                    // Unicode escapes: keep it simple and do not analyze.
                    return false;
                }

                // Dollar quoting ($$...$$, $tag$...$tag$) and $1 parameters on PostgreSQL; $name on SQLite.
                if (c == '$')
                {
                    if (dialect == SqlDialect.PostgreSql)
                    {
                        if (i + 1 < n && char.IsDigit(sql[i + 1]))
                        {
                            i++;
                            while (i < n && char.IsDigit(sql[i])) i++;
                            tokens.Add(Plain(SqlTokenKind.Parameter, sql, start, i - start));
                            continue;
                        }
                        var tagEnd = i + 1;
                        while (tagEnd < n && IsIdentPart(sql[tagEnd]) && sql[tagEnd] != '$') tagEnd++;
                        if (tagEnd < n && sql[tagEnd] == '$')
                        {
                            var tag = sql.Substring(i, tagEnd - i + 1);
                            var close = sql.IndexOf(tag, tagEnd + 1, System.StringComparison.Ordinal);
                            if (close < 0) return false;
                            i = close + tag.Length;
                            tokens.Add(new SqlToken(SqlTokenKind.String, start, sql.Substring(start, i - start), sql.Substring(tagEnd + 1, close - tagEnd - 1)));
                            continue;
                        }
                        return false;
                    }
                    if (dialect == SqlDialect.Sqlite && i + 1 < n && IsIdentStart(sql[i + 1]))
                    {
                        i++;
                        while (i < n && (IsIdentPart(sql[i]) || sql[i] == ':')) i++;
                        tokens.Add(Plain(SqlTokenKind.Parameter, sql, start, i - start));
                        continue;
                    }
                    return false;
                }

                // Parameters: @name (all: Npgsql, MySqlConnector, SQLite; MySQL user variables too), :name, ?, ?1.
                if (c == '@')
                {
                    i++;
                    if (i < n && sql[i] == '@' && dialect == SqlDialect.MySql)
                    {
                        // MySQL system variable @@x or @@session.x.
                        i++;
                        while (i < n && (IsIdentPart(sql[i]) || sql[i] == '.')) i++;
                    }
                    else if (i < n && (sql[i] == '\'' || sql[i] == '"' || sql[i] == '`'))
                    {
                        if (!ReadQuoted(sql, ref i, sql[i], false, out _)) return false;
                    }
                    else
                    {
                        while (i < n && IsIdentPart(sql[i])) i++;
                    }
                    if (i - start == 1)
                    {
                        // PostgreSQL operators such as @>, @@ and @.
                        while (i < n && IsOperatorChar(sql[i])) i++;
                        tokens.Add(Plain(SqlTokenKind.Operator, sql, start, i - start));
                        continue;
                    }
                    tokens.Add(Shared(SqlTokenKind.Parameter, sql, start, i - start));
                    continue;
                }
                if (c == ':' && i + 1 < n && (sql[i + 1] == ':' || sql[i + 1] == '='))
                {
                    // PostgreSQL casts (::) and assignments (:=).
                    tokens.Add(Shared(SqlTokenKind.Operator, sql, start, 2));
                    i += 2;
                    continue;
                }
                if (c == ':' && i + 1 < n && IsIdentStart(sql[i + 1]) && (i == 0 || sql[i - 1] != ':') && dialect != SqlDialect.MySql)
                {
                    i++;
                    while (i < n && IsIdentPart(sql[i])) i++;
                    tokens.Add(Plain(SqlTokenKind.Parameter, sql, start, i - start));
                    continue;
                }
                if (c == '?' && dialect != SqlDialect.PostgreSql)
                {
                    i++;
                    while (i < n && (char.IsDigit(sql[i]) || (dialect == SqlDialect.MySql && IsIdentPart(sql[i])))) i++;
                    tokens.Add(Plain(SqlTokenKind.Parameter, sql, start, i - start));
                    continue;
                }

                // Numbers (including .5, 1e10, 0x1F).
                if (char.IsDigit(c) || (c == '.' && i + 1 < n && char.IsDigit(sql[i + 1])))
                {
                    if (c == '0' && i + 1 < n && (sql[i + 1] == 'x' || sql[i + 1] == 'X'))
                    {
                        i += 2;
                        while (i < n && IsHex(sql[i])) i++;
                    }
                    else
                    {
                        while (i < n && (char.IsDigit(sql[i]) || sql[i] == '_')) i++;
                        if (i < n && sql[i] == '.' && !(i + 1 < n && sql[i + 1] == '.'))
                        {
                            i++;
                            while (i < n && char.IsDigit(sql[i])) i++;
                        }
                        if (i < n && (sql[i] == 'e' || sql[i] == 'E') && i + 1 < n &&
                            (char.IsDigit(sql[i + 1]) || ((sql[i + 1] == '+' || sql[i + 1] == '-') && i + 2 < n && char.IsDigit(sql[i + 2]))))
                        {
                            i += 2;
                            while (i < n && char.IsDigit(sql[i])) i++;
                        }
                    }
                    // 1abc is an identifier in MySQL ("1e" tables etc.); don't guess.
                    if (i < n && IsIdentStart(sql[i]) && dialect == SqlDialect.MySql) return false;
                    tokens.Add(Shared(SqlTokenKind.Number, sql, start, i - start));
                    continue;
                }

                // Words.
                if (IsIdentStart(c))
                {
                    i++;
                    while (i < n && (IsIdentPart(c = sql[i]) || (c == '$' && dialect != SqlDialect.Sqlite))) i++;
                    tokens.Add(Shared(SqlTokenKind.Word, sql, start, i - start));
                    continue;
                }

                switch (c)
                {
                    case '(':
                        tokens.Add(new SqlToken(SqlTokenKind.LeftParen, i, "(", "("));
                        i++;
                        continue;
                    case ')':
                        tokens.Add(new SqlToken(SqlTokenKind.RightParen, i, ")", ")"));
                        i++;
                        continue;
                    case '[':
                        tokens.Add(new SqlToken(SqlTokenKind.LeftBracket, i, "[", "["));
                        i++;
                        continue;
                    case ']':
                        tokens.Add(new SqlToken(SqlTokenKind.RightBracket, i, "]", "]"));
                        i++;
                        continue;
                    case ',':
                        tokens.Add(new SqlToken(SqlTokenKind.Comma, i, ",", ","));
                        i++;
                        continue;
                    case ';':
                        tokens.Add(new SqlToken(SqlTokenKind.Semicolon, i, ";", ";"));
                        i++;
                        continue;
                    case '.':
                        tokens.Add(new SqlToken(SqlTokenKind.Dot, i, ".", "."));
                        i++;
                        continue;
                }

                // Operators: the longest run of operator characters, as PostgreSQL reads them,
                // except that a trailing + or - belongs to the next operand ("a<-1").
                if (IsOperatorChar(c))
                {
                    while (i < n && IsOperatorChar(sql[i]))
                    {
                        if (i > start && (sql[i] == '-' && i + 1 < n && sql[i + 1] == '-')) break;
                        if (i > start && sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') break;
                        i++;
                    }
                    if (sql.IndexOfAny(PgSpecial, start, i - start) < 0)
                    {
                        while (i - start > 1 && (sql[i - 1] == '+' || sql[i - 1] == '-')) i--;
                    }
                    tokens.Add(Shared(SqlTokenKind.Operator, sql, start, i - start));
                    continue;
                }
                if (c == ':' || c == '\\' || c == '{' || c == '}')
                {
                    tokens.Add(Plain(SqlTokenKind.Operator, sql, i, 1));
                    i++;
                    continue;
                }
                return false;
            }
            tokens.Add(new SqlToken(SqlTokenKind.End, n, "", ""));
            return true;
        }

        /// <summary>A word, operator, number or @parameter: one string for a spelling met before (<see cref="SqlSpellings"/>).</summary>
        private static SqlToken Shared(SqlTokenKind kind, string sql, int start, int length)
        {
            var text = SqlSpellings.Share(sql, start, length);
            return new SqlToken(kind, start, text, text);
        }

        /// <summary>A token whose value is its text: one string for both, not two copies.</summary>
        private static SqlToken Plain(SqlTokenKind kind, string sql, int start, int length)
        {
            var text = sql.Substring(start, length);
            return new SqlToken(kind, start, text, text);
        }

        private static readonly char[] PgSpecial = { '~', '!', '@', '#', '%', '^', '&', '|', '`', '?' };

        private static bool IsOperatorChar(char c) =>
            c == '+' || c == '-' || c == '*' || c == '/' || c == '<' || c == '>' || c == '=' || c == '~' || c == '!' ||
            c == '%' || c == '^' || c == '&' || c == '|' || c == '#' || c == '?' || c == '@';

        private static bool IsHex(char c) => char.IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        public static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_' || c > 127;

        public static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 127;

        private static bool SkipBlockComment(string sql, ref int i, bool nested)
        {
            var depth = 0;
            var n = sql.Length;
            while (i < n)
            {
                if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*')
                {
                    if (depth == 0 || nested) depth++;
                    i += 2;
                    continue;
                }
                if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/')
                {
                    depth--;
                    i += 2;
                    if (depth == 0) return true;
                    continue;
                }
                i++;
            }
            return false;
        }

        /// <summary>Reads a quoted run where a doubled quote stands for one (and, if asked, backslash escapes).</summary>
        private static bool ReadQuoted(string sql, ref int i, char quote, bool backslashEscapes, out string value)
        {
            var sb = new StringBuilder();
            i++; // opening quote
            var n = sql.Length;
            while (i < n)
            {
                var c = sql[i];
                if (backslashEscapes && c == '\\' && i + 1 < n)
                {
                    sb.Append(Unescape(sql[i + 1]));
                    i += 2;
                    continue;
                }
                if (c == quote)
                {
                    if (i + 1 < n && sql[i + 1] == quote)
                    {
                        sb.Append(quote);
                        i += 2;
                        continue;
                    }
                    i++;
                    value = sb.ToString();
                    return true;
                }
                sb.Append(c);
                i++;
            }
            value = sb.ToString();
            return false;
        }

        private static char Unescape(char c) => c switch
        {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            'b' => '\b',
            'Z' => '\u001a',
            _ => c,
        };
    }
}
