using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>What OnModelCreating, ConfigureConventions and IEntityTypeConfiguration classes say about one DbContext.</summary>
    internal sealed class ContextConfig
    {
        public Dictionary<ITypeSymbol, TypeConfig> Types { get; } = new Dictionary<ITypeSymbol, TypeConfig>(SymbolEqualityComparer.Default);
        public HashSet<ITypeSymbol> IgnoredTypes { get; } = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        public HashSet<ITypeSymbol> OwnedTypes { get; } = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        public List<INamedTypeSymbol> AppliedConfigurations { get; } = new List<INamedTypeSymbol>();
        public bool ApplyConfigurationsFromAssembly { get; set; }
        public string? DefaultSchema { get; set; }

        /// <summary>Why the whole model cannot be read (set by the first thing not understood).</summary>
        public string? Skip { get; set; }

        /// <summary>ConfigureConventions: Properties&lt;T&gt;().HaveConversion&lt;TProvider&gt;().</summary>
        public Dictionary<ITypeSymbol, ClrKind> ConventionConversions { get; } = new Dictionary<ITypeSymbol, ClrKind>(SymbolEqualityComparer.Default);

        /// <summary>ConfigureConventions: Properties&lt;T&gt;().HaveMaxLength(n).</summary>
        public Dictionary<ITypeSymbol, int> ConventionMaxLengths { get; } = new Dictionary<ITypeSymbol, int>(SymbolEqualityComparer.Default);

        /// <summary>Types whose conventions were configured in a way we do not follow (column types, converters).</summary>
        public HashSet<ITypeSymbol> ConventionUnknown { get; } = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);

        /// <summary>Unordered pairs of entity types whose relationships are configured explicitly (shadow keys are then not predicted).</summary>
        public HashSet<(ITypeSymbol, ITypeSymbol)> ConfiguredPairs { get; } = new HashSet<(ITypeSymbol, ITypeSymbol)>();

        public TypeConfig For(ITypeSymbol type)
        {
            if (!Types.TryGetValue(type, out var c)) Types[type] = c = new TypeConfig(type);
            return c;
        }

        public void Fail(string reason)
        {
            if (Skip == null) Skip = reason;
        }

        public void AddPair(ITypeSymbol a, ITypeSymbol b)
        {
            ConfiguredPairs.Add((a, b));
            ConfiguredPairs.Add((b, a));
        }

        public bool IsPairConfigured(ITypeSymbol a, ITypeSymbol b)
        {
            foreach (var p in ConfiguredPairs)
            {
                if (SymbolEqualityComparer.Default.Equals(p.Item1, a) && SymbolEqualityComparer.Default.Equals(p.Item2, b)) return true;
            }
            return false;
        }
    }

    /// <summary>Fluent configuration of one entity type (or of an owned/complex type inside its owner).</summary>
    internal sealed class TypeConfig
    {
        public TypeConfig(ITypeSymbol? type) => Type = type;

        public ITypeSymbol? Type { get; }

        /// <summary>Named in Entity&lt;T&gt;(): part of the model even without a DbSet.</summary>
        public bool InModel { get; set; }

        public string? Table { get; set; }
        public string? Schema { get; set; }
        public bool IsView { get; set; }
        public List<string>? Key { get; set; }
        public bool Keyless { get; set; }
        public Dictionary<string, PropertyConfig> Properties { get; } = new Dictionary<string, PropertyConfig>();
        public HashSet<string> Ignored { get; } = new HashSet<string>();
        public Dictionary<string, OwnedConfig> Owned { get; } = new Dictionary<string, OwnedConfig>();
        public string? DiscriminatorColumn { get; set; }
        public string? DiscriminatorProperty { get; set; }

        /// <summary>HasNoDiscriminator().</summary>
        public bool NoDiscriminator { get; set; }

        /// <summary>A relationship is configured without saying with which type (HasOne("Nav")): no shadow key is predicted for this type.</summary>
        public bool RelationshipsUnknown { get; set; }

        /// <summary>Properties named in HasForeignKey(x => …).</summary>
        public HashSet<string> ForeignKeyProperties { get; } = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>Column names that may exist (HasForeignKey("X"), owner keys…): never reported.</summary>
        public HashSet<string> PossibleColumns { get; } = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>Why this type's mapping is not checked (unknown fluent call, computed name…).</summary>
        public string? Skip { get; set; }

        /// <summary>An IEntityTypeConfiguration class for it exists but is not visibly applied.</summary>
        public bool UnappliedConfiguration { get; set; }

        public PropertyConfig Property(string name)
        {
            if (!Properties.TryGetValue(name, out var p)) Properties[name] = p = new PropertyConfig(name);
            return p;
        }

        public void Fail(string reason)
        {
            if (Skip == null) Skip = reason;
        }
    }

    internal sealed class PropertyConfig
    {
        public PropertyConfig(string name) => Name = name;

        public string Name { get; }

        /// <summary>Property&lt;T&gt;("Name") on a name the CLR type does not have: a shadow property.</summary>
        public ITypeSymbol? ShadowType { get; set; }

        public string? ColumnName { get; set; }
        public bool? Required { get; set; }
        public int? MaxLength { get; set; }

        /// <summary>HasConversion&lt;TProvider&gt;(): what is stored.</summary>
        public ClrKind? ConvertedTo { get; set; }

        public bool UnknownConversion { get; set; }
        public string? ColumnType { get; set; }

        /// <summary>IsRowVersion(): provider-specific (PostgreSQL maps it to the xmin system column).</summary>
        public bool RowVersion { get; set; }

        /// <summary>Something configured that we do not understand: the column is neither expected nor reported.</summary>
        public bool Unknown { get; set; }
    }

    /// <summary>OwnsOne / OwnsMany / ComplexProperty on a navigation.</summary>
    internal sealed class OwnedConfig
    {
        public OwnedConfig(string navigation, bool many, bool complex, ITypeSymbol? type)
        {
            Navigation = navigation;
            Many = many;
            Complex = complex;
            Inner = new TypeConfig(type);
        }

        public string Navigation { get; }
        public bool Many { get; }
        public bool Complex { get; }
        public TypeConfig Inner { get; }

        /// <summary>ToJson(): the whole owned graph is one JSON column named after the navigation.</summary>
        public bool Json { get; set; }
    }
}
