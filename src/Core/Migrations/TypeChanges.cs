using System;
using System.Globalization;
using System.Text.RegularExpressions;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>Whether a column type change keeps every value (widening) or can lose some (narrowing, conversion).</summary>
    public static class TypeChanges
    {
        private static readonly Regex Args = new Regex(@"\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)", RegexOptions.CultureInvariant);

        public static string FamilyOf(string provider, ColumnInfo c) =>
            c.EnumType != null ? TypeFamily.Enum : c.Family.Length > 0 ? c.Family : TypeFamily.Of(provider, c.Type);

        /// <summary>Max length for strings (null: unbounded), read from the type text when the snapshot has none.</summary>
        public static int? Length(ColumnInfo c)
        {
            if (c.MaxLength != null) return c.MaxLength;
            var t = c.Type.ToLowerInvariant();
            if (t.Contains("text") || t.Contains("clob") || t.Contains("(max)")) return null;
            var m = Args.Match(t);
            return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        }

        private static (int? Precision, int? Scale) Numeric(ColumnInfo c)
        {
            if (c.Precision != null) return (c.Precision, c.Scale ?? 0);
            var m = Args.Match(c.Type);
            if (!m.Success) return (null, null);
            return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
        }

        private static int IntRank(string family) => family switch
        {
            TypeFamily.Int8 => 1,
            TypeFamily.Int16 => 2,
            TypeFamily.Int32 => 3,
            TypeFamily.Int64 => 4,
            _ => 0,
        };

        /// <summary>True when every value of the old type fits the new one unchanged.</summary>
        public static bool IsWidening(string provider, ColumnInfo from, ColumnInfo to)
        {
            if (provider == SqlProviders.Sqlite) return true; // type affinity: values are kept as they are
            var f = FamilyOf(provider, from);
            var t = FamilyOf(provider, to);
            if (f == TypeFamily.String && t == TypeFamily.String)
            {
                var a = Length(from);
                var b = Length(to);
                return b == null || (a != null && b >= a);
            }
            if (IntRank(f) > 0 && IntRank(t) > 0) return IntRank(t) >= IntRank(f) && !Unsigned(from, to);
            if (IntRank(f) > 0 && (t == TypeFamily.Decimal || t == TypeFamily.Float64)) return t == TypeFamily.Float64 ? IntRank(f) <= 3 : true;
            if (f == TypeFamily.Float32 && t == TypeFamily.Float64) return true;
            if (f == TypeFamily.Decimal && t == TypeFamily.Decimal)
            {
                var (p1, s1) = Numeric(from);
                var (p2, s2) = Numeric(to);
                if (p2 == null) return true;
                if (p1 == null) return false;
                return s2 >= s1 && (p2 - s2) >= (p1 - s1);
            }
            if (f == TypeFamily.Json && t == TypeFamily.Json) return true;
            return false;
        }

        private static bool Unsigned(ColumnInfo from, ColumnInfo to) =>
            from.Type.IndexOf("unsigned", StringComparison.OrdinalIgnoreCase) >= 0 && to.Type.IndexOf("unsigned", StringComparison.OrdinalIgnoreCase) < 0 &&
            FamilyOf(SqlProviders.MySql, from) == FamilyOf(SqlProviders.MySql, to);

        /// <summary>Range of an integer family, for pre-checks before narrowing.</summary>
        public static (string Min, string Max)? IntRange(string family) => family switch
        {
            TypeFamily.Int8 => ("-128", "127"),
            TypeFamily.Int16 => ("-32768", "32767"),
            TypeFamily.Int32 => ("-2147483648", "2147483647"),
            _ => null,
        };
    }
}
