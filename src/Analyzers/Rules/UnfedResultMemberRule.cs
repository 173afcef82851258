using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT502 (info, configurable): a member of the Dapper result type that no selected column feeds.</summary>
    internal static class UnfedResultMemberRule
    {
        public static Diagnostic Create(Location location, string typeName, string member, bool parameter, IReadOnlyList<string> columns)
        {
            var shown = columns.Take(12).Select(c => "'" + c + "'");
            var list = string.Join(", ", shown) + (columns.Count > 12 ? ", …" : "");
            return Diagnostic.Create(
                Descriptors.Descriptors.UnfedResultMember,
                location,
                typeName + (parameter ? " constructor parameter " : ".") + member,
                " (selected: " + list + ")");
        }
    }
}
