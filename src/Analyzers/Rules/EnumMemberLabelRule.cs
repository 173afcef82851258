using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Descriptors;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>
    /// DBDRIFT801 from C#: a member of a CLR enum that EF Core stores by name or as a PostgreSQL enum
    /// is not one of the labels the column allows (the SQL literal case is <see cref="InvalidEnumValueRule"/>).
    /// </summary>
    internal static class EnumMemberLabelRule
    {
        private const int MaxLabelsInMessage = 10;

        public static Diagnostic? ForMember(Location? location, string label, string enumDescription, string table, string column, string? enumType, IReadOnlyList<string> allowed)
        {
            if (location == null) return null;
            var b = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string?>();
            b[PropertyKeys.Kind] = "enum-member";
            b[PropertyKeys.Name] = label;
            b[PropertyKeys.Table] = table;
            b[PropertyKeys.Column] = column;
            b[PropertyKeys.Detail] = enumType ?? "enum";
            b[PropertyKeys.Value] = label;
            if (enumType != null) b[PropertyKeys.EnumType] = enumType;
            b[PropertyKeys.LabelCount] = allowed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < allowed.Count; i++) b[PropertyKeys.LabelPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = allowed[i];
            b[PropertyKeys.Api] = "EF Core";
            var labels = string.Join(", ", allowed.Take(MaxLabelsInMessage).Select(a => "'" + a + "'")) + (allowed.Count > MaxLabelsInMessage ? ", …" : "");
            return Diagnostic.Create(
                Descriptors.Descriptors.InvalidEnumValue,
                location,
                b.ToImmutable(),
                label,
                enumDescription,
                table + "." + column,
                labels);
        }
    }
}
