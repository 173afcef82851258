using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaDrift.Core.Audit
{
    /// <summary>Default severity of an audit rule (the analyzers map it onto DiagnosticSeverity).</summary>
    public enum AuditSeverity
    {
        Info,
        Warning,
    }

    /// <summary>The seed's audit families, in the order reports list them.</summary>
    public static class AuditCategories
    {
        public const string Schema = "Schema";
        public const string Rls = "RLS";
        public const string Index = "Index";
        public const string Integrity = "Integrity";
        public const string Functions = "Functions";
        public const string Performance = "Performance";

        public static readonly string[] InOrder = { Schema, Rls, Index, Integrity, Functions, Performance };

        /// <summary>Heading used in reports ("Schema Issues").</summary>
        public static string Heading(string category) => category == Functions ? "Function & Trigger Issues" : category + " Issues";
    }

    /// <summary>One audit check: the seed's finding ID, what it finds, and where it applies.</summary>
    public sealed class AuditRule
    {
        internal AuditRule(string id, string category, AuditSeverity severity, string title, string description, string engines, string? notReported = null)
        {
            Id = id;
            Category = category;
            Severity = severity;
            Title = title;
            Description = description;
            Engines = engines;
            NotReported = notReported;
        }

        /// <summary>Roslyn form, e.g. DBSCHEMA001.</summary>
        public string Id { get; }

        /// <summary>The seed's form, e.g. DB-SCHEMA-001 (used in reports).</summary>
        public string SeedId => AuditRules.SeedForm(Id);

        public string Category { get; }
        public AuditSeverity Severity { get; }
        public string Title { get; }
        public string Description { get; }

        /// <summary>Engines the check runs on ("PostgreSQL, MySQL/MariaDB, SQLite"; "code" for analyzer rules).</summary>
        public string Engines { get; }

        /// <summary>When not null the check is never reported, and this says why (documented on the rule page).</summary>
        public string? NotReported { get; }

        public bool Implemented => NotReported == null;
    }

    /// <summary>
    /// The audit catalogue: every ID of the seed's audit tables (DB-SCHEMA-001 … DB-PERF-005), with
    /// its default severity. The analyzers build their descriptors from it and the tool prints it,
    /// so the two can never disagree. Severities: Warning where the finding is a defect or a
    /// security exposure on its own; Info where it is advice whose value depends on the workload.
    /// </summary>
    public static class AuditRules
    {
        private const string All = "PostgreSQL, MySQL/MariaDB, SQLite";
        private const string Pg = "PostgreSQL";
        private const string Code = "code (analyzer)";

        public static readonly AuditRule MissingPrimaryKey = new AuditRule("DBSCHEMA001", AuditCategories.Schema, AuditSeverity.Warning,
            "Table has no primary key",
            "A table without a primary key cannot be updated or deleted row by row reliably, breaks logical replication and most ORMs, and silently accepts duplicate rows.", All);

        public static readonly AuditRule MissingTimestamps = new AuditRule("DBSCHEMA002", AuditCategories.Schema, AuditSeverity.Info,
            "Table has no created/updated timestamps",
            "Without created_at (and updated_at for mutable rows) nobody can tell when a row appeared or last changed, which audits, incremental syncs and debugging need.", All);

        public static readonly AuditRule MixedNaming = new AuditRule("DBSCHEMA003", AuditCategories.Schema, AuditSeverity.Info,
            "Mixed naming styles",
            "Tables or columns mix snake_case, camelCase and PascalCase. Mixed styles cause quoting mistakes (PostgreSQL folds unquoted names to lower case) and wrong guesses in code.", All);

        public static readonly AuditRule MissingNotNull = new AuditRule("DBSCHEMA004", AuditCategories.Schema, AuditSeverity.Info,
            "Column should be NOT NULL",
            "A creation timestamp column accepts NULL: a row without a creation time is never intended.", All);

        public static readonly AuditRule MissingDefault = new AuditRule("DBSCHEMA005", AuditCategories.Schema, AuditSeverity.Info,
            "Column has no sensible default",
            "A creation timestamp column has no default, so every INSERT must remember to set it.", All);

        public static readonly AuditRule WideTable = new AuditRule("DBSCHEMA006", AuditCategories.Schema, AuditSeverity.Info,
            "Wide table",
            "The table has 20 or more columns (configurable): often several entities in one table; rows get large and every UPDATE rewrites all of it.", All);

        public static readonly AuditRule MissingForeignKey = new AuditRule("DBSCHEMA007", AuditCategories.Schema, AuditSeverity.Info,
            "Implicit relationship without a foreign key",
            "A column named like a reference (<x>_id, xId) matches exactly one table's primary key, but no foreign key enforces the relationship.", All);

        public static readonly AuditRule CircularForeignKeys = new AuditRule("DBSCHEMA008", AuditCategories.Schema, AuditSeverity.Info,
            "Circular foreign key dependencies",
            "Tables reference each other in a cycle: rows can only be inserted or deleted with deferred constraints or nullable keys, and dumps, seeds and deletes need special ordering.", All);

        public static readonly AuditRule RlsDisabled = new AuditRule("DBRLS001", AuditCategories.Rls, AuditSeverity.Warning,
            "Row-level security disabled",
            "A table in an exposed schema has row-level security disabled, or a table has policies while RLS is off (so none of them is enforced).", Pg);

        public static readonly AuditRule RlsNoPolicies = new AuditRule("DBRLS002", AuditCategories.Rls, AuditSeverity.Info,
            "RLS enabled but no policies",
            "Row-level security is enabled and no policy exists: every role except the owner and BYPASSRLS roles sees no rows and can write none.", Pg);

        public static readonly AuditRule RlsPermissive = new AuditRule("DBRLS003", AuditCategories.Rls, AuditSeverity.Warning,
            "Overly permissive policy",
            "A permissive policy that allows writing (INSERT, UPDATE, DELETE or ALL) has USING (true) or WITH CHECK (true): every role it applies to may change every row.", Pg);

        public static readonly AuditRule RlsNoOwnershipFilter = new AuditRule("DBRLS004", AuditCategories.Rls, AuditSeverity.Info,
            "Policy without ownership filter",
            "A table has an owner column (user_id, owner_id) but a policy allowing UPDATE or DELETE checks neither that column nor the current user.", Pg);

        public static readonly AuditRule RlsPerRowFunction = new AuditRule("DBRLS005", AuditCategories.Rls, AuditSeverity.Warning,
            "Auth function evaluated per row",
            "A policy calls auth.uid(), auth.jwt(), auth.role(), auth.email() or current_setting() directly, so PostgreSQL evaluates it once per row; wrapped as (SELECT auth.uid()) it is evaluated once per query.", Pg);

        public static readonly AuditRule RlsMissingInsert = new AuditRule("DBRLS006", AuditCategories.Rls, AuditSeverity.Info,
            "Missing INSERT policy",
            "A role may read and change rows (SELECT plus UPDATE or DELETE) but no policy lets it INSERT.", Pg);

        public static readonly AuditRule RlsMissingDelete = new AuditRule("DBRLS007", AuditCategories.Rls, AuditSeverity.Info,
            "Missing DELETE policy",
            "A role may UPDATE rows but no policy lets it DELETE them.", Pg);

        public static readonly AuditRule RlsAdminBypass = new AuditRule("DBRLS008", AuditCategories.Rls, AuditSeverity.Info,
            "Admin bypass missing",
            "No policy or role lets administrators bypass row-level security.", Pg,
            "PostgreSQL superusers, table owners (unless FORCE ROW LEVEL SECURITY) and BYPASSRLS roles such as Supabase's service_role already bypass RLS; which role an application uses for administration is not visible in the database, so this is not judged.");

        public static readonly AuditRule RlsPolicyConflict = new AuditRule("DBRLS009", AuditCategories.Rls, AuditSeverity.Warning,
            "Several permissive policies for one role and action",
            "Two or more permissive policies apply to the same role and command: PostgreSQL ORs them (the most permissive wins) and evaluates every one for each row.", Pg);

        public static readonly AuditRule UnindexedForeignKey = new AuditRule("DBIDX001", AuditCategories.Index, AuditSeverity.Info,
            "Foreign key without an index",
            "No index starts with the foreign key's columns: joins on the relationship and every DELETE or key UPDATE of the referenced table scan the whole referencing table.", All);

        public static readonly AuditRule QueryFilterWithoutIndex = new AuditRule("DBIDX002", AuditCategories.Index, AuditSeverity.Info,
            "Filtered column has no index",
            "A query in the code filters on a column (equality or range) and no index starts with that column.", Code);

        public static readonly AuditRule SortWithoutIndex = new AuditRule("DBIDX003", AuditCategories.Index, AuditSeverity.Info,
            "Sorted column has no index",
            "A query in the code sorts a table by a column with a LIMIT and no index starts with that column: the whole table is read and sorted to return a few rows.", Code);

        public static readonly AuditRule DuplicateIndex = new AuditRule("DBIDX004", AuditCategories.Index, AuditSeverity.Warning,
            "Duplicate or redundant index",
            "An index has the same keys as another index, or its keys are a leading prefix of another index of the same kind: it costs writes and memory and serves no query the other cannot.", All);

        public static readonly AuditRule UnusedIndex = new AuditRule("DBIDX005", AuditCategories.Index, AuditSeverity.Info,
            "Unused index",
            "The statistics show no scan of the index while its table is read regularly.", Pg);

        public static readonly AuditRule MissingCompositeIndex = new AuditRule("DBIDX006", AuditCategories.Index, AuditSeverity.Info,
            "Query needs a composite index",
            "A query in the code filters one table on several columns by equality and no index starts with any of them; one composite index serves the query.", Code);

        public static readonly AuditRule MissingPartialIndex = new AuditRule("DBIDX007", AuditCategories.Index, AuditSeverity.Info,
            "Missing partial index",
            "Queries always filter on a constant condition (deleted_at IS NULL, status = 'active') that a partial index could serve.", Code,
            "Telling a condition every query repeats from one that only some queries use needs all of a table's queries, which the analyzer sees only one call site at a time; not judged yet.");

        public static readonly AuditRule InvalidIndex = new AuditRule("DBIDX008", AuditCategories.Index, AuditSeverity.Warning,
            "Index needs REINDEX",
            "The index is invalid (a CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY that failed): queries never use it, yet every write still maintains it.", Pg);

        public static readonly AuditRule OrphanedRows = new AuditRule("DBINT001", AuditCategories.Integrity, AuditSeverity.Warning,
            "Orphaned rows",
            "Rows reference parent rows that do not exist although a foreign key is declared (NOT VALID constraints, disabled triggers or foreign_key_checks, SQLite without PRAGMA foreign_keys).", All);

        public static readonly AuditRule DuplicateRows = new AuditRule("DBINT002", AuditCategories.Integrity, AuditSeverity.Warning,
            "Duplicate data",
            "Rows that should be unique are duplicated.", All,
            "Which columns should be unique is a business rule the schema does not state; declared unique constraints cannot be violated. Not judged.");

        public static readonly AuditRule NullInRequired = new AuditRule("DBINT003", AuditCategories.Integrity, AuditSeverity.Warning,
            "NULL in a required column",
            "Rows hold NULL in a column the schema treats as required: a PostgreSQL NOT VALID CHECK (col IS NOT NULL), a SQLite PRIMARY KEY column (SQLite's legacy rule lets those hold NULL), or a creation timestamp.", All);

        public static readonly AuditRule InvalidReferences = new AuditRule("DBINT004", AuditCategories.Integrity, AuditSeverity.Warning,
            "Implicit relationship violated",
            "A reference column without a foreign key (see DBSCHEMA007) holds values that do not exist in the table it refers to.", All);

        public static readonly AuditRule InconsistentData = new AuditRule("DBINT005", AuditCategories.Integrity, AuditSeverity.Warning,
            "Rows violate an unvalidated check",
            "Rows violate a CHECK constraint that was added NOT VALID (PostgreSQL) and never validated: the rule holds for new rows only.", Pg);

        public static readonly AuditRule MissingCascade = new AuditRule("DBINT006", AuditCategories.Integrity, AuditSeverity.Info,
            "Dependent rows block deletes",
            "A foreign key that is part of the referencing table's primary key (a dependent or join table row) has no ON DELETE action: deleting the parent fails until the code deletes the dependents first.", All);

        public static readonly AuditRule StaleData = new AuditRule("DBINT007", AuditCategories.Integrity, AuditSeverity.Info,
            "Stale data",
            "Old records that should be archived.", All,
            "Retention is a business rule the schema does not state. Not judged.");

        public static readonly AuditRule SecurityDefinerSearchPath = new AuditRule("DBFUNC001", AuditCategories.Functions, AuditSeverity.Warning,
            "SECURITY DEFINER function without a fixed search_path",
            "A SECURITY DEFINER function runs with its owner's privileges but resolves names through the caller's search_path: a caller who can create objects in a schema on that path can make it run their code.", Pg);

        public static readonly AuditRule SecurityDefinerPublic = new AuditRule("DBFUNC002", AuditCategories.Functions, AuditSeverity.Info,
            "SECURITY DEFINER function executable by everyone",
            "A SECURITY DEFINER function keeps the default EXECUTE grant to PUBLIC: every role, including anonymous API roles, runs it with the owner's privileges.", Pg);

        public static readonly AuditRule NoExecuteGrant = new AuditRule("DBFUNC003", AuditCategories.Functions, AuditSeverity.Info,
            "Function without EXECUTE grant",
            "A function nobody but its owner can call.", Pg,
            "Which role the application connects as is not visible to the audit, so whether it may call a function is not judged.");

        public static readonly AuditRule BrokenTrigger = new AuditRule("DBFUNC004", AuditCategories.Functions, AuditSeverity.Warning,
            "Trigger that cannot do its job",
            "A trigger whose function is missing, that is disabled, or whose body uses a table that no longer exists (SQLite and MySQL resolve trigger bodies only when they fire).", All);

        public static readonly AuditRule MissingUpdatedAtTrigger = new AuditRule("DBFUNC005", AuditCategories.Functions, AuditSeverity.Info,
            "updated_at is not maintained by the database",
            "The table has an updated_at-style column but no UPDATE trigger (MySQL: no ON UPDATE CURRENT_TIMESTAMP) keeps it current.", All);

        public static readonly AuditRule LargeUnpartitioned = new AuditRule("DBPERF001", AuditCategories.Performance, AuditSeverity.Info,
            "Large table without partitioning",
            "The table has about a million rows or more (configurable) and is not partitioned: maintenance, archiving and some scans get slower as it grows.", "PostgreSQL, MySQL/MariaDB");

        public static readonly AuditRule MissingMaintenance = new AuditRule("DBPERF002", AuditCategories.Performance, AuditSeverity.Info,
            "Table never analyzed or vacuumed",
            "The planner has no statistics for a table with many rows (never ANALYZEd), or dead rows pile up in a table never VACUUMed.", "PostgreSQL, SQLite");

        public static readonly AuditRule SlowQueries = new AuditRule("DBPERF003", AuditCategories.Performance, AuditSeverity.Info,
            "Slow queries",
            "Queries taking more than a second on average.", Pg,
            "Needs pg_stat_statements (a server-wide preload library) and a workload to observe; the audit does not install it and does not guess. Not judged yet.");

        public static readonly AuditRule SequentialScans = new AuditRule("DBPERF004", AuditCategories.Performance, AuditSeverity.Info,
            "Sequential scans on a large table",
            "A large table is read mostly by sequential scans (statistics since the last reset): some frequent query lacks an index.", Pg);

        public static readonly AuditRule ConnectionPooling = new AuditRule("DBPERF005", AuditCategories.Performance, AuditSeverity.Info,
            "Connection pooling",
            "No connection pooler or connection limit.", Pg,
            "Whether a pooler sits between the application and the server is not visible from inside the database. Not judged.");

        /// <summary>Every audit rule, in report order.</summary>
        public static readonly IReadOnlyList<AuditRule> AllRules = new[]
        {
            MissingPrimaryKey, MissingTimestamps, MixedNaming, MissingNotNull, MissingDefault, WideTable, MissingForeignKey, CircularForeignKeys,
            RlsDisabled, RlsNoPolicies, RlsPermissive, RlsNoOwnershipFilter, RlsPerRowFunction, RlsMissingInsert, RlsMissingDelete, RlsAdminBypass, RlsPolicyConflict,
            UnindexedForeignKey, QueryFilterWithoutIndex, SortWithoutIndex, DuplicateIndex, UnusedIndex, MissingCompositeIndex, MissingPartialIndex, InvalidIndex,
            OrphanedRows, DuplicateRows, NullInRequired, InvalidReferences, InconsistentData, MissingCascade, StaleData,
            SecurityDefinerSearchPath, SecurityDefinerPublic, NoExecuteGrant, BrokenTrigger, MissingUpdatedAtTrigger,
            LargeUnpartitioned, MissingMaintenance, SlowQueries, SequentialScans, ConnectionPooling,
        };

        private static readonly Dictionary<string, AuditRule> ById = AllRules.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public static AuditRule? Find(string id) => ById.TryGetValue(id, out var r) ? r : null;

        /// <summary>DBSCHEMA001 → DB-SCHEMA-001 (the seed's spelling, used in reports).</summary>
        public static string SeedForm(string id)
        {
            if (id.Length < 6 || !id.StartsWith("DB", StringComparison.Ordinal)) return id;
            var digits = id.Length;
            while (digits > 0 && char.IsDigit(id[digits - 1])) digits--;
            return "DB-" + id.Substring(2, digits - 2) + "-" + id.Substring(digits);
        }
    }
}
