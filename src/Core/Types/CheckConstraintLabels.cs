using System;
using System.Collections.Generic;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Core.Types
{
    /// <summary>
    /// Reads the allowed values out of a CHECK constraint that lists them for one column:
    /// <c>status IN ('a','b')</c>, <c>status = 'a' OR status = 'b'</c>, and PostgreSQL's
    /// rendering <c>((status)::text = ANY ((ARRAY['a'::character varying, …])::text[]))</c>.
    /// Anything else (NOT, AND, other columns, expressions) yields null: not a value list.
    /// </summary>
    public static class CheckConstraintLabels
    {
        /// <summary>The string values the check allows for <paramref name="column"/>, or null when it is not such a list.</summary>
        public static IReadOnlyList<string>? For(string expression, string column, SqlDialect dialect)
        {
            if (!SqlLexer.TryTokenize(expression, dialect, out var raw)) return null;
            var tokens = new List<SqlToken>();
            for (var i = 0; i < raw.Count; i++)
            {
                var t = raw[i];
                if (t.Kind == SqlTokenKind.End) break;
                if (t.Kind == SqlTokenKind.LeftParen || t.Kind == SqlTokenKind.RightParen) continue;
                if (t.Kind == SqlTokenKind.Operator && t.Text == "::")
                {
                    // Skip the cast's type name: words, (n) modifiers and [] suffixes.
                    i++;
                    while (i < raw.Count)
                    {
                        var c = raw[i];
                        if (c.Kind == SqlTokenKind.Word && !c.IsWord("OR") && !c.IsWord("AND") && !c.IsWord("IN") && !c.IsWord("ANY")) i++;
                        else if (c.Kind == SqlTokenKind.Number || c.Kind == SqlTokenKind.LeftParen || c.Kind == SqlTokenKind.RightParen) i++;
                        else if (c.Kind == SqlTokenKind.LeftBracket && i + 1 < raw.Count && raw[i + 1].Kind == SqlTokenKind.RightBracket) i += 2;
                        else break;
                    }
                    i--;
                    continue;
                }
                tokens.Add(t);
            }
            if (tokens.Count > 0 && tokens[0].IsWord("CHECK")) tokens.RemoveAt(0);
            if (tokens.Count < 3 || !IsColumn(tokens[0], column)) return null;
            var values = new List<string>();
            var pos = 1;
            if (tokens[pos].IsWord("IN"))
            {
                pos++;
                return ReadList(tokens, pos, values, closing: false) ? values : null;
            }
            if (tokens[pos].IsOperator("=") && pos + 1 < tokens.Count && tokens[pos + 1].IsWord("ANY"))
            {
                pos += 2;
                if (pos < tokens.Count && tokens[pos].IsWord("ARRAY")) pos++;
                if (pos >= tokens.Count || tokens[pos].Kind != SqlTokenKind.LeftBracket) return null;
                pos++;
                return ReadList(tokens, pos, values, closing: true) ? values : null;
            }
            // col = 'a' OR col = 'b' …
            pos = 0;
            while (pos < tokens.Count)
            {
                if (pos + 2 >= tokens.Count || !IsColumn(tokens[pos], column) || !tokens[pos + 1].IsOperator("=") || tokens[pos + 2].Kind != SqlTokenKind.String) return null;
                values.Add(tokens[pos + 2].Value);
                pos += 3;
                if (pos == tokens.Count) return values;
                if (!tokens[pos].IsWord("OR")) return null;
                pos++;
            }
            return null;
        }

        private static bool ReadList(List<SqlToken> tokens, int pos, List<string> values, bool closing)
        {
            while (pos < tokens.Count)
            {
                if (tokens[pos].Kind != SqlTokenKind.String) return false;
                values.Add(tokens[pos].Value);
                pos++;
                if (pos == tokens.Count) return !closing && values.Count > 0;
                if (tokens[pos].Kind == SqlTokenKind.Comma)
                {
                    pos++;
                    continue;
                }
                if (closing && tokens[pos].Kind == SqlTokenKind.RightBracket)
                {
                    // Optional trailing cast brackets were dropped above; nothing may follow.
                    return pos + 1 == tokens.Count && values.Count > 0;
                }
                return false;
            }
            return false;
        }

        private static bool IsColumn(SqlToken t, string column) =>
            t.IsIdentifier && string.Equals(t.Value, column, StringComparison.OrdinalIgnoreCase);
    }
}
