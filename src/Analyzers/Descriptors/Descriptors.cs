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

        public static readonly DiagnosticDescriptor UnknownRoutine = Create(
            DiagnosticIds.UnknownRoutine,
            "Function or procedure called in SQL does not exist",
            "{0} '{1}' does not exist in the {2} database{3}",
            DiagnosticSeverity.Warning,
            "The SQL calls a function or procedure that is neither built into the database engine nor defined in the schema snapshot; the query will fail at run time.");

        public static readonly DiagnosticDescriptor InvalidEnumValue = Create(
            DiagnosticIds.InvalidEnumValue,
            "Enum value used in SQL is not a label of the database enum",
            "'{0}' is not a value of {1} (column '{2}'); allowed: {3}",
            DiagnosticSeverity.Warning,
            "A string literal is compared with or assigned to an enum column but is not one of the enum's labels: PostgreSQL rejects the query, MySQL silently matches nothing or stores an empty value.");

        public static readonly DiagnosticDescriptor[] All =
        {
            ToolNotice,
            UnknownTable,
            UnknownColumn,
            PossibleRename,
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
