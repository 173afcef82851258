using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaDrift.Analyzers.Descriptors;

namespace SchemaDrift.CodeFixes.Fixes
{
    /// <summary>
    /// DBDRIFT301: "Change type to '&lt;type&gt;'": gives the member (an EF Core entity property,
    /// or a property, field or constructor parameter of a Dapper result type) the CLR type
    /// that carries the column's values, nullable annotation included. The type comes from
    /// the same mapping the rule uses (SchemaDrift.Core.Types.PreferredClrType).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChangeMemberTypeCodeFix)), Shared]
    public sealed class ChangeMemberTypeCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "SchemaDrift.ChangeMemberType";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TypeMismatch);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(PropertyKeys.SuggestedType, out var suggested) || string.IsNullOrEmpty(suggested)) continue;
                diagnostic.Properties.TryGetValue(PropertyKeys.Member, out var member);
                var target = await FindDeclarationAsync(context.Document, diagnostic, member, context.CancellationToken).ConfigureAwait(false);
                if (target == null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create("Change type to '" + suggested + "'",
                        ct => ChangeAsync(context.Document.Project.Solution, target.Value.Document, target.Value.TypeSpan, suggested!, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The document and the type syntax of the member declaration the diagnostic is about.</summary>
        private static async Task<(Document Document, Microsoft.CodeAnalysis.Text.TextSpan TypeSpan)?> FindDeclarationAsync(
            Document document, Diagnostic diagnostic, string? memberName, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null) return null;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);

            // EF Core: reported on the property itself.
            var property = node.FirstAncestorOrSelf<PropertyDeclarationSyntax>();
            if (property != null && (memberName == null || property.Identifier.ValueText == memberName))
            {
                return (document, property.Type.Span);
            }

            // Dapper: reported on T in Query<T>; the member lives in T's declaration, possibly in another file.
            if (memberName == null) return null;
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            var type = model?.GetTypeInfo(node, ct).Type ?? model?.GetSymbolInfo(node, ct).Symbol as ITypeSymbol;
            if (type == null) return null;
            foreach (var symbol in type.GetMembers(memberName).Concat(ConstructorParameters(type, memberName)))
            {
                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    var declared = await reference.GetSyntaxAsync(ct).ConfigureAwait(false);
                    var declDocument = document.Project.Solution.GetDocument(reference.SyntaxTree);
                    if (declDocument == null) continue;
                    switch (declared)
                    {
                        case PropertyDeclarationSyntax p:
                            return (declDocument, p.Type.Span);
                        case ParameterSyntax { Type: not null } parameter:
                            return (declDocument, parameter.Type.Span);
                        case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax v }:
                            if (v.Variables.Count == 1) return (declDocument, v.Type.Span);
                            break;
                    }
                }
            }
            return null;
        }

        private static System.Collections.Generic.IEnumerable<ISymbol> ConstructorParameters(ITypeSymbol type, string name) =>
            (type as INamedTypeSymbol)?.InstanceConstructors.SelectMany(c => c.Parameters)
                .Where(p => string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase))
                .Cast<ISymbol>() ?? Enumerable.Empty<ISymbol>();

        private static async Task<Solution> ChangeAsync(Solution solution, Document document, Microsoft.CodeAnalysis.Text.TextSpan typeSpan, string suggested, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null) return solution;
            var old = root.FindNode(typeSpan, getInnermostNodeForTie: false) as TypeSyntax;
            if (old == null) return solution;
            var replacement = SyntaxFactory.ParseTypeName(suggested).WithTriviaFrom(old);
            return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(old, replacement));
        }
    }
}
