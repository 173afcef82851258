using System;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Types
{
    /// <summary>Which mapper moves the values: the rules differ in how forgiving the conversions are.</summary>
    public enum ValueMapper
    {
        /// <summary>EF Core: typed reads (GetFieldValue&lt;T&gt;) and typed parameters on writes.</summary>
        EfCore,

        /// <summary>Dapper: reads only, with its own conversions (unchecked numeric casts, Convert.ChangeType, Enum.Parse).</summary>
        Dapper,
    }

    /// <summary>What the CLR side of a mapping is.</summary>
    public readonly struct ClrSide
    {
        public ClrSide(ClrKind kind, EnumStorage enumStorage = EnumStorage.None)
        {
            Kind = kind;
            EnumStorage = enumStorage;
        }

        /// <summary>The kind the driver sees (an enum stored as a number has its underlying integer kind).</summary>
        public ClrKind Kind { get; }

        public EnumStorage EnumStorage { get; }
    }

    /// <summary>
    /// The CLR ↔ store type compatibility table: the one place that decides whether a
    /// CLR type can carry a column's values, per engine and mapper (documented in
    /// docs/type-mapping.md). It answers only what it is sure of: null means "fine or
    /// not known", a text means "this mapping fails or corrupts data", with the reason.
    /// </summary>
    public static class StoreCompatibility
    {
        /// <summary>Why <paramref name="clr"/> cannot carry <paramref name="column"/>'s values, or null.</summary>
        public static string? Incompatibility(string provider, ValueMapper mapper, ClrSide clr, ColumnInfo column)
        {
            var family = string.IsNullOrEmpty(column.Family) ? TypeFamily.Of(provider, column.Type, column.EnumType != null) : column.Family;
            if (column.EnumType != null) family = TypeFamily.Enum;
            var kind = clr.Kind;
            if (kind == ClrKind.Unknown && clr.EnumStorage != EnumStorage.PostgresEnum) return null;
            switch (provider)
            {
                case SqlProviders.Sqlite:
                    return Sqlite(mapper, clr, family);
                case SqlProviders.Postgres:
                    return mapper == ValueMapper.EfCore ? PostgresEf(clr, family, column) : Dapper(provider, clr, family, column);
                case SqlProviders.MySql:
                    return mapper == ValueMapper.EfCore ? MySqlEf(clr, family, column) : Dapper(provider, clr, family, column);
                default:
                    return null;
            }
        }

        /// <summary>The largest magnitude a column of an integer family holds, in bits (unsigned types one more); 0 when not an integer column.</summary>
        public static int ColumnIntegerBits(string provider, string family, string? type)
        {
            var t = (type ?? "").ToLowerInvariant();
            var unsigned = provider == SqlProviders.MySql && t.Contains("unsigned");
            if (provider == SqlProviders.MySql)
            {
                if (t.StartsWith("tinyint", StringComparison.Ordinal)) return unsigned ? 8 : 7;
                if (t.StartsWith("smallint", StringComparison.Ordinal)) return unsigned ? 16 : 15;
                if (t.StartsWith("mediumint", StringComparison.Ordinal)) return unsigned ? 24 : 23;
                if (t.StartsWith("int", StringComparison.Ordinal)) return unsigned ? 32 : 31;
                if (t.StartsWith("bigint", StringComparison.Ordinal)) return unsigned ? 64 : 63;
                if (t.StartsWith("year", StringComparison.Ordinal)) return 12;
            }
            switch (family)
            {
                case TypeFamily.Int8: return 7;
                case TypeFamily.Int16: return 15;
                case TypeFamily.Int32: return 31;
                case TypeFamily.Int64: return 63;
                default: return 0;
            }
        }

        private static bool IsIntegerFamily(string f) =>
            f == TypeFamily.Int8 || f == TypeFamily.Int16 || f == TypeFamily.Int32 || f == TypeFamily.Int64;

        private static bool IsFloatFamily(string f) => f == TypeFamily.Float32 || f == TypeFamily.Float64;

        private static bool IsTemporalFamily(string f) =>
            f == TypeFamily.Date || f == TypeFamily.Time || f == TypeFamily.DateTime || f == TypeFamily.DateTimeOffset || f == TypeFamily.Interval;

        private static string Describe(ColumnInfo c) => string.IsNullOrEmpty(c.Type) ? "untyped" : c.Type;

        // ------------------------------------------------------------------ SQLite

        /// <summary>
        /// SQLite converts almost anything on read (Microsoft.Data.Sqlite parses text, reads
        /// numbers as dates…), so only one thing is a real failure: a number read from a
        /// TEXT-affinity column, where non-numeric text silently becomes 0.
        /// </summary>
        private static string? Sqlite(ValueMapper mapper, ClrSide clr, string family)
        {
            if (mapper == ValueMapper.Dapper && clr.Kind == ClrKind.Guid && (family == TypeFamily.String || family == TypeFamily.Guid))
            {
                return "SQLite returns this column as text, and Dapper cannot convert a string to Guid without a type handler";
            }
            if (family != TypeFamily.String) return null;
            var numeric = (ClrKinds.IsNumeric(clr.Kind) && clr.Kind != ClrKind.Decimal) || clr.Kind == ClrKind.Bool;
            if (!numeric) return null;
            return "the column has TEXT affinity: SQLite stores the numbers as text, so comparisons and ORDER BY compare text ('10' < '9') and non-numeric text reads as 0";
        }

        // ------------------------------------------------------------------ PostgreSQL (Npgsql, strict)

        private static string? PostgresEf(ClrSide clr, string family, ColumnInfo column)
        {
            var kind = clr.Kind;
            if (clr.EnumStorage == EnumStorage.PostgresEnum)
            {
                return family == TypeFamily.Enum || family == TypeFamily.Other ? null
                    : "the enum is mapped to a PostgreSQL enum type, but the column is " + Describe(column) + ": writes send the enum type and fail";
            }
            if (family == TypeFamily.Enum)
            {
                if (clr.EnumStorage == EnumStorage.Number || ClrKinds.IsNumeric(kind))
                    return "the column is the PostgreSQL enum " + (column.EnumType ?? column.Type) + "; numbers cannot be read from or written to it";
                if (kind == ClrKind.String)
                    return "the column is the PostgreSQL enum " + (column.EnumType ?? column.Type) + "; writes send text, which PostgreSQL does not cast to an enum (map the CLR enum with MapEnum/HasPostgresEnum)";
                return null;
            }
            return Common(SqlProviders.Postgres, clr, family, column);
        }

        // ------------------------------------------------------------------ MySQL / MariaDB (MySqlConnector + Pomelo)

        private static string? MySqlEf(ClrSide clr, string family, ColumnInfo column)
        {
            var kind = clr.Kind;
            if (family == TypeFamily.Enum || family == TypeFamily.Set)
            {
                if (clr.EnumStorage == EnumStorage.Number || ClrKinds.IsNumeric(kind))
                    return "the column is " + Describe(column) + ": MySQL takes a number as the label's 1-based index, so stored values silently mean other labels";
                return null;
            }
            if (kind == ClrKind.Bool && (IsIntegerFamily(family) || family == TypeFamily.Bool)) return null; // tinyint(1), bit(1) and any integer read as bool
            if (kind == ClrKind.Guid && (family == TypeFamily.String || family == TypeFamily.Binary || family == TypeFamily.Guid)) return null; // char(36) / binary(16)
            if (kind == ClrKind.DateTimeOffset && family == TypeFamily.DateTime) return null; // Pomelo stores DateTimeOffset in datetime(6)
            return Common(SqlProviders.MySql, clr, family, column);
        }

        // ------------------------------------------------------------------ shared by the strict drivers (EF Core)

        private static string? Common(string provider, ClrSide clr, string family, ColumnInfo column)
        {
            var kind = clr.Kind;
            if (family == TypeFamily.Other || family == TypeFamily.Json || family == TypeFamily.Xml || family == TypeFamily.Array || family == TypeFamily.Set || family.Length == 0)
            {
                // Provider-specific types (json, arrays, ranges, inet…): a string carries json/xml; the rest is not judged.
                return null;
            }
            var col = Describe(column);
            if (ClrKinds.IsInteger(kind))
            {
                if (IsIntegerFamily(family))
                {
                    var colBits = ColumnIntegerBits(provider, family, column.Type);
                    var clrBits = ClrKinds.IntegerBits(kind);
                    if (colBits > 0 && clrBits < colBits && !IsProviderDefault(provider, kind, family))
                        return "the column is " + col + " but the member is " + ClrKinds.Display(kind) + ": larger values overflow when read";
                    return null;
                }
                if (family == TypeFamily.Decimal)
                {
                    return column.Scale == 0 ? null : "the column is " + col + " (fractional) but the member is " + ClrKinds.Display(kind) + ": fractions cannot be read into it";
                }
                if (IsFloatFamily(family)) return "the column is " + col + " (floating point) but the member is " + ClrKinds.Display(kind);
                if (family == TypeFamily.Bool && provider == SqlProviders.MySql) return null;
                return Mismatch(kind, col);
            }
            switch (kind)
            {
                case ClrKind.Bool:
                    return family == TypeFamily.Bool ? null : Mismatch(kind, col);
                case ClrKind.Decimal:
                    if (family == TypeFamily.Decimal || IsIntegerFamily(family)) return null;
                    if (IsFloatFamily(family)) return "the column is " + col + " (binary floating point) but the member is decimal: values are rounded";
                    return Mismatch(kind, col);
                case ClrKind.Single:
                case ClrKind.Double:
                    if (IsFloatFamily(family) || IsIntegerFamily(family)) return null;
                    if (family == TypeFamily.Decimal) return "the column is " + col + " (exact decimal) but the member is " + ClrKinds.Display(kind) + ": values are rounded";
                    return Mismatch(kind, col);
                case ClrKind.String:
                case ClrKind.Char:
                    return family == TypeFamily.String ? null : Mismatch(kind, col);
                case ClrKind.Bytes:
                    return family == TypeFamily.Binary ? null : Mismatch(kind, col);
                case ClrKind.Guid:
                    return family == TypeFamily.Guid ? null : Mismatch(kind, col);
                case ClrKind.DateTime:
                    if (family == TypeFamily.DateTime || family == TypeFamily.DateTimeOffset || family == TypeFamily.Date) return null;
                    return Mismatch(kind, col);
                case ClrKind.DateTimeOffset:
                    if (family == TypeFamily.DateTimeOffset) return null;
                    if (family == TypeFamily.DateTime) return "the column is " + col + " (no time zone) but the member is DateTimeOffset: Npgsql reads and writes only timestamptz as DateTimeOffset";
                    return family == TypeFamily.Date ? null : Mismatch(kind, col);
                case ClrKind.DateOnly:
                    return family == TypeFamily.Date || family == TypeFamily.DateTime ? null : Mismatch(kind, col);
                case ClrKind.TimeOnly:
                case ClrKind.TimeSpan:
                    return family == TypeFamily.Time || family == TypeFamily.Interval ? null : Mismatch(kind, col);
                default:
                    return null;
            }
        }

        /// <summary>
        /// Npgsql has no one-byte or unsigned integers: EF Core maps byte/sbyte to smallint, ushort to
        /// integer and uint to bigint itself, so a wider column is the provider's choice, not drift.
        /// </summary>
        private static bool IsProviderDefault(string provider, ClrKind kind, string family) =>
            provider == SqlProviders.Postgres &&
            (((kind == ClrKind.Byte || kind == ClrKind.SByte) && family == TypeFamily.Int16) ||
             (kind == ClrKind.UInt16 && family == TypeFamily.Int32) ||
             (kind == ClrKind.UInt32 && family == TypeFamily.Int64));

        private static string Mismatch(ClrKind kind, string col) =>
            "the column is " + col + " but the member is " + ClrKinds.Display(kind) + ": the driver cannot convert between them";

        // ------------------------------------------------------------------ Dapper (reads, lenient)

        /// <summary>
        /// Dapper converts numbers with unchecked casts, strings with Convert.ChangeType (which
        /// parses text into numbers and dates) and enums with Enum.Parse/ToObject. What fails
        /// or corrupts: integers narrower than the column (silent truncation), numbers read from
        /// text columns, and Guid from text (Convert.ChangeType has no string → Guid).
        /// </summary>
        private static string? Dapper(string provider, ClrSide clr, string family, ColumnInfo column)
        {
            var kind = clr.Kind;
            var col = Describe(column);
            if (ClrKinds.IsInteger(kind) && IsIntegerFamily(family))
            {
                var colBits = ColumnIntegerBits(provider, family, column.Type);
                var clrBits = ClrKinds.IntegerBits(kind);
                if (colBits > 0 && clrBits < colBits && !IsProviderDefault(provider, kind, family))
                    return "the column is " + col + " but the member is " + ClrKinds.Display(kind) + ": Dapper truncates larger values silently";
                return null;
            }
            if ((ClrKinds.IsNumeric(kind) || clr.EnumStorage == EnumStorage.Number) && family == TypeFamily.String && clr.EnumStorage == EnumStorage.None)
            {
                return "the column is " + col + " (text) but the member is " + ClrKinds.Display(kind) + ": non-numeric text fails to convert";
            }
            if (kind == ClrKind.Guid && family == TypeFamily.String)
            {
                if (provider == SqlProviders.MySql && column.MaxLength == 36 && (column.Type ?? "").StartsWith("char", StringComparison.OrdinalIgnoreCase)) return null; // MySqlConnector reads char(36) as Guid
                return "the column is " + col + " (text) but the member is Guid: Dapper cannot convert a string to Guid without a type handler";
            }
            return null;
        }
    }
}
