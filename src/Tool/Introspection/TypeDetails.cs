using System.Globalization;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Introspection;

/// <summary>Reads length/precision/scale out of a type spelling such as varchar(40) or numeric(10,2).</summary>
internal static class TypeDetails
{
    public static void Apply(ColumnInfo column) => Apply(column, column.Type);

    /// <param name="typeText">The spelling to read, when it differs from the column's type (a PostgreSQL domain's base type).</param>
    public static void Apply(ColumnInfo column, string typeText)
    {
        var t = typeText;
        var open = t.IndexOf('(');
        var close = open < 0 ? -1 : t.IndexOf(')', open);
        if (open < 0 || close < 0) return;
        var parts = t.Substring(open + 1, close - open - 1).Split(',');
        if (!int.TryParse(parts[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var first)) return;
        var family = column.Family;
        if (family == "string" || family == "binary")
        {
            column.MaxLength ??= first;
        }
        else if (family == "decimal")
        {
            column.Precision ??= first;
            if (parts.Length > 1 && int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale))
                column.Scale ??= scale;
        }
    }
}
