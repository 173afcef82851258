using Microsoft.CodeAnalysis;

namespace SchemaDrift.Analyzers.Descriptors
{
    /// <summary>
    /// The descriptor catalogue: one place for every rule's ID, title, message,
    /// category, default severity and help link (docs/rules/&lt;ID&gt;.md).
    /// </summary>
    public static class Descriptors
    {
        public const string HelpBase = "https://github.com/schemadrift/schemadrift/blob/main/docs/rules/";
        private const string Drift = "SchemaDrift";

        public static readonly DiagnosticDescriptor ToolNotice = Create(
            DiagnosticIds.ToolNotice,
            "SchemaDrift notice",
            "{0}",
            DiagnosticSeverity.Warning,
            "SchemaDrift could not do its job completely (no database reachable, snapshot stale or unreadable). The message says what to do.");

        public static readonly DiagnosticDescriptor UnknownTable = Create(
            DiagnosticIds.UnknownTable,
            "Table referenced in SQL does not exist",
            "Table '{0}' does not exist in the {1} database",
            DiagnosticSeverity.Warning,
            "The SQL names a table or view that the database schema snapshot does not contain; the query will fail at run time.");

        public static readonly DiagnosticDescriptor UnknownColumn = Create(
            DiagnosticIds.UnknownColumn,
            "Column referenced in SQL does not exist",
            "Column '{0}' does not exist{1}",
            DiagnosticSeverity.Warning,
            "The SQL names a column that none of the tables in scope have, and no similarly named column exists; the query will fail at run time.");

        public static readonly DiagnosticDescriptor PossibleRename = Create(
            DiagnosticIds.PossibleRename,
            "Name in SQL does not exist, but a similar one does",
            "{0} '{1}' does not exist{2}; did you mean {3}?",
            DiagnosticSeverity.Warning,
            "The SQL names a column or table that does not exist while a similar name does: probably a rename in the database or a typo in the code.");

        public static readonly DiagnosticDescriptor TypeMismatch = Create(
            DiagnosticIds.TypeMismatch,
            "C# type does not fit the column type",
            "'{0}' does not fit column '{1}': {2}",
            DiagnosticSeverity.Warning,
            "The CLR type of an EF Core property or a Dapper result member cannot carry the column's values on this database (per docs/type-mapping.md), or the member cannot hold the NULLs the column allows: reads or writes fail or corrupt data at run time.");

        public static readonly DiagnosticDescriptor NullableMemberOverRequiredColumn = Create(
            DiagnosticIds.NullableMemberOverRequiredColumn,
            "Optional EF Core property over a NOT NULL column",
            "'{0}' allows null but column '{1}' is NOT NULL and has no default: saving null fails",
            DiagnosticSeverity.Info,
            "The EF Core model lets the property be null, but the database rejects NULL in the column and supplies no default; nothing fails on read, but saving an entity with a null value fails.");

        public static readonly DiagnosticDescriptor MaxLengthExceedsColumn = Create(
            DiagnosticIds.MaxLengthExceedsColumn,
            "Model max length exceeds the column length",
            "'{0}' allows {1} characters but column '{2}' holds at most {3}: longer values fail to save",
            DiagnosticSeverity.Warning,
            "The EF Core model allows longer strings (HasMaxLength, [MaxLength], [StringLength]) than the database column; validation passes and the database rejects (or, without strict mode, truncates) the value.");

        public static readonly DiagnosticDescriptor ModelAheadOfDatabase = Create(
            DiagnosticIds.ModelAheadOfDatabase,
            "EF Core model is ahead of the database",
            "{0} does not exist in the {1} database{2}; add a migration ('dotnet ef migrations add …') or stage one with 'dotnet build -t:SchemaDriftMigrate'",
            DiagnosticSeverity.Warning,
            "An EF Core entity maps to a table or column that the database schema snapshot does not contain: the model changed and the database has not been migrated, so queries on the entity fail at run time.");

        public static readonly DiagnosticDescriptor UnfedResultMember = Create(
            DiagnosticIds.UnfedResultMember,
            "No selected column feeds a Dapper result member",
            "No column of the query feeds '{0}'{1}",
            DiagnosticSeverity.Info,
            "A settable member (or constructor parameter) of the type Dapper maps the query's rows to matches no selected column by Dapper's name matching, so it keeps its default value.");

        public static readonly DiagnosticDescriptor UnmappedColumns = Create(
            DiagnosticIds.UnmappedColumns,
            "Database has columns the EF Core entity does not map",
            "Table '{0}' has {1} column(s) that '{2}' does not map: {3}",
            DiagnosticSeverity.Info,
            "The table behind an EF Core entity has columns the model does not know: added by hand, by another application, or left behind by a removed property. EF Core ignores them; inserts fail if they are NOT NULL without a default.");

        public static readonly DiagnosticDescriptor UnknownRoutine = Create(
            DiagnosticIds.UnknownRoutine,
            "Function or procedure called in SQL does not exist",
            "{0} '{1}' does not exist in the {2} database{3}",
            DiagnosticSeverity.Warning,
            "The SQL calls a function or procedure that is neither built into the database engine nor defined in the schema snapshot; the query will fail at run time.");

        public static readonly DiagnosticDescriptor InvalidEnumValue = Create(
            DiagnosticIds.InvalidEnumValue,
            "Enum value used in code is not a label of the database enum",
            "'{0}' is not a value of {1} (column '{2}'); allowed: {3}",
            DiagnosticSeverity.Warning,
            "A value the code uses for an enum column (a string literal in SQL, or a member of a C# enum EF Core stores by name or as a PostgreSQL enum) is not one of the labels the database allows (PostgreSQL enum type, MySQL ENUM, or a CHECK constraint listing the values): PostgreSQL and CHECK constraints reject it, MySQL silently matches nothing or stores an empty value.");

        public static readonly DiagnosticDescriptor[] All =
        {
            ToolNotice,
            UnknownTable,
            UnknownColumn,
            PossibleRename,
            TypeMismatch,
            NullableMemberOverRequiredColumn,
            MaxLengthExceedsColumn,
            ModelAheadOfDatabase,
            UnfedResultMember,
            UnmappedColumns,
            UnknownRoutine,
            InvalidEnumValue,
        };

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                Drift,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpBase + id + ".md");
    }
}
