using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.CodeFixes.SqlEditing;

namespace SchemaDrift.CodeFixes.Fixes
{
    /// <summary>
    /// DBDRIFT401: "Use '&lt;candidate&gt;'" for each similar existing name. Rewrites only the
    /// identifier inside the string literal, keeping the literal's kind (regular, verbatim,
    /// raw, interpolated) and the SQL quoting the code used. Fix All applies the closest
    /// candidate.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCandidateNameCodeFix)), Shared]
    public sealed class UseCandidateNameCodeFix : CodeFixProvider
    {
        public const string EquivalenceKeyPrefix = "SchemaDrift.UseCandidate.";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.PossibleRename);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!IsPreciselyLocated(root, diagnostic)) continue;
                var count = int.TryParse(Property(diagnostic, PropertyKeys.CandidateCount), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
                for (var i = 0; i < count; i++)
                {
                    var candidate = Property(diagnostic, PropertyKeys.CandidatePrefix + i.ToString(CultureInfo.InvariantCulture));
                    if (candidate == null) continue;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use '" + candidate + "'",
                            ct => ReplaceAsync(context.Document, diagnostic, candidate, ct),
                            EquivalenceKeyPrefix + i.ToString(CultureInfo.InvariantCulture)),
                        diagnostic);
                }
            }
        }

        private static string? Property(Diagnostic d, string key) => d.Properties.TryGetValue(key, out var v) ? v : null;

        /// <summary>Only offer the fix when the diagnostic sits exactly on the name inside a literal (not on a const reference).</summary>
        private static bool IsPreciselyLocated(SyntaxNode root, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            var kind = LiteralText.KindAt(root, span, out var interpolated);
            if (kind == null) return false;
            var written = LiteralText.Decode(root.SyntaxTree.GetText().ToString(span), kind.Value, interpolated);
            return string.Equals(SqlIdentifierText.Unquote(written), Property(diagnostic, PropertyKeys.Name), System.StringComparison.Ordinal);
        }

        private static async Task<Document> ReplaceAsync(Document document, Diagnostic diagnostic, string candidate, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var text = await document.GetTextAsync(ct).ConfigureAwait(false);
            if (root == null) return document;
            var span = diagnostic.Location.SourceSpan;
            var kind = LiteralText.KindAt(root, span, out var interpolated);
            if (kind == null) return document;
            var written = LiteralText.Decode(text.ToString(span), kind.Value, interpolated);
            var dialect = SqlIdentifierText.Dialect(Property(diagnostic, PropertyKeys.Dialect));
            var sql = SqlIdentifierText.Write(candidate, dialect, SqlIdentifierText.QuoteOf(written));
            return document.WithText(text.WithChanges(new TextChange(span, LiteralText.Encode(sql, kind.Value, interpolated))));
        }
    }
}
