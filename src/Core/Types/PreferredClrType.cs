using System;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Types
{
    /// <summary>
    /// The CLR type a column's values are best read into, per engine: what the DBDRIFT301
    /// code fix changes a member to, and what generated row types use. It is the other half
    /// of <see cref="StoreCompatibility"/> and must agree with it: a test checks that
    /// <see cref="StoreCompatibility.Incompatibility"/> accepts every preferred type.
    /// </summary>
    public static class PreferredClrType
    {
        /// <summary>The preferred kind, or <see cref="ClrKind.Unknown"/> when there is no good scalar answer (arrays, geometry…).</summary>
        public static ClrKind Of(string provider, ColumnInfo column, ValueMapper mapper = ValueMapper.EfCore)
        {
            var family = string.IsNullOrEmpty(column.Family) ? TypeFamily.Of(provider, column.Type, column.EnumType != null) : column.Family;
            var type = (column.Type ?? "").ToLowerInvariant();
            var unsigned = provider == SqlProviders.MySql && type.Contains("unsigned");
            switch (family)
            {
                case TypeFamily.Bool: return ClrKind.Bool;
                case TypeFamily.Int8: return unsigned ? ClrKind.Byte : ClrKind.SByte;
                case TypeFamily.Int16:
                    return type.StartsWith("year", StringComparison.Ordinal) ? ClrKind.Int16 : unsigned ? ClrKind.UInt16 : ClrKind.Int16;
                case TypeFamily.Int32: return ClrKind.Int32;
                case TypeFamily.Int64:
                    if (unsigned)
                    {
                        // MySQL widens unsigned int and mediumint into the int64 family; the exact unsigned type fits them.
                        return type.StartsWith("bigint", StringComparison.Ordinal) ? ClrKind.UInt64 : ClrKind.UInt32;
                    }
                    return ClrKind.Int64;
                case TypeFamily.Decimal: return ClrKind.Decimal;
                case TypeFamily.Float32: return ClrKind.Single;
                case TypeFamily.Float64: return ClrKind.Double;
                case TypeFamily.String:
                case TypeFamily.Json:
                case TypeFamily.Xml:
                case TypeFamily.Enum:
                case TypeFamily.Set:
                    return ClrKind.String;
                case TypeFamily.Binary: return ClrKind.Bytes;
                case TypeFamily.Guid:
                    // Dapper cannot turn SQLite's text into a Guid without a type handler.
                    return provider == SqlProviders.Sqlite && mapper == ValueMapper.Dapper ? ClrKind.String : ClrKind.Guid;
                case TypeFamily.Date:
                case TypeFamily.DateTime:
                    return ClrKind.DateTime;
                case TypeFamily.DateTimeOffset:
                    // Npgsql reads timestamptz as a UTC DateTime by default; MySQL has no offset type.
                    return provider == SqlProviders.Postgres ? ClrKind.DateTime : ClrKind.DateTimeOffset;
                case TypeFamily.Time:
                case TypeFamily.Interval:
                    return ClrKind.TimeSpan;
                default:
                    return ClrKind.Unknown;
            }
        }

        /// <summary>The C# spelling of a kind (keyword where there is one), or null for <see cref="ClrKind.Unknown"/>.</summary>
        public static string? CSharpName(ClrKind kind)
        {
            switch (kind)
            {
                case ClrKind.Unknown: return null;
                case ClrKind.Guid: return "System.Guid";
                case ClrKind.DateTime: return "System.DateTime";
                case ClrKind.DateTimeOffset: return "System.DateTimeOffset";
                case ClrKind.DateOnly: return "System.DateOnly";
                case ClrKind.TimeOnly: return "System.TimeOnly";
                case ClrKind.TimeSpan: return "System.TimeSpan";
                default: return ClrKinds.Display(kind);
            }
        }

        /// <summary>The C# type for a member that holds the column, nullable annotation included (`long?`, `string?`), or null.</summary>
        public static string? CSharpTypeFor(string provider, ColumnInfo column, ValueMapper mapper = ValueMapper.EfCore)
        {
            var name = CSharpName(Of(provider, column, mapper));
            if (name == null) return null;
            return column.Nullable ? name + "?" : name;
        }
    }
}
