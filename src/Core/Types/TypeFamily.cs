using System;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Types
{
    /// <summary>
    /// Normalized type families: the engine-independent vocabulary the rules compare
    /// C# types against. One table for all three engines lives here and nowhere else.
    /// </summary>
    public static class TypeFamily
    {
        public const string Bool = "bool";
        public const string Int8 = "int8";
        public const string Int16 = "int16";
        public const string Int32 = "int32";
        public const string Int64 = "int64";
        public const string Decimal = "decimal";
        public const string Float32 = "float32";
        public const string Float64 = "float64";
        public const string String = "string";
        public const string Binary = "binary";
        public const string Guid = "guid";
        public const string Date = "date";
        public const string Time = "time";
        public const string DateTime = "datetime";
        public const string DateTimeOffset = "datetimeoffset";
        public const string Interval = "interval";
        public const string Json = "json";
        public const string Xml = "xml";
        public const string Enum = "enum";
        public const string Set = "set";
        public const string Array = "array";
        public const string Other = "other";

        /// <summary>Family of a column type as the engine spells it.</summary>
        /// <param name="provider">postgres, mysql or sqlite.</param>
        /// <param name="type">The type text (e.g. "character varying(20)", "tinyint(1)", "INTEGER").</param>
        /// <param name="isEnum">True when introspection knows the type is an enum (PostgreSQL user enum).</param>
        public static string Of(string provider, string? type, bool isEnum = false)
        {
            if (isEnum) return Enum;
            var t = (type ?? "").Trim().ToLowerInvariant();
            return provider switch
            {
                SqlProviders.Postgres => Postgres(t),
                SqlProviders.MySql => MySql(t),
                _ => Sqlite(t),
            };
        }

        private static string BaseName(string t)
        {
            var paren = t.IndexOf('(');
            var name = paren >= 0 ? t.Substring(0, paren) + AfterParen(t, paren) : t;
            return name.Replace(" unsigned", "").Replace(" zerofill", "").Trim();
        }

        private static string AfterParen(string t, int paren)
        {
            var close = t.IndexOf(')', paren);
            return close >= 0 && close + 1 < t.Length ? t.Substring(close + 1) : "";
        }

        private static string Postgres(string t)
        {
            if (t.EndsWith("[]", StringComparison.Ordinal) || t.StartsWith("_", StringComparison.Ordinal)) return Array;
            var b = BaseName(t);
            switch (b)
            {
                case "boolean": case "bool": return Bool;
                case "smallint": case "int2": case "smallserial": case "serial2": return Int16;
                case "integer": case "int": case "int4": case "serial": case "serial4": return Int32;
                case "bigint": case "int8": case "bigserial": case "serial8": return Int64;
                case "numeric": case "decimal": case "money": return Decimal;
                case "real": case "float4": return Float32;
                case "double precision": case "float8": case "float": return Float64;
                case "text": case "character varying": case "varchar": case "character": case "char": case "bpchar":
                case "name": case "citext": return String;
                case "bytea": return Binary;
                case "uuid": return Guid;
                case "date": return Date;
                case "time": case "time without time zone": case "time with time zone": case "timetz": return Time;
                case "timestamp": case "timestamp without time zone": return DateTime;
                case "timestamp with time zone": case "timestamptz": return DateTimeOffset;
                case "interval": return Interval;
                case "json": case "jsonb": return Json;
                case "xml": return Xml;
                default: return Other;
            }
        }

        private static string MySql(string t)
        {
            if (t.StartsWith("tinyint(1)", StringComparison.Ordinal)) return Bool;
            var b = BaseName(t);
            switch (b)
            {
                case "bool": case "boolean": case "bit": return t.StartsWith("bit(", StringComparison.Ordinal) && !t.StartsWith("bit(1)", StringComparison.Ordinal) ? Int64 : Bool;
                case "tinyint": return Int8;
                case "smallint": return Int16;
                case "mediumint": case "int": case "integer": return t.Contains("unsigned") ? Int64 : Int32;
                case "bigint": return Int64;
                case "decimal": case "numeric": case "dec": case "fixed": return Decimal;
                case "float": return Float32;
                case "double": case "double precision": case "real": return Float64;
                case "char": case "varchar": case "tinytext": case "text": case "mediumtext": case "longtext":
                case "national char": case "nchar": case "nvarchar": return String;
                case "binary": case "varbinary": case "tinyblob": case "blob": case "mediumblob": case "longblob": return Binary;
                case "date": return Date;
                case "time": return Time;
                case "datetime": case "timestamp": return DateTime;
                case "year": return Int16;
                case "json": return Json;
                case "enum": return Enum;
                case "set": return Set;
                case "uuid": return Guid;
                default: return Other;
            }
        }

        /// <summary>SQLite's type affinity rules (https://sqlite.org/datatype3.html §3.1), refined by common names.</summary>
        private static string Sqlite(string t)
        {
            var b = BaseName(t);
            switch (b)
            {
                case "boolean": case "bool": return Bool;
                case "date": return Date;
                case "datetime": case "timestamp": return DateTime;
                case "time": return Time;
                case "uuid": case "guid": case "uniqueidentifier": return Guid;
                case "json": return Json;
                case "decimal": case "numeric": case "money": return Decimal;
            }
            if (t.Contains("int")) return Int64;
            if (t.Contains("char") || t.Contains("clob") || t.Contains("text")) return String;
            if (t.Length == 0 || t.Contains("blob")) return Binary;
            if (t.Contains("real") || t.Contains("floa") || t.Contains("doub")) return Float64;
            return Decimal;
        }
    }
}
