using Microsoft.CodeAnalysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT301: the member's CLR type (or nullability) cannot carry the column's values (see docs/type-mapping.md).</summary>
    internal static class TypeMismatchRule
    {
        public static Diagnostic Create(Location location, string member, string column, string reason) =>
            Diagnostic.Create(Descriptors.Descriptors.TypeMismatch, location, member, column, reason);
    }
}
