namespace SchemaDrift.Analyzers.Descriptors
{
    /// <summary>Every diagnostic ID SchemaDrift reports (see docs/rules/).</summary>
    public static class DiagnosticIds
    {
        public const string ToolNotice = "DBDRIFT000";
        public const string UnknownTable = "DBDRIFT101";
        public const string UnknownColumn = "DBDRIFT201";
        public const string PossibleRename = "DBDRIFT401";
        public const string TypeMismatch = "DBDRIFT301";
        public const string NullableMemberOverRequiredColumn = "DBDRIFT302";
        public const string MaxLengthExceedsColumn = "DBDRIFT303";
        public const string ModelAheadOfDatabase = "DBDRIFT501";
        public const string UnfedResultMember = "DBDRIFT502";
        public const string UnmappedColumns = "DBDRIFT601";
        public const string InvalidEnumValue = "DBDRIFT801";
    }

    /// <summary>Keys of the properties diagnostics carry for code fixes and reports.</summary>
    public static class PropertyKeys
    {
        public const string Kind = "Kind";
        public const string Name = "Name";
        public const string Table = "Table";
        public const string Dialect = "Dialect";
        public const string CandidateCount = "CandidateCount";
        public const string CandidatePrefix = "Candidate";
    }
}
