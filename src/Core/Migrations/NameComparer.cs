using System;
using System.Collections.Generic;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>How each engine compares the names it stores.</summary>
    public static class NameComparer
    {
        /// <summary>Table (and schema, enum, index) names.</summary>
        public static StringComparer Tables(SchemaSnapshot s) => s.Provider switch
        {
            SqlProviders.Postgres => StringComparer.Ordinal,
            SqlProviders.MySql => s.CaseSensitiveTableNames == false ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal,
            _ => StringComparer.OrdinalIgnoreCase,
        };

        /// <summary>Column names: case-sensitive on PostgreSQL, not on MySQL and SQLite.</summary>
        public static StringComparer Columns(string provider) =>
            provider == SqlProviders.Postgres ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        /// <summary>Index and constraint names.</summary>
        public static StringComparer Objects(string provider) =>
            provider == SqlProviders.Postgres ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

        /// <summary>Backup tables of dropped data (sd_backup_&lt;stamp&gt;_&lt;table&gt;): kept until the user drops them, never diffed.</summary>
        public const string BackupPrefix = "sd_backup_";

        /// <summary>Bookkeeping tables no migration should ever touch.</summary>
        public static readonly HashSet<string> IgnoredTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            MigrationHistory.TableName,
            "__EFMigrationsHistory",
            "sqlite_sequence",
            "sqlite_stat1",
            "sqlite_stat4",
        };
    }

    /// <summary>Names of SchemaDrift's own bookkeeping in the database.</summary>
    public static class MigrationHistory
    {
        /// <summary>The table SchemaDriftPush records applied migrations in.</summary>
        public const string TableName = "schemadrift_migrations";
    }
}
