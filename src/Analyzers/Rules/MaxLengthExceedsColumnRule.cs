using Microsoft.CodeAnalysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT303: the model's max length is above the column's varchar(n).</summary>
    internal static class MaxLengthExceedsColumnRule
    {
        public static Diagnostic Create(Location location, string member, int modelLength, string column, int columnLength) =>
            Diagnostic.Create(Descriptors.Descriptors.MaxLengthExceedsColumn, location, member, modelLength, column, columnLength);
    }
}
