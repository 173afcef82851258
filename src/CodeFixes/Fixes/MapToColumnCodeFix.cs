using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SchemaDrift.Analyzers.Descriptors;

namespace SchemaDrift.CodeFixes.Fixes
{
    /// <summary>
    /// DBDRIFT501 on an EF Core property whose column is missing while a similar column exists
    /// (a rename in the database): "Map to column '&lt;candidate&gt;'". Fixes the code, not the
    /// schema, the way the project already maps columns: a fluent
    /// <c>Property(…).HasColumnName("…")</c> in OnModelCreating when the project uses fluent
    /// column names and no [Column] attributes, otherwise a [Column("…")] attribute.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MapToColumnCodeFix)), Shared]
    public sealed class MapToColumnCodeFix : CodeFixProvider
    {
        public const string EquivalenceKeyPrefix = "SchemaDrift.MapToColumn.";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ModelAheadOfDatabase);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!Is(diagnostic, PropertyKeys.Kind, "column")) continue;
                var property = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<PropertyDeclarationSyntax>();
                if (property == null) continue;
                var count = int.TryParse(Get(diagnostic, PropertyKeys.CandidateCount), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
                for (var i = 0; i < count; i++)
                {
                    var candidate = Get(diagnostic, PropertyKeys.CandidatePrefix + i.ToString(CultureInfo.InvariantCulture));
                    if (candidate == null) continue;
                    context.RegisterCodeFix(
                        CodeAction.Create("Map to column '" + candidate + "'",
                            ct => MapAsync(context.Document, property.Span, candidate, ct),
                            EquivalenceKeyPrefix + i.ToString(CultureInfo.InvariantCulture)),
                        diagnostic);
                }
            }
        }

        private static string? Get(Diagnostic d, string key) => d.Properties.TryGetValue(key, out var v) ? v : null;

        private static bool Is(Diagnostic d, string key, string value) => string.Equals(Get(d, key), value, System.StringComparison.Ordinal);

        private static async Task<Solution> MapAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan propertySpan, string column, CancellationToken ct)
        {
            var solution = document.Project.Solution;
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            var property = root?.FindNode(propertySpan) as PropertyDeclarationSyntax;
            if (root == null || model == null || property == null) return solution;
            var symbol = model.GetDeclaredSymbol(property, ct);
            if (symbol == null) return solution;

            if (await PrefersFluentAsync(document.Project, ct).ConfigureAwait(false))
            {
                var fluent = await AddFluentAsync(document.Project, symbol, column, ct).ConfigureAwait(false);
                if (fluent != null) return fluent;
            }
            return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(property, WithColumnAttribute(property, column)));
        }

        /// <summary>The project maps column names fluently (HasColumnName) and never with [Column].</summary>
        private static async Task<bool> PrefersFluentAsync(Project project, CancellationToken ct)
        {
            var fluent = false;
            foreach (var doc in project.Documents)
            {
                var r = await doc.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                if (r == null) continue;
                foreach (var node in r.DescendantNodes())
                {
                    if (node is AttributeSyntax a && (a.Name.ToString() == "Column" || a.Name.ToString().EndsWith(".Column", System.StringComparison.Ordinal) || a.Name.ToString().EndsWith("ColumnAttribute", System.StringComparison.Ordinal)))
                        return false;
                    if (node is MemberAccessExpressionSyntax m && m.Name.Identifier.ValueText == "HasColumnName") fluent = true;
                }
            }
            return fluent;
        }

        private static PropertyDeclarationSyntax WithColumnAttribute(PropertyDeclarationSyntax property, string column)
        {
            var existing = property.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString() is "Column" or "ColumnAttribute" or "System.ComponentModel.DataAnnotations.Schema.Column");
            var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(column)));
            if (existing != null)
            {
                // [Column(TypeName = "…")] keeps its named arguments; the name goes first.
                var args = existing.ArgumentList?.Arguments.Where(a => a.NameEquals != null || a.NameColon != null) ?? Enumerable.Empty<AttributeArgumentSyntax>();
                var replaced = existing.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[] { argument }.Concat(args))));
                return property.ReplaceNode(existing, replaced);
            }
            var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("System.ComponentModel.DataAnnotations.Schema.Column"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithLeadingTrivia(property.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            return property.WithoutLeadingTrivia().AddAttributeLists(list).WithLeadingTrivia(property.GetLeadingTrivia()).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, Formatter.Annotation);
        }

        /// <summary>Adds modelBuilder.Entity&lt;T&gt;().Property(e =&gt; e.P).HasColumnName("…") at the end of OnModelCreating.</summary>
        private static async Task<Solution?> AddFluentAsync(Project project, IPropertySymbol property, string column, CancellationToken ct)
        {
            foreach (var doc in project.Documents)
            {
                var r = await doc.GetSyntaxRootAsync(ct).ConfigureAwait(false);
                var method = r?.DescendantNodes().OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => m.Identifier.ValueText == "OnModelCreating" && m.ParameterList.Parameters.Count == 1 && m.Body != null);
                if (r == null || method?.Body == null) continue;
                var builder = method.ParameterList.Parameters[0].Identifier.ValueText;
                var entity = property.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                var statement = SyntaxFactory.ParseStatement(
                        builder + ".Entity<" + entity + ">().Property(e => e." + property.Name + ").HasColumnName(" +
                        SyntaxFactory.Literal(column).ToString() + ");")
                    .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, Formatter.Annotation);
                var body = method.Body.AddStatements(statement);
                return project.Solution.WithDocumentSyntaxRoot(doc.Id, r.ReplaceNode(method.Body, body));
            }
            return null;
        }
    }
}
