using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Descriptors;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT801 from C#: a member of a CLR enum mapped to an enum column is not one of the labels the database allows.</summary>
    internal static class InvalidEnumValueRule
    {
        public static Diagnostic? ForMember(Location? location, string label, string enumDescription, string column, IReadOnlyList<string> allowed)
        {
            if (location == null) return null;
            var b = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string?>();
            b[PropertyKeys.Name] = label;
            b[PropertyKeys.Table] = column;
            return Diagnostic.Create(
                Descriptors.Descriptors.InvalidEnumValue,
                location,
                b.ToImmutable(),
                label,
                enumDescription,
                column,
                string.Join(", ", allowed.Select(a => "'" + a + "'")));
        }
    }
}
