using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>The EF Core and data-annotation symbols, resolved once per compilation (null when not referenced).</summary>
    internal sealed class EfSymbols
    {
        // Shared by the analyzers of one compilation (see KnownTypes.For).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, EfSymbols> PerCompilation =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, EfSymbols>();

        public static EfSymbols For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new EfSymbols(c));

        public EfSymbols(Compilation compilation)
        {
            Compilation = compilation;
            DbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            DbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            // The rest only when a model is read: resolving metadata names costs per compilation, i.e. per keystroke.
            _entityTypeConfiguration = Resolve(compilation, "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
            _table = Resolve(compilation, "System.ComponentModel.DataAnnotations.Schema.TableAttribute");
            _column = Resolve(compilation, "System.ComponentModel.DataAnnotations.Schema.ColumnAttribute");
            _notMapped = Resolve(compilation, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute");
            _complexType = Resolve(compilation, "System.ComponentModel.DataAnnotations.Schema.ComplexTypeAttribute");
            _foreignKey = Resolve(compilation, "System.ComponentModel.DataAnnotations.Schema.ForeignKeyAttribute");
            _inverseProperty = Resolve(compilation, "System.ComponentModel.DataAnnotations.Schema.InversePropertyAttribute");
            _key = Resolve(compilation, "System.ComponentModel.DataAnnotations.KeyAttribute");
            _required = Resolve(compilation, "System.ComponentModel.DataAnnotations.RequiredAttribute");
            _maxLength = Resolve(compilation, "System.ComponentModel.DataAnnotations.MaxLengthAttribute");
            _stringLength = Resolve(compilation, "System.ComponentModel.DataAnnotations.StringLengthAttribute");
            _timestamp = Resolve(compilation, "System.ComponentModel.DataAnnotations.TimestampAttribute");
            _owned = Resolve(compilation, "Microsoft.EntityFrameworkCore.OwnedAttribute");
            _keyless = Resolve(compilation, "Microsoft.EntityFrameworkCore.KeylessAttribute");
            _primaryKey = Resolve(compilation, "Microsoft.EntityFrameworkCore.PrimaryKeyAttribute");
            _entityTypeConfigurationAttribute = Resolve(compilation, "Microsoft.EntityFrameworkCore.EntityTypeConfigurationAttribute");
            _pgName = Resolve(compilation, "NpgsqlTypes.PgNameAttribute");
        }

        private readonly System.Lazy<INamedTypeSymbol?> _entityTypeConfiguration;
        private readonly System.Lazy<INamedTypeSymbol?> _table;
        private readonly System.Lazy<INamedTypeSymbol?> _column;
        private readonly System.Lazy<INamedTypeSymbol?> _notMapped;
        private readonly System.Lazy<INamedTypeSymbol?> _complexType;
        private readonly System.Lazy<INamedTypeSymbol?> _foreignKey;
        private readonly System.Lazy<INamedTypeSymbol?> _inverseProperty;
        private readonly System.Lazy<INamedTypeSymbol?> _key;
        private readonly System.Lazy<INamedTypeSymbol?> _required;
        private readonly System.Lazy<INamedTypeSymbol?> _maxLength;
        private readonly System.Lazy<INamedTypeSymbol?> _stringLength;
        private readonly System.Lazy<INamedTypeSymbol?> _timestamp;
        private readonly System.Lazy<INamedTypeSymbol?> _owned;
        private readonly System.Lazy<INamedTypeSymbol?> _keyless;
        private readonly System.Lazy<INamedTypeSymbol?> _primaryKey;
        private readonly System.Lazy<INamedTypeSymbol?> _entityTypeConfigurationAttribute;
        private readonly System.Lazy<INamedTypeSymbol?> _pgName;

        private static System.Lazy<INamedTypeSymbol?> Resolve(Compilation compilation, string name) =>
            new System.Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName(name), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

        public Compilation Compilation { get; }
        public INamedTypeSymbol? DbContext { get; }
        public INamedTypeSymbol? DbSet { get; }
        public INamedTypeSymbol? EntityTypeConfiguration => _entityTypeConfiguration.Value;
        public INamedTypeSymbol? Table => _table.Value;
        public INamedTypeSymbol? Column => _column.Value;
        public INamedTypeSymbol? NotMapped => _notMapped.Value;
        public INamedTypeSymbol? ComplexType => _complexType.Value;
        public INamedTypeSymbol? ForeignKey => _foreignKey.Value;
        public INamedTypeSymbol? InverseProperty => _inverseProperty.Value;
        public INamedTypeSymbol? Key => _key.Value;
        public INamedTypeSymbol? Required => _required.Value;
        public INamedTypeSymbol? MaxLength => _maxLength.Value;
        public INamedTypeSymbol? StringLength => _stringLength.Value;
        public INamedTypeSymbol? Timestamp => _timestamp.Value;
        public INamedTypeSymbol? Owned => _owned.Value;
        public INamedTypeSymbol? Keyless => _keyless.Value;
        public INamedTypeSymbol? PrimaryKey => _primaryKey.Value;
        public INamedTypeSymbol? EntityTypeConfigurationAttribute => _entityTypeConfigurationAttribute.Value;
        public INamedTypeSymbol? PgName => _pgName.Value;

        public bool Available => DbContext != null && DbSet != null;

        public static bool Is(ISymbol? a, ISymbol? b) => a != null && b != null && SymbolEqualityComparer.Default.Equals(a, b);

        public AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute == null) return null;
            foreach (var a in symbol.GetAttributes())
            {
                if (Is(a.AttributeClass, attribute)) return a;
            }
            return null;
        }

        public bool Has(ISymbol symbol, INamedTypeSymbol? attribute) => Attribute(symbol, attribute) != null;

        public bool IsDbContext(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
            {
                if (Is(t, DbContext)) return true;
            }
            return false;
        }

        /// <summary>True for methods of EF Core and its providers (not user extension methods with the same names).</summary>
        public static bool IsEfMethod(IMethodSymbol method)
        {
            var assembly = method.ContainingAssembly?.Name ?? "";
            return assembly.StartsWith("Microsoft.EntityFrameworkCore", System.StringComparison.Ordinal) ||
                   assembly.StartsWith("Npgsql.EntityFrameworkCore", System.StringComparison.Ordinal) ||
                   assembly.StartsWith("Pomelo.EntityFrameworkCore", System.StringComparison.Ordinal);
        }
    }

    /// <summary>What a property's CLR type means to EF Core's conventions.</summary>
    internal enum MemberShape
    {
        /// <summary>A scalar column (numbers, strings, dates, enums, byte[]…).</summary>
        Scalar,

        /// <summary>A collection of scalars: EF Core 8 maps it to one column (JSON text, or an array on PostgreSQL).</summary>
        PrimitiveCollection,

        /// <summary>A reference to a class EF would treat as an entity (or owned/complex type).</summary>
        Reference,

        /// <summary>A collection of such classes.</summary>
        Collection,

        /// <summary>Anything else: a provider-specific type, a type from a framework library…; never judged.</summary>
        Unknown,
    }

    internal static class ClrTypes
    {
        /// <summary>Nullable&lt;T&gt; → T.</summary>
        public static ITypeSymbol Unwrap(ITypeSymbol type, out bool wasNullable)
        {
            if (type is INamedTypeSymbol n && n.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && n.TypeArguments.Length == 1)
            {
                wasNullable = true;
                return n.TypeArguments[0];
            }
            wasNullable = false;
            return type;
        }

        public static string MetadataName(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array) return MetadataName(array.ElementType) + "[]";
            var ns = NamespaceName(type.ContainingNamespace);
            return ns.Length == 0 ? type.MetadataName : ns + "." + type.MetadataName;
        }

        /// <summary>
        /// The namespace's dotted name ("" for the global namespace), from the symbols' names.
        /// Asked for the types at SQL call sites; ToDisplayString built a display visitor and its
        /// buffers for every one of them, and "System" needs no new string at all.
        /// </summary>
        public static string NamespaceName(INamespaceSymbol? ns)
        {
            if (ns == null || ns.IsGlobalNamespace) return "";
            var parent = ns.ContainingNamespace;
            return parent == null || parent.IsGlobalNamespace ? ns.Name : NamespaceName(parent) + "." + ns.Name;
        }

        /// <summary>The kind of a scalar CLR type (after unwrapping Nullable), Unknown for enums and others.</summary>
        public static ClrKind KindOf(ITypeSymbol type) => ClrKinds.FromMetadataName(MetadataName(Unwrap(type, out _)));

        public static INamedTypeSymbol? EnumOf(ITypeSymbol type) =>
            Unwrap(type, out _) is INamedTypeSymbol n && n.TypeKind == TypeKind.Enum ? n : null;

        public static bool IsScalar(ITypeSymbol type) => KindOf(type) != ClrKind.Unknown || EnumOf(type) != null;

        /// <summary>The element type when <paramref name="type"/> is an array or a generic collection interface/class; null otherwise.</summary>
        public static ITypeSymbol? ElementOf(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String) return null;
            if (type is IArrayTypeSymbol array) return array.Rank == 1 ? array.ElementType : null;
            if (!(type is INamedTypeSymbol named)) return null;
            foreach (var i in named.AllInterfaces.Concat(named.TypeKind == TypeKind.Interface ? new[] { named } : new INamedTypeSymbol[0]))
            {
                if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T) return i.TypeArguments[0];
            }
            return null;
        }

        /// <summary>A class (or record) that is not a framework type: EF's conventions would make it an entity.</summary>
        public static bool IsEntityCandidate(ITypeSymbol type)
        {
            if (!(type is INamedTypeSymbol n) || n.TypeKind != TypeKind.Class || n.SpecialType != SpecialType.None) return false;
            if (n.IsGenericType) return false;
            var ns = NamespaceName(n.ContainingNamespace);
            if (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal) ||
                ns.StartsWith("Npgsql", System.StringComparison.Ordinal) || ns.StartsWith("NetTopologySuite", System.StringComparison.Ordinal) ||
                ns.StartsWith("NodaTime", System.StringComparison.Ordinal) || ns.StartsWith("MySqlConnector", System.StringComparison.Ordinal))
            {
                return false;
            }
            return true;
        }

        public static MemberShape ShapeOf(ITypeSymbol type)
        {
            if (IsScalar(type)) return MemberShape.Scalar;
            var element = ElementOf(type);
            if (element != null)
            {
                if (IsScalar(element)) return MemberShape.PrimitiveCollection;
                if (IsEntityCandidate(element)) return MemberShape.Collection;
                return MemberShape.Unknown;
            }
            if (IsEntityCandidate(type)) return MemberShape.Reference;
            return MemberShape.Unknown;
        }

        /// <summary>The public instance properties EF maps by convention: a public getter and some setter (inherited ones included, most derived first).</summary>
        public static IEnumerable<IPropertySymbol> MappableProperties(INamedTypeSymbol type, INamedTypeSymbol? stopAt)
        {
            var seen = new HashSet<string>();
            for (var t = type; t != null && !SymbolEqualityComparer.Default.Equals(t, stopAt) && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (!(member is IPropertySymbol p) || p.IsStatic || p.IsIndexer) continue;
                    if (!seen.Add(p.Name)) continue;
                    if (p.GetMethod == null || p.DeclaredAccessibility != Accessibility.Public || p.GetMethod.DeclaredAccessibility != Accessibility.Public) continue;
                    if (p.SetMethod == null) continue;
                    yield return p;
                }
            }
        }
    }
}
