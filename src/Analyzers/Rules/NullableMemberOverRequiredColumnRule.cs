using Microsoft.CodeAnalysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT302 (info): an optional EF Core property over a NOT NULL column without a default: saving null fails.</summary>
    internal static class NullableMemberOverRequiredColumnRule
    {
        public static Diagnostic Create(Location location, string member, string column) =>
            Diagnostic.Create(Descriptors.Descriptors.NullableMemberOverRequiredColumn, location, member, column);
    }
}
