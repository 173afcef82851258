using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.CodeFixes.SqlEditing
{
    /// <summary>How text must be written inside the C# string token that holds a span of SQL.</summary>
    internal enum LiteralKind
    {
        Regular,
        Verbatim,
        Raw,
    }

    /// <summary>Encodes and decodes SQL text for the kind of C# literal it sits in.</summary>
    internal static class LiteralText
    {
        /// <summary>The kind of literal (or interpolated-string text part) around a span, or null when it is not inside one.</summary>
        public static LiteralKind? KindAt(SyntaxNode root, TextSpan span, out bool interpolated)
        {
            interpolated = false;
            var token = root.FindToken(span.Start);
            if (!token.Span.Contains(span)) return null;
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken:
                    return token.Text.StartsWith("@", System.StringComparison.Ordinal) ? LiteralKind.Verbatim : LiteralKind.Regular;
                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.MultiLineRawStringLiteralToken:
                    return LiteralKind.Raw;
                case SyntaxKind.InterpolatedStringTextToken:
                    interpolated = true;
                    var start = token.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.InterpolatedStringExpressionSyntax s ? s.StringStartToken.Text : "$\"";
                    if (start.Contains("\"\"\"")) return LiteralKind.Raw;
                    return start.Contains("@") ? LiteralKind.Verbatim : LiteralKind.Regular;
                default:
                    return null;
            }
        }

        public static string Encode(string text, LiteralKind kind, bool interpolated)
        {
            var s = text;
            switch (kind)
            {
                case LiteralKind.Regular:
                    s = s.Replace("\\", "\\\\").Replace("\"", "\\\"");
                    break;
                case LiteralKind.Verbatim:
                    s = s.Replace("\"", "\"\"");
                    break;
            }
            if (interpolated && kind != LiteralKind.Raw) s = s.Replace("{", "{{").Replace("}", "}}");
            return s;
        }

        /// <summary>Undoes the literal's escaping for the simple escapes identifiers can contain.</summary>
        public static string Decode(string text, LiteralKind kind, bool interpolated)
        {
            var s = text;
            if (interpolated && kind != LiteralKind.Raw) s = s.Replace("{{", "{").Replace("}}", "}");
            switch (kind)
            {
                case LiteralKind.Regular:
                    s = s.Replace("\\\"", "\"").Replace("\\\\", "\\");
                    break;
                case LiteralKind.Verbatim:
                    s = s.Replace("\"\"", "\"");
                    break;
            }
            return s;
        }
    }
}
