namespace SchemaDrift.Core.Types
{
    /// <summary>
    /// The CLR types the compatibility table knows, as a mapper hands them to the
    /// ADO.NET driver (after unwrapping Nullable&lt;T&gt; and applying enum storage).
    /// Anything else is <see cref="Unknown"/> and is never judged.
    /// </summary>
    public enum ClrKind
    {
        Unknown,
        Bool,
        Byte,
        SByte,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Decimal,
        Single,
        Double,
        String,
        Char,
        Bytes,
        Guid,
        DateTime,
        DateTimeOffset,
        DateOnly,
        TimeOnly,
        TimeSpan,
    }

    /// <summary>How a CLR enum reaches the column.</summary>
    public enum EnumStorage
    {
        /// <summary>Not an enum.</summary>
        None,

        /// <summary>As its underlying integer (EF Core's and Dapper's default).</summary>
        Number,

        /// <summary>As the member name (EF Core HasConversion&lt;string&gt;()).</summary>
        Name,

        /// <summary>As a PostgreSQL enum label (Npgsql MapEnum / HasPostgresEnum).</summary>
        PostgresEnum,
    }

    public static class ClrKinds
    {
        /// <summary>The kind of a CLR type given its metadata name ("System.Int32", "System.Byte[]"…).</summary>
        public static ClrKind FromMetadataName(string? name)
        {
            switch (name)
            {
                case "System.Boolean": return ClrKind.Bool;
                case "System.Byte": return ClrKind.Byte;
                case "System.SByte": return ClrKind.SByte;
                case "System.Int16": return ClrKind.Int16;
                case "System.UInt16": return ClrKind.UInt16;
                case "System.Int32": return ClrKind.Int32;
                case "System.UInt32": return ClrKind.UInt32;
                case "System.Int64": return ClrKind.Int64;
                case "System.UInt64": return ClrKind.UInt64;
                case "System.Decimal": return ClrKind.Decimal;
                case "System.Single": return ClrKind.Single;
                case "System.Double": return ClrKind.Double;
                case "System.String": return ClrKind.String;
                case "System.Char": return ClrKind.Char;
                case "System.Byte[]": return ClrKind.Bytes;
                case "System.Guid": return ClrKind.Guid;
                case "System.DateTime": return ClrKind.DateTime;
                case "System.DateTimeOffset": return ClrKind.DateTimeOffset;
                case "System.DateOnly": return ClrKind.DateOnly;
                case "System.TimeOnly": return ClrKind.TimeOnly;
                case "System.TimeSpan": return ClrKind.TimeSpan;
                default: return ClrKind.Unknown;
            }
        }

        public static bool IsInteger(ClrKind k) =>
            k == ClrKind.Byte || k == ClrKind.SByte || k == ClrKind.Int16 || k == ClrKind.UInt16 ||
            k == ClrKind.Int32 || k == ClrKind.UInt32 || k == ClrKind.Int64 || k == ClrKind.UInt64;

        public static bool IsNumeric(ClrKind k) =>
            IsInteger(k) || k == ClrKind.Decimal || k == ClrKind.Single || k == ClrKind.Double;

        /// <summary>Bits of an integer kind's value range (unsigned kinds count one more), 0 for non-integers.</summary>
        public static int IntegerBits(ClrKind k)
        {
            switch (k)
            {
                case ClrKind.Byte: return 8;
                case ClrKind.SByte: return 7;
                case ClrKind.Int16: return 15;
                case ClrKind.UInt16: return 16;
                case ClrKind.Int32: return 31;
                case ClrKind.UInt32: return 32;
                case ClrKind.Int64: return 63;
                case ClrKind.UInt64: return 64;
                default: return 0;
            }
        }

        /// <summary>The C# keyword or type name, for messages.</summary>
        public static string Display(ClrKind k)
        {
            switch (k)
            {
                case ClrKind.Bool: return "bool";
                case ClrKind.Byte: return "byte";
                case ClrKind.SByte: return "sbyte";
                case ClrKind.Int16: return "short";
                case ClrKind.UInt16: return "ushort";
                case ClrKind.Int32: return "int";
                case ClrKind.UInt32: return "uint";
                case ClrKind.Int64: return "long";
                case ClrKind.UInt64: return "ulong";
                case ClrKind.Decimal: return "decimal";
                case ClrKind.Single: return "float";
                case ClrKind.Double: return "double";
                case ClrKind.String: return "string";
                case ClrKind.Char: return "char";
                case ClrKind.Bytes: return "byte[]";
                default: return k.ToString();
            }
        }
    }
}
