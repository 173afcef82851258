using System;
using System.Collections.Generic;

namespace SchemaDrift.Core.Snapshot
{
    /// <summary>
    /// The database schema as SchemaDrift sees it: written by the introspection tool,
    /// read by the analyzers. The JSON form is documented in docs/snapshot-format.md.
    /// </summary>
    public sealed class SchemaSnapshot
    {
        /// <summary>The snapshot format this build writes and reads. Bump on breaking changes.</summary>
        public const int CurrentFormatVersion = 1;

        /// <summary>Oldest format this build can still read.</summary>
        public const int OldestReadableFormatVersion = 1;

        public int FormatVersion { get; set; } = CurrentFormatVersion;

        /// <summary>Which engine: <see cref="SqlProviders"/>.</summary>
        public string Provider { get; set; } = SqlProviders.Sqlite;

        /// <summary>Server version as the engine reports it (volatile: not in committed snapshots).</summary>
        public string? ServerVersion { get; set; }

        /// <summary>Database name (never a path with credentials; for SQLite the file name).</summary>
        public string? Database { get; set; }

        /// <summary>The schema new unqualified names resolve to (public, the MySQL database, main).</summary>
        public string DefaultSchema { get; set; } = "main";

        /// <summary>
        /// MySQL only (null elsewhere): whether the server compares table names case-sensitively
        /// (lower_case_table_names = 0, the Linux default) or not (1 on Windows, 2 on macOS).
        /// </summary>
        public bool? CaseSensitiveTableNames { get; set; }

        /// <summary>
        /// True when the introspecting user may not see every object (MySQL shows only what a
        /// user has privileges on): then a missing table or routine proves nothing and is not reported.
        /// </summary>
        public bool PartialVisibility { get; set; }

        /// <summary>Engine-specific cheap fingerprint of the schema (volatile).</summary>
        public string? Fingerprint { get; set; }

        /// <summary>When the tool captured it, UTC ISO-8601 (volatile).</summary>
        public string? CapturedAtUtc { get; set; }

        public List<string> Schemas { get; } = new List<string>();
        public List<TableInfo> Tables { get; } = new List<TableInfo>();
        public List<EnumInfo> Enums { get; } = new List<EnumInfo>();
        public List<RoutineInfo> Routines { get; } = new List<RoutineInfo>();

        /// <summary>Sort everything into the canonical order so that equal schemas write equal files.</summary>
        public void Normalize()
        {
            Schemas.Sort(StringComparer.Ordinal);
            Tables.Sort((a, b) => CompareQualified(a.Schema, a.Name, b.Schema, b.Name));
            foreach (var t in Tables)
            {
                t.Columns.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
                t.Indexes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                t.ForeignKeys.Sort((a, b) => CompareFk(a, b));
                t.UniqueConstraints.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                t.Checks.Sort((a, b) => string.CompareOrdinal(a.Name ?? a.Expression, b.Name ?? b.Expression));
                t.Triggers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                t.Policies.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            }
            Enums.Sort((a, b) => CompareQualified(a.Schema, a.Name, b.Schema, b.Name));
            Routines.Sort((a, b) =>
            {
                var c = CompareQualified(a.Schema, a.Name, b.Schema, b.Name);
                return c != 0 ? c : string.CompareOrdinal(a.Arguments, b.Arguments);
            });
        }

        private static int CompareFk(ForeignKeyInfo a, ForeignKeyInfo b)
        {
            var c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(string.Join(",", a.Columns), string.Join(",", b.Columns));
        }

        private static int CompareQualified(string? s1, string n1, string? s2, string n2)
        {
            var c = string.CompareOrdinal(s1 ?? "", s2 ?? "");
            return c != 0 ? c : string.CompareOrdinal(n1, n2);
        }
    }

    /// <summary>The provider names used in snapshots and settings.</summary>
    public static class SqlProviders
    {
        public const string Postgres = "postgres";
        public const string MySql = "mysql";
        public const string Sqlite = "sqlite";

        public static bool IsKnown(string? provider) =>
            provider == Postgres || provider == MySql || provider == Sqlite;
    }

    public enum TableKind
    {
        Table,
        View,
        MaterializedView,
    }

    public sealed class TableInfo
    {
        public string Schema { get; set; } = "";
        public string Name { get; set; } = "";
        public TableKind Kind { get; set; } = TableKind.Table;
        public List<ColumnInfo> Columns { get; } = new List<ColumnInfo>();
        public PrimaryKeyInfo? PrimaryKey { get; set; }
        public List<UniqueConstraintInfo> UniqueConstraints { get; } = new List<UniqueConstraintInfo>();
        public List<ForeignKeyInfo> ForeignKeys { get; } = new List<ForeignKeyInfo>();
        public List<IndexInfo> Indexes { get; } = new List<IndexInfo>();
        public List<CheckInfo> Checks { get; } = new List<CheckInfo>();
        public List<TriggerInfo> Triggers { get; } = new List<TriggerInfo>();
        public List<PolicyInfo> Policies { get; } = new List<PolicyInfo>();

        /// <summary>PostgreSQL row-level security flags; null where the engine has none.</summary>
        public bool? RlsEnabled { get; set; }
        public bool? RlsForced { get; set; }

        /// <summary>SQLite WITHOUT ROWID tables.</summary>
        public bool WithoutRowId { get; set; }

        /// <summary>Partitioned table (PostgreSQL declarative partitioning, MySQL partitions).</summary>
        public bool Partitioned { get; set; }

        /// <summary>Estimated rows (volatile: not in committed snapshots).</summary>
        public long? RowEstimate { get; set; }

        /// <summary>View definition text where the engine exposes it.</summary>
        public string? Definition { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class ColumnInfo
    {
        public string Name { get; set; } = "";

        /// <summary>1-based position in the table.</summary>
        public int Ordinal { get; set; }

        /// <summary>The type as the engine spells it (declared type for SQLite, may be empty there).</summary>
        public string Type { get; set; } = "";

        /// <summary>Normalized type family: see <see cref="Types.TypeFamily"/>.</summary>
        public string Family { get; set; } = "";

        public bool Nullable { get; set; } = true;
        public string? Default { get; set; }
        public bool PrimaryKey { get; set; }

        /// <summary>always, by_default, auto_increment, or null.</summary>
        public string? Identity { get; set; }

        /// <summary>stored, virtual, or null.</summary>
        public string? Generated { get; set; }
        public string? GenerationExpression { get; set; }

        public int? MaxLength { get; set; }
        public int? Precision { get; set; }
        public int? Scale { get; set; }

        /// <summary>For a column of a named enum type (PostgreSQL): the enum's qualified name.</summary>
        public string? EnumType { get; set; }

        /// <summary>For an inline enum/set (MySQL ENUM(...)/SET(...)): the labels in order.</summary>
        public List<string>? EnumValues { get; set; }

        public string? Collation { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class PrimaryKeyInfo
    {
        public string? Name { get; set; }
        public List<string> Columns { get; } = new List<string>();
    }

    public sealed class UniqueConstraintInfo
    {
        public string Name { get; set; } = "";
        public List<string> Columns { get; } = new List<string>();
    }

    public sealed class ForeignKeyInfo
    {
        public string Name { get; set; } = "";
        public List<string> Columns { get; } = new List<string>();
        public string? ReferencedSchema { get; set; }
        public string ReferencedTable { get; set; } = "";
        public List<string> ReferencedColumns { get; } = new List<string>();

        /// <summary>NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT.</summary>
        public string OnDelete { get; set; } = "NO ACTION";
        public string OnUpdate { get; set; } = "NO ACTION";

        /// <summary>false for PostgreSQL NOT VALID constraints.</summary>
        public bool Validated { get; set; } = true;
    }

    public sealed class IndexInfo
    {
        public string Name { get; set; } = "";
        public List<IndexColumnInfo> Columns { get; } = new List<IndexColumnInfo>();
        public bool Unique { get; set; }
        public bool Primary { get; set; }

        /// <summary>Partial index predicate (WHERE ...).</summary>
        public string? Predicate { get; set; }

        /// <summary>btree, hash, gin, gist, fulltext, ...</summary>
        public string? Method { get; set; }

        /// <summary>false for a PostgreSQL index left invalid by a failed CONCURRENTLY build.</summary>
        public bool Valid { get; set; } = true;

        /// <summary>Times the index was used (statistics; volatile).</summary>
        public long? Scans { get; set; }
    }

    public sealed class IndexColumnInfo
    {
        /// <summary>Column name, or null when the key is an expression.</summary>
        public string? Name { get; set; }
        public string? Expression { get; set; }
        public bool Descending { get; set; }
    }

    public sealed class CheckInfo
    {
        public string? Name { get; set; }
        public string Expression { get; set; } = "";
        public bool Validated { get; set; } = true;
    }

    public sealed class TriggerInfo
    {
        public string Name { get; set; } = "";

        /// <summary>BEFORE, AFTER, INSTEAD OF.</summary>
        public string Timing { get; set; } = "";

        /// <summary>INSERT, UPDATE, DELETE, TRUNCATE.</summary>
        public List<string> Events { get; } = new List<string>();

        /// <summary>ROW or STATEMENT.</summary>
        public string? Level { get; set; }

        /// <summary>Qualified function the trigger executes (PostgreSQL), null when it has an inline body.</summary>
        public string? Function { get; set; }

        /// <summary>Whether <see cref="Function"/> still exists.</summary>
        public bool FunctionExists { get; set; } = true;

        public bool Enabled { get; set; } = true;
        public string? Definition { get; set; }
    }

    public sealed class PolicyInfo
    {
        public string Name { get; set; } = "";

        /// <summary>ALL, SELECT, INSERT, UPDATE, DELETE.</summary>
        public string Command { get; set; } = "ALL";
        public bool Permissive { get; set; } = true;
        public List<string> Roles { get; } = new List<string>();
        public string? Using { get; set; }
        public string? WithCheck { get; set; }
    }

    public sealed class EnumInfo
    {
        public string Schema { get; set; } = "";
        public string Name { get; set; } = "";
        public List<string> Values { get; } = new List<string>();
    }

    public sealed class RoutineInfo
    {
        public string Schema { get; set; } = "";
        public string Name { get; set; } = "";

        /// <summary>function, procedure, aggregate, window.</summary>
        public string Kind { get; set; } = "function";

        /// <summary>Argument list as the engine prints it.</summary>
        public string Arguments { get; set; } = "";

        /// <summary>Argument types, in order (for overload checks).</summary>
        public List<string> ArgumentTypes { get; } = new List<string>();

        /// <summary>Number of trailing arguments that have defaults.</summary>
        public int DefaultedArguments { get; set; }

        public string? ReturnType { get; set; }
        public string? Language { get; set; }
        public bool SecurityDefiner { get; set; }

        /// <summary>The function's SET search_path value, or null when it has none.</summary>
        public string? SearchPath { get; set; }

        public string? Volatility { get; set; }
    }
}
