namespace SchemaDrift.Core.Types
{
    /// <summary>
    /// The column type EF Core's provider creates for a CLR type when the model names none
    /// (Npgsql, Pomelo, Microsoft.Data.Sqlite defaults): what a migration must add so that the
    /// database matches the model. Null when the provider's choice is not certain.
    /// </summary>
    public static class EfStoreTypes
    {
        public static string? Default(string provider, ClrKind kind, int? maxLength)
        {
            switch (provider)
            {
                case Snapshot.SqlProviders.Postgres: return Postgres(kind, maxLength);
                case Snapshot.SqlProviders.MySql: return MySql(kind, maxLength);
                case Snapshot.SqlProviders.Sqlite: return Sqlite(kind);
                default: return null;
            }
        }

        private static string? Postgres(ClrKind kind, int? maxLength)
        {
            switch (kind)
            {
                case ClrKind.Bool: return "boolean";
                case ClrKind.Byte:
                case ClrKind.SByte:
                case ClrKind.Int16: return "smallint";
                case ClrKind.Int32: return "integer";
                case ClrKind.Int64: return "bigint";
                case ClrKind.Decimal: return "numeric";
                case ClrKind.Single: return "real";
                case ClrKind.Double: return "double precision";
                case ClrKind.String: return maxLength is int n ? "character varying(" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : "text";
                case ClrKind.Char: return "character(1)";
                case ClrKind.Bytes: return "bytea";
                case ClrKind.Guid: return "uuid";
                case ClrKind.DateTime:
                case ClrKind.DateTimeOffset: return "timestamp with time zone";
                case ClrKind.DateOnly: return "date";
                case ClrKind.TimeOnly: return "time without time zone";
                case ClrKind.TimeSpan: return "interval";
                default: return null;
            }
        }

        private static string? MySql(ClrKind kind, int? maxLength)
        {
            switch (kind)
            {
                case ClrKind.Bool: return "tinyint(1)";
                case ClrKind.Byte: return "tinyint unsigned";
                case ClrKind.SByte: return "tinyint";
                case ClrKind.Int16: return "smallint";
                case ClrKind.UInt16: return "smallint unsigned";
                case ClrKind.Int32: return "int";
                case ClrKind.UInt32: return "int unsigned";
                case ClrKind.Int64: return "bigint";
                case ClrKind.UInt64: return "bigint unsigned";
                case ClrKind.Decimal: return "decimal(65,30)";
                case ClrKind.Single: return "float";
                case ClrKind.Double: return "double";
                case ClrKind.String: return maxLength is int n ? "varchar(" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : "longtext";
                case ClrKind.Char: return "varchar(1)";
                case ClrKind.Bytes: return "longblob";
                case ClrKind.Guid: return "char(36)";
                case ClrKind.DateTime:
                case ClrKind.DateTimeOffset: return "datetime(6)";
                case ClrKind.DateOnly: return "date";
                case ClrKind.TimeOnly:
                case ClrKind.TimeSpan: return "time(6)";
                default: return null;
            }
        }

        private static string? Sqlite(ClrKind kind)
        {
            switch (kind)
            {
                case ClrKind.Bool:
                case ClrKind.Byte:
                case ClrKind.SByte:
                case ClrKind.Int16:
                case ClrKind.UInt16:
                case ClrKind.Int32:
                case ClrKind.UInt32:
                case ClrKind.Int64:
                case ClrKind.UInt64: return "INTEGER";
                case ClrKind.Single:
                case ClrKind.Double: return "REAL";
                case ClrKind.Bytes: return "BLOB";
                case ClrKind.Unknown: return null;
                default: return "TEXT"; // strings, decimals (EF stores them as text), Guid and dates
            }
        }
    }
}
