using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SchemaDrift.Analyzers.SqlSources
{
    /// <summary>
    /// Turns the operation passed as SQL into a <see cref="SqlSource"/> when, and only
    /// when, its value is provably constant: literals (regular, verbatim, raw, UTF-8),
    /// const fields and locals, concatenations of those, interpolated strings whose holes
    /// are constants (or, for EF Core's FormattableString APIs, parameters), and locals
    /// initialized once from such a value and never written again. Everything else
    /// returns null and is not analyzed.
    /// </summary>
    internal static class ConstantSqlReader
    {
        private const int MaxParts = 256;
        private const int MaxLocalDepth = 8;

        /// <summary>
        /// The text a call site passes, when it is provably constant, as the API will run it:
        /// EF Core's *Raw placeholders ({0}) already turned into parameters.
        /// </summary>
        public static SqlSource? Read(EntryPoints.SqlCallSite site)
        {
            var source = Read(site.Sql, site.HolesAreParameters);
            if (source == null) return null;
            source.Api = site.Api;
            return site.FormatPlaceholders ? WithFormatPlaceholders(source) : source;
        }

        public static SqlSource? Read(IOperation? operation, bool holesAreParameters = false)
        {
            if (operation == null) return null;
            var state = new State(new SqlSource.Builder(), holesAreParameters, operation.Syntax.SyntaxTree);
            if (!Append(operation, state)) return null;
            return state.Builder.Build(operation.Syntax);
        }

        private sealed class State
        {
            public State(SqlSource.Builder builder, bool holesAreParameters, SyntaxTree tree)
            {
                Builder = builder;
                HolesAreParameters = holesAreParameters;
                Tree = tree;
            }

            public SqlSource.Builder Builder { get; }
            public bool HolesAreParameters { get; }
            public SyntaxTree Tree { get; }
            public int Parts;
            public int LocalDepth;
            public int ParameterCount;
        }

        private static bool Append(IOperation op, State st)
        {
            if (++st.Parts > MaxParts) return false;
            var b = st.Builder;
            switch (op)
            {
                case IConversionOperation conv when conv.IsImplicit || conv.Type?.SpecialType == SpecialType.System_String ||
                                                    (st.HolesAreParameters && conv.Operand is IInterpolatedStringOperation):
                    return Append(conv.Operand, st);
                case IParenthesizedOperation p:
                    return Append(p.Operand, st);
                case ILiteralOperation lit when lit.ConstantValue.HasValue && lit.ConstantValue.Value is string s:
                    AppendLiteral(lit.Syntax, s, b);
                    return true;
                case IUtf8StringOperation utf8 when utf8.Value != null:
                    AppendLiteral(utf8.Syntax, utf8.Value, b);
                    return true;
                case IBinaryOperation bin when bin.OperatorKind == BinaryOperatorKind.Add && bin.Type?.SpecialType == SpecialType.System_String:
                    return Append(bin.LeftOperand, st) && Append(bin.RightOperand, st);
                case IInterpolatedStringOperation interpolated when interpolated.ConstantValue.HasValue || st.HolesAreParameters:
                    return AppendInterpolated(interpolated, st);
                case ILocalReferenceOperation local when !local.ConstantValue.HasValue:
                    return AppendLocal(local, st);
            }
            if (op.ConstantValue.HasValue && op.ConstantValue.Value is string value)
            {
                // A const field or local: map into its declaration when it is a plain literal in
                // the same file; otherwise findings point at the reference.
                var literal = ConstDeclarationLiteral(op, st.Tree);
                if (literal != null && literal.Token.ValueText == value)
                {
                    AppendLiteral(literal, value, b);
                    return true;
                }
                b.AddOpaque(value, op.Syntax);
                return true;
            }
            return false;
        }

        private static LiteralExpressionSyntax? ConstDeclarationLiteral(IOperation op, SyntaxTree tree)
        {
            ISymbol? symbol = op switch
            {
                IFieldReferenceOperation f => f.Field,
                ILocalReferenceOperation l => l.Local,
                _ => null,
            };
            if (symbol == null) return null;
            var refs = symbol.DeclaringSyntaxReferences;
            if (refs.Length != 1 || refs[0].SyntaxTree != tree) return null;
            // Only inside the member being analyzed: a diagnostic anywhere else is "non-local",
            // which the IDE shows only in full-solution analysis and cannot offer fixes for.
            var member = op.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member == null || !member.Span.Contains(refs[0].Span)) return null;
            var node = refs[0].GetSyntax();
            if (node is VariableDeclaratorSyntax d && d.Initializer?.Value is LiteralExpressionSyntax lit &&
                lit.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return lit;
            }
            return null;
        }

        private static void AppendLiteral(SyntaxNode syntax, string value, SqlSource.Builder b)
        {
            if (syntax is LiteralExpressionSyntax literal) b.AddMapped(value, syntax, SqlSource.Mapping.Literal, literal.Token);
            else b.AddOpaque(value, syntax);
        }

        private static bool AppendInterpolated(IInterpolatedStringOperation op, State st)
        {
            var b = st.Builder;
            var verbatim = op.Syntax is InterpolatedStringExpressionSyntax s && s.StringStartToken.Text.Contains("@");
            var raw = op.Syntax is InterpolatedStringExpressionSyntax r &&
                      (r.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken) ||
                       r.StringStartToken.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken));
            foreach (var part in op.Parts)
            {
                if (++st.Parts > MaxParts) return false;
                switch (part)
                {
                    case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string value:
                    {
                        var token = text.Syntax is InterpolatedStringTextSyntax ts ? ts.TextToken : default;
                        if (token.RawKind == 0) b.AddOpaque(value, text.Syntax);
                        else b.AddMapped(value, text.Syntax, raw ? SqlSource.Mapping.RawInterpolatedText : verbatim ? SqlSource.Mapping.VerbatimInterpolatedText : SqlSource.Mapping.InterpolatedText, token);
                        break;
                    }
                    case IInterpolationOperation hole when st.HolesAreParameters:
                        // EF Core turns every hole into a DbParameter; its SQL text is a placeholder.
                        b.AddOpaque("@p" + st.ParameterCount++.ToString(System.Globalization.CultureInfo.InvariantCulture), hole.Syntax);
                        break;
                    case IInterpolationOperation hole when hole.Alignment == null && hole.FormatString == null &&
                                                           hole.Expression.ConstantValue.Value is string holeValue:
                        b.AddOpaque(holeValue, hole.Syntax);
                        break;
                    default:
                        return false;
                }
            }
            return true;
        }

        /// <summary>A local initialized from constant SQL and never written afterwards.</summary>
        private static bool AppendLocal(ILocalReferenceOperation reference, State st)
        {
            var local = reference.Local;
            if (local.IsRef || local.IsConst || st.LocalDepth >= MaxLocalDepth) return false;
            var root = Root(reference);
            IOperation? initializer = null;
            var declarations = 0;
            foreach (var op in root.Descendants())
            {
                if (op is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, local))
                {
                    declarations++;
                    initializer = d.Initializer?.Value ?? (d.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                }
                else if (op is ILocalReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Local, local) && IsWrite(r))
                {
                    return false;
                }
            }
            if (declarations != 1 || initializer == null) return false;
            st.LocalDepth++;
            var ok = Append(initializer, st);
            st.LocalDepth--;
            return ok;
        }

        /// <summary>Whether this reference writes the local (or lets something else write it).</summary>
        private static bool IsWrite(ILocalReferenceOperation r)
        {
            if (r.IsDeclaration) return true;
            IOperation child = r;
            var parent = r.Parent;
            while (parent is IParenthesizedOperation || parent is ITupleOperation)
            {
                child = parent;
                parent = parent.Parent;
            }
            switch (parent)
            {
                case IAssignmentOperation a when a.Target == child:
                    return true;
                case IIncrementOrDecrementOperation:
                    return true;
                case IArgumentOperation arg when arg.Parameter != null && (arg.Parameter.RefKind == RefKind.Ref || arg.Parameter.RefKind == RefKind.Out):
                    return true;
                case IAddressOfOperation:
                    return true;
                case IVariableInitializerOperation vi when vi.Parent is IVariableDeclaratorOperation d && d.Symbol.IsRef:
                    return true;
                case IReturnOperation when r.Local.ContainingSymbol is IMethodSymbol m && m.ReturnsByRef:
                    return true;
                case IDeconstructionAssignmentOperation:
                    return true;
            }
            return false;
        }

        private static IOperation Root(IOperation op)
        {
            var root = op;
            while (root.Parent != null) root = root.Parent;
            return root;
        }

        /// <summary>EF Core *Raw APIs: {0} becomes a parameter (@p0 has the same length, so offsets stay put).</summary>
        public static SqlSource? WithFormatPlaceholders(SqlSource source)
        {
            var text = source.Text;
            if (text.IndexOf('{') < 0) return source;
            if (text.Contains("{{") || text.Contains("}}")) return null;
            var chars = text.ToCharArray();
            var changed = false;
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] != '{') continue;
                var j = i + 1;
                while (j < chars.Length && char.IsDigit(chars[j])) j++;
                if (j > i + 1 && j < chars.Length && chars[j] == '}')
                {
                    chars[i] = '@';
                    for (var k = j; k > i + 1; k--) chars[k] = chars[k - 1];
                    chars[i + 1] = 'p';
                    changed = true;
                    i = j;
                }
            }
            return changed ? source.WithText(new string(chars)) : source;
        }
    }
}
