using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Descriptors;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT301: the member's CLR type (or nullability) cannot carry the column's values (see docs/type-mapping.md).</summary>
    internal static class TypeMismatchRule
    {
        /// <param name="suggestedType">The C# type that carries the column (nullable annotation included), for the code fix; null when there is none.</param>
        /// <param name="memberName">The property, field or constructor parameter to change.</param>
        public static Diagnostic Create(Location location, string member, string column, string reason, string? suggestedType = null, string? memberName = null)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            if (suggestedType != null) properties[PropertyKeys.SuggestedType] = suggestedType;
            if (memberName != null) properties[PropertyKeys.Member] = memberName;
            return Diagnostic.Create(Descriptors.Descriptors.TypeMismatch, location, properties.ToImmutable(), member, column, reason);
        }

        /// <summary>The same type made nullable: what a member over a nullable column should be.</summary>
        public static string? Nullable(ITypeSymbol? type)
        {
            if (type == null) return null;
            var display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return display.EndsWith("?", System.StringComparison.Ordinal) ? null : display + "?";
        }
    }
}
