using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>
    /// Settings that can be made anywhere in the compilation (Program.cs, a DI extension…)
    /// and change how names map: EFCore.NamingConventions, Npgsql enum mappings, Dapper's
    /// MatchNamesWithUnderscores and type handlers. Found by a cheap text filter per syntax
    /// tree, then confirmed through the semantic model.
    /// </summary>
    internal sealed class CompilationFacts
    {
        /// <summary>Naming convention per DbContext type (null key: calls not tied to one context).</summary>
        public Dictionary<INamedTypeSymbol, List<NamingConvention>> Conventions { get; } = new Dictionary<INamedTypeSymbol, List<NamingConvention>>(SymbolEqualityComparer.Default);
        public List<NamingConvention> UntiedConventions { get; } = new List<NamingConvention>();

        /// <summary>CLR enums mapped to PostgreSQL enums, with their label translation.</summary>
        public Dictionary<INamedTypeSymbol, PgEnumMapping> PgEnums { get; } = new Dictionary<INamedTypeSymbol, PgEnumMapping>(SymbolEqualityComparer.Default);

        /// <summary>A MapEnum/HasPostgresEnum call whose enum type we cannot tell: PostgreSQL enum checks are off.</summary>
        public bool PgEnumsUncertain { get; set; }

        /// <summary>Dapper: DefaultTypeMap.MatchNamesWithUnderscores = true (null: assigned something not constant).</summary>
        public bool? DapperUnderscores { get; set; } = false;

        /// <summary>Dapper: SqlMapper.AddTypeHandler / SetTypeMap seen; types they name, or null for "some unknown type".</summary>
        public HashSet<ITypeSymbol?> DapperHandledTypes { get; } = new HashSet<ITypeSymbol?>(SymbolEqualityComparer.Default);
        public HashSet<ITypeSymbol?> DapperCustomMaps { get; } = new HashSet<ITypeSymbol?>(SymbolEqualityComparer.Default);

        // One scan per compilation, shared by the analyzers (weak keys: nothing outlives the compilation).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, CompilationFacts> Cache =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, CompilationFacts>();

        public static CompilationFacts For(Compilation compilation, EfSymbols symbols, CancellationToken ct) =>
            Cache.GetValue(compilation, c => Scan(c, symbols, ct));

        public static CompilationFacts Scan(Compilation compilation, EfSymbols symbols, CancellationToken ct)
        {
            var facts = new CompilationFacts();
            foreach (var tree in compilation.SyntaxTrees)
            {
                ct.ThrowIfCancellationRequested();
                if (!TreeMentions.Any(tree, TreeMentions.MappingMask, ct)) continue;
#pragma warning disable RS1030 // Once per compilation, only for the few trees the text filter lets through.
                var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                foreach (var node in tree.GetRoot(ct).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax inv) facts.Invocation(inv, model, symbols, ct);
                    else if (node is AssignmentExpressionSyntax assign) facts.Assignment(assign, model, ct);
                }
            }
            return facts;
        }

        private static string? NameOf(ExpressionSyntax e) => e switch
        {
            MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
            IdentifierNameSyntax i => i.Identifier.ValueText,
            GenericNameSyntax g => g.Identifier.ValueText,
            _ => null,
        };

        private void Invocation(InvocationExpressionSyntax inv, SemanticModel model, EfSymbols symbols, CancellationToken ct)
        {
            var name = NameOf(inv.Expression);
            if (name == null) return;
            if (inv.Expression is MemberAccessExpressionSyntax fm && fm.Expression is IdentifierNameSyntax fmType && fmType.Identifier.ValueText == "FluentMapper")
            {
                DapperCustomMaps.Add(null); // Dapper.FluentMap registers type maps for types we cannot see
                return;
            }
            var convention = NameRewriter.FromMethodName(name);
            if (convention != NamingConvention.None)
            {
                if (!(model.GetSymbolInfo(inv, ct).Symbol is IMethodSymbol m) || m.ContainingType?.Name != "NamingConventionsExtensions") return;
                var context = OwningContext(inv, model, symbols, m, ct);
                if (context == null) UntiedConventions.Add(convention);
                else
                {
                    if (!Conventions.TryGetValue(context, out var list)) Conventions[context] = list = new List<NamingConvention>();
                    list.Add(convention);
                }
                return;
            }
            if (name == "MapEnum" || name == "HasPostgresEnum")
            {
                if (!(model.GetSymbolInfo(inv, ct).Symbol is IMethodSymbol m)) return;
                var ns = m.ContainingAssembly?.Name ?? "";
                if (!ns.StartsWith("Npgsql", System.StringComparison.Ordinal)) return;
                if (!m.IsGenericMethod)
                {
                    if (name == "MapEnum") PgEnumsUncertain = true; // MapEnum(Type, …)
                    return; // HasPostgresEnum(schema, name, labels) declares a type without a CLR enum
                }
                if (!(m.TypeArguments[0] is INamedTypeSymbol enumType) || enumType.TypeKind != TypeKind.Enum)
                {
                    PgEnumsUncertain = true;
                    return;
                }
                var mapping = PgEnums.TryGetValue(enumType, out var existing) ? existing : new PgEnumMapping(enumType);
                foreach (var arg in inv.ArgumentList.Arguments)
                {
                    var p = ParameterOf(arg, m);
                    if (p == null) continue;
                    if (p.Name == "nameTranslator" || p.Type.Name == "INpgsqlNameTranslator")
                    {
                        var t = model.GetTypeInfo(arg.Expression, ct).Type;
                        if (t?.Name == "NpgsqlNullNameTranslator") mapping.Translation = LabelTranslation.AsIs;
                        else if (t?.Name == "NpgsqlSnakeCaseNameTranslator") mapping.Translation = LabelTranslation.SnakeCase;
                        else if (!(arg.Expression is LiteralExpressionSyntax)) mapping.Translation = LabelTranslation.Unknown;
                    }
                }
                PgEnums[enumType] = mapping;
                return;
            }
            if (name == "AddTypeHandler" || name == "SetTypeMap")
            {
                if (!(model.GetSymbolInfo(inv, ct).Symbol is IMethodSymbol m) || m.ContainingType?.Name != "SqlMapper") return;
                ITypeSymbol? type = null;
                if (m.IsGenericMethod) type = m.TypeArguments[0];
                else if (inv.ArgumentList.Arguments.Count > 0 && inv.ArgumentList.Arguments[0].Expression is TypeOfExpressionSyntax typeOf)
                {
                    type = model.GetTypeInfo(typeOf.Type, ct).Type;
                }
                if (name == "AddTypeHandler" && m.IsGenericMethod == false && type == null && inv.ArgumentList.Arguments.Count == 1)
                {
                    // AddTypeHandler(new GuidHandler()): the handler's SqlMapper.TypeHandler<T> base names T.
                    var handler = model.GetTypeInfo(inv.ArgumentList.Arguments[0].Expression, ct).Type;
                    for (var b = handler as INamedTypeSymbol; b != null && type == null; b = b.BaseType)
                    {
                        if (b.IsGenericType && b.Name == "TypeHandler") type = b.TypeArguments[0];
                    }
                }
                (name == "AddTypeHandler" ? DapperHandledTypes : DapperCustomMaps).Add(type);
            }
        }

        private static IParameterSymbol? ParameterOf(ArgumentSyntax arg, IMethodSymbol m)
        {
            if (arg.NameColon != null) return m.Parameters.FirstOrDefault(p => p.Name == arg.NameColon.Name.Identifier.ValueText);
            var list = (ArgumentListSyntax)arg.Parent!;
            var index = list.Arguments.IndexOf(arg);
            return index >= 0 && index < m.Parameters.Length ? m.Parameters[index] : null;
        }

        private void Assignment(AssignmentExpressionSyntax assign, SemanticModel model, CancellationToken ct)
        {
            if (NameOf(assign.Left) == "TypeMapProvider" && model.GetSymbolInfo(assign.Left, ct).Symbol?.ContainingType?.Name == "SqlMapper")
            {
                DapperCustomMaps.Add(null); // every type may be mapped by a custom map
                return;
            }
            if (NameOf(assign.Left) != "MatchNamesWithUnderscores") return;
            if (!(model.GetSymbolInfo(assign.Left, ct).Symbol is IPropertySymbol p) || p.ContainingType?.Name != "DefaultTypeMap") return;
            var value = model.GetConstantValue(assign.Right, ct);
            if (value.HasValue && value.Value is bool b)
            {
                if (b) DapperUnderscores = DapperUnderscores == false ? true : DapperUnderscores;
            }
            else
            {
                DapperUnderscores = null;
            }
        }

        /// <summary>The DbContext a Use*NamingConvention call configures: the OnConfiguring it sits in, or AddDbContext&lt;T&gt;/DbContextOptionsBuilder&lt;T&gt;.</summary>
        private static INamedTypeSymbol? OwningContext(InvocationExpressionSyntax inv, SemanticModel model, EfSymbols symbols, IMethodSymbol method, CancellationToken ct)
        {
            var receiver = method.ReducedFrom != null ? method.ReceiverType : method.Parameters.FirstOrDefault()?.Type;
            if (inv.Expression is MemberAccessExpressionSyntax ma)
            {
                var t = model.GetTypeInfo(ma.Expression, ct).Type as INamedTypeSymbol;
                if (t != null && t.IsGenericType && t.Name == "DbContextOptionsBuilder" && t.TypeArguments[0] is INamedTypeSymbol ctx) return ctx;
            }
            for (SyntaxNode? n = inv.Parent; n != null; n = n.Parent)
            {
                if (n is MethodDeclarationSyntax md)
                {
                    if (md.Identifier.ValueText == "OnConfiguring" && model.GetDeclaredSymbol(md, ct) is IMethodSymbol om &&
                        om.ContainingType != null && symbols.IsDbContext(om.ContainingType))
                    {
                        return om.ContainingType;
                    }
                    return null;
                }
                if (n is InvocationExpressionSyntax outer && model.GetSymbolInfo(outer, ct).Symbol is IMethodSymbol add &&
                    add.IsGenericMethod && add.Name.StartsWith("AddDbContext", System.StringComparison.Ordinal) || n is InvocationExpressionSyntax outer2 &&
                    model.GetSymbolInfo(outer2, ct).Symbol is IMethodSymbol add2 && add2.IsGenericMethod && (add2.Name.StartsWith("AddPooledDbContextFactory", System.StringComparison.Ordinal)))
                {
                    var m = (IMethodSymbol)model.GetSymbolInfo((InvocationExpressionSyntax)n, ct).Symbol!;
                    foreach (var ta in m.TypeArguments)
                    {
                        if (ta is INamedTypeSymbol c && symbols.IsDbContext(c)) return c;
                    }
                    return null;
                }
            }
            _ = receiver;
            return null;
        }
    }

    internal enum LabelTranslation
    {
        SnakeCase,
        AsIs,
        Unknown,
    }

    internal sealed class PgEnumMapping
    {
        public PgEnumMapping(INamedTypeSymbol type) => Type = type;

        public INamedTypeSymbol Type { get; }
        public LabelTranslation Translation { get; set; } = LabelTranslation.SnakeCase;
    }
}
