using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaDrift.Analyzers.SqlSources
{
    /// <summary>
    /// For a C# string literal token, the source position of each character of its
    /// value. Handles regular strings with escapes, verbatim strings, and raw string
    /// literals (single- and multi-line, with the closing line's indentation removed).
    /// The map is checked against the compiler's own ValueText; if they disagree the
    /// caller falls back to squiggling the whole literal, never a wrong place.
    /// </summary>
    internal static class LiteralMap
    {
        public static int[]? For(SyntaxToken token, string value)
        {
            int[]? map;
            var text = token.Text;
            var suffix = 0;
            switch (token.Kind())
            {
                case SyntaxKind.Utf8StringLiteralToken:
                case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
                case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                    suffix = 2; // "u8"
                    break;
            }
            var body = text.Substring(0, text.Length - suffix);
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken:
                case SyntaxKind.Utf8StringLiteralToken:
                    map = body.StartsWith("@", System.StringComparison.Ordinal)
                        ? VerbatimCore(body, token.SpanStart, 2, body.Length - 1, braces: false)
                        : Regular(body, token.SpanStart, 1, body.Length - 1);
                    break;
                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
                    map = RawSingleLine(body, token.SpanStart);
                    break;
                case SyntaxKind.MultiLineRawStringLiteralToken:
                case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                    map = RawMultiLine(body, token.SpanStart);
                    break;
                default:
                    return null;
            }
            return map != null && map.Length == value.Length + 1 && Reconstructs(token, map) ? map : null;
        }

        /// <summary>Text inside an interpolated string ($"…" text parts): escapes plus doubled braces.</summary>
        public static int[]? ForInterpolatedText(SyntaxToken token, string value, bool verbatim)
        {
            var text = token.Text;
            var map = verbatim ? VerbatimCore(text, token.SpanStart, 0, text.Length, braces: true) : Regular(text, token.SpanStart, 0, text.Length, braces: true);
            return map != null && map.Length == value.Length + 1 ? map : null;
        }

        /// <summary>
        /// Text of a raw interpolated string ($"""…"""): the value is the token text without the
        /// indentation and the first line break, so characters are matched in order and only
        /// whitespace may be skipped. Any other difference gives up (null).
        /// </summary>
        public static int[]? ForRawInterpolatedText(SyntaxToken token, string value)
        {
            var text = token.Text;
            var map = new int[value.Length + 1];
            var i = 0;
            for (var j = 0; j < value.Length; j++)
            {
                while (i < text.Length && text[i] != value[j] && char.IsWhiteSpace(text[i])) i++;
                if (i >= text.Length || text[i] != value[j]) return null;
                map[j] = token.SpanStart + i;
                i++;
            }
            map[value.Length] = token.SpanStart + i;
            return map;
        }

        private static bool Reconstructs(SyntaxToken token, int[] map)
        {
            // Every mapped position must fall inside the token, in increasing order.
            var prev = token.SpanStart;
            for (var i = 0; i < map.Length; i++)
            {
                if (map[i] < prev || map[i] > token.Span.End) return false;
                prev = map[i];
            }
            return true;
        }

        private static int[]? Regular(string text, int origin, int start, int end, bool braces = false)
        {
            var positions = new System.Collections.Generic.List<int>(end - start + 1);
            var i = start;
            while (i < end)
            {
                var c = text[i];
                if (braces && (c == '{' || c == '}') && i + 1 < end && text[i + 1] == c)
                {
                    positions.Add(origin + i);
                    i += 2;
                    continue;
                }
                if (c != '\\')
                {
                    positions.Add(origin + i);
                    i++;
                    continue;
                }
                if (i + 1 >= end) return null;
                var e = text[i + 1];
                var escStart = origin + i;
                switch (e)
                {
                    case 'u':
                        positions.Add(escStart);
                        i += 6;
                        break;
                    case 'U':
                    {
                        if (i + 10 > end) return null;
                        var code = int.Parse(text.Substring(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        positions.Add(escStart);
                        if (code > 0xFFFF) positions.Add(escStart);
                        i += 10;
                        break;
                    }
                    case 'x':
                    {
                        var j = i + 2;
                        while (j < end && j < i + 6 && IsHex(text[j])) j++;
                        positions.Add(escStart);
                        i = j;
                        break;
                    }
                    default:
                        positions.Add(escStart);
                        i += 2;
                        break;
                }
            }
            positions.Add(origin + end);
            return positions.ToArray();
        }

        private static bool IsHex(char c) => char.IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int[]? VerbatimCore(string text, int origin, int start, int end, bool braces)
        {
            var positions = new System.Collections.Generic.List<int>(end - start + 1);
            var i = start;
            while (i < end)
            {
                var c = text[i];
                positions.Add(origin + i);
                i += (c == '"' || (braces && (c == '{' || c == '}'))) && i + 1 < end && text[i + 1] == c ? 2 : 1;
            }
            positions.Add(origin + end);
            return positions.ToArray();
        }

        private static int QuoteCount(string text, int from)
        {
            var q = 0;
            while (from + q < text.Length && text[from + q] == '"') q++;
            return q;
        }

        private static int[]? RawSingleLine(string text, int origin)
        {
            var q = QuoteCount(text, 0);
            var contentLength = text.Length - 2 * q;
            if (contentLength < 0) return null;
            var map = new int[contentLength + 1];
            for (var i = 0; i <= contentLength; i++) map[i] = origin + q + i;
            return map;
        }

        private static int[]? RawMultiLine(string text, int origin)
        {
            var q = QuoteCount(text, 0);
            var firstNewline = text.IndexOf('\n', q);
            var closing = text.Length - q;
            var lastNewline = text.LastIndexOf('\n', closing - 1);
            if (firstNewline < 0 || lastNewline <= firstNewline) return null;
            var indentation = closing - (lastNewline + 1);
            // The content ends before the newline (and its \r) preceding the closing line.
            var contentEnd = lastNewline > 0 && text[lastNewline - 1] == '\r' ? lastNewline - 1 : lastNewline;
            var positions = new System.Collections.Generic.List<int>();
            var lineStart = firstNewline + 1;
            while (lineStart <= contentEnd)
            {
                var lineEnd = text.IndexOf('\n', lineStart);
                if (lineEnd < 0 || lineEnd > contentEnd) lineEnd = contentEnd;
                var contentStart = lineStart;
                var lineIsBlank = text.Substring(lineStart, lineEnd - lineStart).Trim().Length == 0;
                contentStart += lineIsBlank ? (lineEnd - lineStart) - (lineEnd > lineStart && text[lineEnd - 1] == '\r' ? 1 : 0) : indentation;
                for (var i = contentStart; i < lineEnd; i++) positions.Add(origin + i);
                if (lineEnd < contentEnd)
                {
                    positions.Add(origin + lineEnd); // the newline itself
                }
                lineStart = lineEnd + 1;
            }
            positions.Add(origin + contentEnd);
            return positions.ToArray();
        }
    }
}
