using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SchemaDrift.Core.Audit
{
    /// <summary>
    /// Reads PostgreSQL policy expressions as pg_get_expr prints them, e.g.
    /// <c>(user_id = ( SELECT auth.uid() AS uid))</c>. Only what the RLS checks need:
    /// is it the constant true, which auth/setting calls sit outside a scalar subquery, and
    /// which names it mentions. String literals are skipped.
    /// </summary>
    public static class PolicyExpressions
    {
        private static readonly Regex PerRowCall = new Regex(
            @"\b(auth\s*\.\s*(?:uid|jwt|role|email)|current_setting)\s*\(",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex Identity = new Regex(
            @"\b(auth\s*\.\s*(?:uid|jwt|role|email)|current_setting|current_user|session_user|current_role|user)\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>USING (true) / WITH CHECK (true), however parenthesized.</summary>
        public static bool IsTrue(string? expression)
        {
            if (expression == null) return false;
            var s = expression.Trim();
            while (s.Length >= 2 && s[0] == '(' && s[s.Length - 1] == ')' && Balanced(s.Substring(1, s.Length - 2)))
            {
                s = s.Substring(1, s.Length - 2).Trim();
            }
            return string.Equals(s, "true", StringComparison.OrdinalIgnoreCase);
        }

        private static bool Balanced(string s)
        {
            var depth = 0;
            foreach (var c in s)
            {
                if (c == '(') depth++;
                else if (c == ')' && --depth < 0) return false;
            }
            return depth == 0;
        }

        /// <summary>The auth.uid()/current_setting() calls evaluated per row (not inside a <c>(SELECT …)</c>), as written.</summary>
        public static List<string> PerRowCalls(string? expression)
        {
            var result = new List<string>();
            if (string.IsNullOrEmpty(expression)) return result;
            var text = BlankStrings(expression!);
            foreach (Match m in PerRowCall.Matches(text))
            {
                if (InsideScalarSubquery(text, m.Index)) continue;
                var name = Regex.Replace(m.Groups[1].Value, @"\s+", "");
                var call = name + (string.Equals(name, "current_setting", StringComparison.OrdinalIgnoreCase) ? "(…)" : "()");
                if (!result.Contains(call)) result.Add(call);
            }
            return result;
        }

        /// <summary>Whether the expression mentions the column (as a word) or any current-user function.</summary>
        public static bool MentionsOwnership(string? expression, string column)
        {
            if (string.IsNullOrEmpty(expression)) return false;
            var text = BlankStrings(expression!);
            if (Identity.IsMatch(text)) return true;
            return Regex.IsMatch(text, @"(?<![\w$])""?" + Regex.Escape(column) + @"""?(?![\w$])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        /// <summary>Walks outwards from a position: true when an enclosing parenthesis opens with SELECT.</summary>
        private static bool InsideScalarSubquery(string text, int position)
        {
            var depth = 0;
            for (var i = position - 1; i >= 0; i--)
            {
                var c = text[i];
                if (c == ')') depth++;
                else if (c == '(')
                {
                    if (depth > 0)
                    {
                        depth--;
                        continue;
                    }
                    var j = i + 1;
                    while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
                    if (j + 6 <= text.Length && string.Compare(text, j, "SELECT", 0, 6, StringComparison.OrdinalIgnoreCase) == 0 &&
                        (j + 6 == text.Length || !char.IsLetterOrDigit(text[j + 6]) && text[j + 6] != '_'))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>Replaces the contents of '…' literals with spaces (same length), so names inside strings never match.</summary>
        private static string BlankStrings(string s)
        {
            var chars = s.ToCharArray();
            var inString = false;
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '\'')
                {
                    if (inString && i + 1 < chars.Length && chars[i + 1] == '\'')
                    {
                        chars[i] = ' ';
                        chars[++i] = ' ';
                        continue;
                    }
                    inString = !inString;
                    continue;
                }
                if (inString) chars[i] = ' ';
            }
            return new string(chars);
        }
    }
}
