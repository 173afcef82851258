using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SchemaDrift.Analyzers.SqlSources
{
    /// <summary>
    /// Turns the operation passed as SQL into a <see cref="SqlSource"/> when, and only
    /// when, its value is provably constant: literals, const fields and locals, and
    /// concatenations of those. Everything else returns null and is not analyzed.
    /// </summary>
    internal static class ConstantSqlReader
    {
        private const int MaxParts = 256;

        public static SqlSource? Read(IOperation? operation)
        {
            if (operation == null) return null;
            var builder = new SqlSource.Builder();
            var parts = 0;
            if (!Append(operation, builder, ref parts)) return null;
            return builder.Build(operation.Syntax.GetLocation());
        }

        private static bool Append(IOperation op, SqlSource.Builder b, ref int parts)
        {
            if (++parts > MaxParts) return false;
            switch (op)
            {
                case IConversionOperation conv when conv.IsImplicit || conv.Type?.SpecialType == SpecialType.System_String:
                    return Append(conv.Operand, b, ref parts);
                case IParenthesizedOperation p:
                    return Append(p.Operand, b, ref parts);
                case ILiteralOperation lit when lit.ConstantValue.HasValue && lit.ConstantValue.Value is string s:
                    AppendLiteral(lit.Syntax, s, b);
                    return true;
                case IBinaryOperation bin when bin.OperatorKind == BinaryOperatorKind.Add && bin.Type?.SpecialType == SpecialType.System_String:
                    return Append(bin.LeftOperand, b, ref parts) && Append(bin.RightOperand, b, ref parts);
                case IInterpolatedStringOperation interpolated when interpolated.ConstantValue.HasValue:
                    return AppendInterpolated(interpolated, b, ref parts);
            }
            if (op.ConstantValue.HasValue && op.ConstantValue.Value is string value)
            {
                // A const field or local: the text lives elsewhere, so findings point at the reference.
                b.AddOpaque(value, op.Syntax.GetLocation());
                return true;
            }
            return false;
        }

        private static void AppendLiteral(SyntaxNode syntax, string value, SqlSource.Builder b)
        {
            if (syntax is LiteralExpressionSyntax literal)
            {
                var map = LiteralMap.For(literal.Token);
                if (map != null)
                {
                    b.AddMapped(value, syntax.SyntaxTree, map, syntax.GetLocation());
                    return;
                }
            }
            b.AddOpaque(value, syntax.GetLocation());
        }

        private static bool AppendInterpolated(IInterpolatedStringOperation op, SqlSource.Builder b, ref int parts)
        {
            var verbatim = op.Syntax is InterpolatedStringExpressionSyntax s && s.StringStartToken.Text.Contains("@");
            var raw = op.Syntax is InterpolatedStringExpressionSyntax r && r.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken);
            foreach (var part in op.Parts)
            {
                if (++parts > MaxParts) return false;
                switch (part)
                {
                    case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string value:
                    {
                        var token = text.Syntax is InterpolatedStringTextSyntax ts ? ts.TextToken : default;
                        var map = raw || token.RawKind == 0 ? null : LiteralMap.ForInterpolatedText(token, value, verbatim);
                        if (map != null) b.AddMapped(value, text.Syntax.SyntaxTree, map, text.Syntax.GetLocation());
                        else b.AddOpaque(value, text.Syntax.GetLocation());
                        break;
                    }
                    case IInterpolationOperation hole when hole.Expression.ConstantValue.Value is string holeValue:
                        b.AddOpaque(holeValue, hole.Syntax.GetLocation());
                        break;
                    default:
                        return false;
                }
            }
            return true;
        }
    }
}
