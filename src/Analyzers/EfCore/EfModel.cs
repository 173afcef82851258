using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>
    /// The relational mapping of one DbContext as far as it can be read from source:
    /// which table each entity type maps to and which columns it expects. Everything
    /// the reader is unsure about is marked so, and the rules stay silent on it.
    /// </summary>
    internal sealed class EfModel
    {
        public EfModel(INamedTypeSymbol context) => Context = context;

        public INamedTypeSymbol Context { get; }
        public List<EfEntity> Entities { get; } = new List<EfEntity>();

        /// <summary>A naming convention call was found for this context in source.</summary>
        public bool NamingFromSource { get; set; }

        /// <summary>The naming convention inferred from the schema (configured outside this project), if any.</summary>
        public NamingConvention? InferredNaming { get; set; }

        /// <summary>Why the whole context is skipped (dynamic model building, conventions removed…), or null.</summary>
        public string? SkipReason { get; set; }
    }

    internal sealed class EfEntity
    {
        public EfEntity(INamedTypeSymbol type) => Type = type;

        public INamedTypeSymbol Type { get; }

        /// <summary>Table (or view) name as EF will quote it.</summary>
        public string Table { get; set; } = "";

        /// <summary>Schema, or null for the connection's default schema.</summary>
        public string? Schema { get; set; }

        /// <summary>The DbSet property that exposes the entity, if any (its location is where table findings go).</summary>
        public IPropertySymbol? DbSet { get; set; }

        /// <summary>Where table findings go when there is no DbSet (owned collections: their navigation).</summary>
        public ISymbol? ReportOn { get; set; }

        /// <summary>Why the entity is not checked (unknown fluent call, computed name…), or null.</summary>
        public string? SkipReason { get; set; }

        /// <summary>True when every column the table should have is known (else DBDRIFT601 stays silent).</summary>
        public bool ColumnsComplete { get; set; } = true;

        /// <summary>The root of its TPH hierarchy (itself for a root).</summary>
        public EfEntity? Root { get; set; }

        /// <summary>Owned collections (OwnsMany) get their own entity: the owner's type.</summary>
        public EfEntity? Owner { get; set; }

        public List<EfColumn> Columns { get; } = new List<EfColumn>();

        /// <summary>Column names the entity may or may not have (uncertain conventions): never reported either way.</summary>
        public HashSet<string> PossibleColumns { get; } = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);

        public bool IsDerived => Root != null && Root != this;

        public override string ToString() => Type.Name + " -> " + (Schema != null ? Schema + "." : "") + Table;
    }

    internal enum ColumnOrigin
    {
        Property,
        ShadowForeignKey,
        ShadowProperty,
        Discriminator,
        Owned,
    }

    internal sealed class EfColumn
    {
        public string Name { get; set; } = "";

        public ColumnOrigin Origin { get; set; }

        /// <summary>The C# member the column maps (for owned columns: the owned type's property).</summary>
        public IPropertySymbol? Property { get; set; }

        /// <summary>Where findings about the column go: the property, the navigation, or the entity class.</summary>
        public ISymbol? ReportOn { get; set; }

        /// <summary>"ShippingAddress.Street" for owned columns, the property name otherwise (messages).</summary>
        public string MemberPath { get; set; } = "";

        /// <summary>The CLR type as EF hands it to the provider (after unwrapping Nullable and enum storage); Unknown = not judged.</summary>
        public ClrKind Kind { get; set; }

        public EnumStorage EnumStorage { get; set; }

        /// <summary>The CLR enum type, for DBDRIFT801.</summary>
        public INamedTypeSymbol? EnumType { get; set; }

        /// <summary>Whether the model requires a value (NOT NULL); null when not known.</summary>
        public bool? Required { get; set; }

        /// <summary>True when C# cannot hold null for this member (value type, or non-nullable reference type).</summary>
        public bool NonNullableMember { get; set; }

        /// <summary>True when the member is a value type (reading NULL into it throws).</summary>
        public bool IsValueType { get; set; }

        /// <summary>The column is nullable in the table whatever the member says (TPH sibling columns, optional owned types).</summary>
        public bool NullableByMapping { get; set; }

        public bool IsKey { get; set; }

        /// <summary>A foreign key property: a required relationship makes its column NOT NULL even when the property is nullable.</summary>
        public bool IsForeignKey { get; set; }

        public int? MaxLength { get; set; }

        /// <summary>HasColumnType / [Column(TypeName=…)]: type checks are skipped when the user picked the store type.</summary>
        public string? ColumnType { get; set; }

        /// <summary>True when a value converter we do not understand changes what is stored.</summary>
        public bool HasUnknownConversion { get; set; }

        public override string ToString() => Name + " (" + Origin + ")";
    }
}
