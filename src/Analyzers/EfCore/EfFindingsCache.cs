using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>
    /// Keeps the EF Core findings of one compilation for the next one when nothing they depend on
    /// changed. In the IDE every keystroke makes a new compilation, and reading the whole model
    /// again (every DbContext, entity and configuration) would cost a large project over a hundred
    /// milliseconds per keystroke. Unchanged documents keep their SyntaxTree instances across
    /// compilations, so "nothing changed" is: the same snapshot text, the same set of trees that
    /// mention EF Core, and every tree the model was read from still present unchanged.
    /// Weakly keyed by the snapshot text (immutable): nothing outlives it.
    /// </summary>
    internal static class EfFindingsCache
    {
        private static readonly ConditionalWeakTable<SyntaxTree, object> MentionsModel = new ConditionalWeakTable<SyntaxTree, object>();
        private static readonly object Yes = new object();
        private static readonly object No = new object();
        private static readonly ConditionalWeakTable<SourceText, Box> Results = new ConditionalWeakTable<SourceText, Box>();

        private sealed class Box
        {
            public readonly object Gate = new object();
            public Entry? Last;
        }

        private sealed class Entry
        {
            public Entry(SyntaxTree[] relevant, HashSet<SyntaxTree> touched, Dictionary<string, List<Diagnostic>> byType)
            {
                Relevant = relevant;
                Touched = touched;
                ByType = byType;
            }

            public SyntaxTree[] Relevant { get; }
            public HashSet<SyntaxTree> Touched { get; }
            public Dictionary<string, List<Diagnostic>> ByType { get; }
        }

        /// <summary>The findings by type (documentation comment id), reused from the previous compilation when still valid.</summary>
        public static Dictionary<string, List<Diagnostic>> Get(Compilation compilation, SourceText? snapshot,
            Func<(Dictionary<string, List<Diagnostic>> ByType, IEnumerable<SyntaxTree> Touched)> compute)
        {
            if (snapshot == null) return compute().ByType;
            var trees = compilation.SyntaxTrees.ToArray();
            var relevant = trees.Where(Mentions).ToArray();
            var box = Results.GetValue(snapshot, _ => new Box());
            lock (box.Gate)
            {
                var last = box.Last;
                if (last != null && last.Relevant.SequenceEqual(relevant) && last.Touched.IsSubsetOf(trees))
                {
                    return last.ByType;
                }
            }
            var (byType, touched) = compute();
            var entry = new Entry(relevant, new HashSet<SyntaxTree>(touched.Concat(relevant)), byType);
            lock (box.Gate) box.Last = entry;
            return byType;
        }

        /// <summary>Whether a file can change the model: it declares a DbContext or uses the configuration API. Decided once per tree.</summary>
        private static bool Mentions(SyntaxTree tree) =>
            MentionsModel.GetValue(tree, t =>
            {
                // Merely using a DbContext (repositories, raw SQL) is not configuration: those files do not count.
                if (TreeMentions.Any(t, TreeMentions.ModelMask, default)) return Yes;
                if (!TreeMentions.Any(t, TreeMentions.DbContextMask, default)) return No;
                // A class deriving from something named *DbContext (the name is all syntax can tell).
                foreach (var type in t.GetRoot().DescendantNodes(n => !(n is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax) ||
                                                                     n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax ||
                                                                     n is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax)
                             .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>())
                {
                    if (type.BaseList?.Types.Any(b => b.Type.ToString().IndexOf("DbContext", StringComparison.Ordinal) >= 0) == true) return Yes;
                }
                return No;
            }) == Yes;

        /// <summary>Trees a model was read from: the context, its entities (and their base types) and enum types.</summary>
        public static IEnumerable<SyntaxTree> TreesOf(IEnumerable<EfModel> models)
        {
            foreach (var m in models)
            {
                foreach (var t in Declared(m.Context)) yield return t;
                foreach (var e in m.Entities)
                {
                    for (var type = e.Type; type != null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                    {
                        foreach (var t in Declared(type)) yield return t;
                    }
                    foreach (var c in e.Columns)
                    {
                        if (c.EnumType != null) foreach (var t in Declared(c.EnumType)) yield return t;
                        if (c.Property != null) foreach (var t in Declared(c.Property.ContainingType)) yield return t;
                    }
                }
            }
        }

        private static IEnumerable<SyntaxTree> Declared(ISymbol symbol) => symbol.DeclaringSyntaxReferences.Select(r => r.SyntaxTree);
    }
}
