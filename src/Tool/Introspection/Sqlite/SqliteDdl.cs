namespace SchemaDrift.Tool.Introspection.Sqlite;

/// <summary>
/// What SQLite only keeps in the CREATE text (sqlite_schema.sql): CHECK constraints,
/// AUTOINCREMENT, partial index predicates and trigger timing. A small scanner that
/// respects quotes and comments; it never executes anything.
/// </summary>
internal static class SqliteDdl
{
    /// <summary>A token and where it sits in the DDL text.</summary>
    internal readonly record struct Tok(string Text, int Start, int End)
    {
        public static implicit operator string(Tok t) => t.Text;

        public bool Is(string s) => Text.Equals(s, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Splits DDL into tokens: words, quoted names/strings, and single punctuation characters.</summary>
    public static List<Tok> Tokens(string sql)
    {
        var tokens = new List<Tok>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                continue;
            }
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var start = i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
                tokens.Add(new Tok(sql.Substring(start, i - start), start, i));
                continue;
            }
            if (char.IsLetterOrDigit(c) || c == '_' || c > 127)
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$' || sql[i] > 127)) i++;
                tokens.Add(new Tok(sql.Substring(start, i - start), start, i));
                continue;
            }
            tokens.Add(new Tok(c.ToString(), i, i + 1));
            i++;
        }
        return tokens;
    }

    public static string Unquote(string token)
    {
        if (token.Length >= 2)
        {
            var c = token[0];
            if (c == '[' && token[^1] == ']') return token.Substring(1, token.Length - 2);
            if ((c == '"' || c == '`' || c == '\'') && token[^1] == c)
                return token.Substring(1, token.Length - 2).Replace(new string(c, 2), c.ToString());
        }
        return token;
    }

    /// <summary>The original text from token <paramref name="start"/> up to (not including) token <paramref name="end"/>.</summary>
    public static string Slice(string sql, List<Tok> tokens, int start, int end)
    {
        if (start >= end || start >= tokens.Count) return "";
        var last = Math.Min(end, tokens.Count) - 1;
        return sql.Substring(tokens[start].Start, tokens[last].End - tokens[start].Start).Trim();
    }

    /// <summary>CHECK constraints of a CREATE TABLE, with their names where given.</summary>
    public static List<(string? Name, string Expression)> Checks(string createTable)
    {
        var result = new List<(string?, string)>();
        // Most tables have none; skip tokenizing their DDL (a word inside a quoted name only
        // costs the scan below, which then finds no CHECK token).
        if (createTable.IndexOf("CHECK", StringComparison.OrdinalIgnoreCase) < 0) return result;
        var t = Tokens(createTable);
        for (var i = 0; i < t.Count; i++)
        {
            if (!t[i].Is("CHECK") || i + 1 >= t.Count || t[i + 1].Text != "(") continue;
            string? name = null;
            if (i >= 2 && t[i - 2].Is("CONSTRAINT")) name = Unquote(t[i - 1]);
            var depth = 0;
            var j = i + 1;
            for (; j < t.Count; j++)
            {
                if (t[j].Text == "(") depth++;
                else if (t[j].Text == ")" && --depth == 0) break;
            }
            result.Add((name, Slice(createTable, t, i + 2, Math.Min(j, t.Count))));
            i = j;
        }
        return result;
    }

    public static bool HasAutoIncrement(string createTable) =>
        createTable.IndexOf("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase) >= 0 &&
        Tokens(createTable).Any(x => x.Is("AUTOINCREMENT"));

    /// <summary>The WHERE clause of a partial CREATE INDEX, or null.</summary>
    public static string? IndexPredicate(string createIndex)
    {
        var t = Tokens(createIndex);
        var depth = 0;
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Text == "(") depth++;
            else if (t[i].Text == ")") depth--;
            else if (depth == 0 && t[i].Is("WHERE")) return Slice(createIndex, t, i + 1, t.Count);
        }
        return null;
    }

    /// <summary>Timing (BEFORE/AFTER/INSTEAD OF) and events of a CREATE TRIGGER.</summary>
    public static (string Timing, List<string> Events) Trigger(string createTrigger)
    {
        var t = Tokens(createTrigger);
        var timing = "BEFORE";
        var events = new List<string>();
        for (var i = 0; i < t.Count; i++)
        {
            var w = t[i].Text.ToUpperInvariant();
            if (w == "ON") break;
            if (w is "BEFORE" or "AFTER") timing = w;
            else if (w == "INSTEAD") timing = "INSTEAD OF";
            else if (w is "INSERT" or "UPDATE" or "DELETE") events.Add(w);
        }
        return (timing, events);
    }
}
