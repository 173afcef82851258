using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Analyzers.Descriptors;

namespace SchemaDrift.CodeFixes.Fixes
{
    /// <summary>
    /// DBDRIFT201 in a SELECT list, an INSERT column list or an UPDATE SET list: "Remove
    /// '&lt;column&gt;' from the query". The analyzer computes the exact text to delete so the SQL
    /// stays valid (the item with its comma; for INSERT also the matching VALUES entry); the
    /// fix is offered only when those spans are known exactly.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveColumnFromQueryCodeFix)), Shared]
    public sealed class RemoveColumnFromQueryCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "SchemaDrift.RemoveColumnFromQuery";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownColumn);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var spans = Spans(diagnostic);
                if (spans == null) continue;
                var name = diagnostic.Properties.TryGetValue(PropertyKeys.Name, out var n) ? n : "column";
                context.RegisterCodeFix(
                    CodeAction.Create("Remove '" + name + "' from the query", ct => RemoveAsync(context.Document, spans, ct), EquivalenceKey),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        /// <summary>The text to delete, or null when the analyzer could not say exactly.</summary>
        private static List<TextSpan>? Spans(Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(PropertyKeys.RemoveSpan, out var main) || !TryParse(main, out var span)) return null;
            // Safety: the deleted text must contain the squiggled name.
            if (!span.Contains(diagnostic.Location.SourceSpan)) return null;
            var spans = new List<TextSpan> { span };
            if (diagnostic.Properties.TryGetValue(PropertyKeys.PairedRemoveSpan, out var paired))
            {
                if (!TryParse(paired, out var second) || second.OverlapsWith(span)) return null;
                spans.Add(second);
            }
            return spans;
        }

        private static bool TryParse(string? value, out TextSpan span)
        {
            span = default;
            var parts = value?.Split(',');
            if (parts == null || parts.Length != 2 ||
                !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ||
                !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) ||
                start < 0 || length <= 0)
            {
                return false;
            }
            span = new TextSpan(start, length);
            return true;
        }

        private static async Task<Document> RemoveAsync(Document document, List<TextSpan> spans, CancellationToken ct)
        {
            var text = await document.GetTextAsync(ct).ConfigureAwait(false);
            if (spans.Any(s => s.End > text.Length)) return document;
            return document.WithText(text.WithChanges(spans.Select(s => new TextChange(s, ""))));
        }
    }
}
