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
        public const string UnknownRoutine = "DBDRIFT701";
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

        /// <summary>The column an enum literal is compared with or assigned to (DBDRIFT801).</summary>
        public const string Column = "Column";

        /// <summary>DBDRIFT801: the enum type (PostgreSQL, qualified) or "enum" (MySQL inline ENUM); DBDRIFT701: function or procedure.</summary>
        public const string Detail = "Detail";

        /// <summary>DBDRIFT801: the labels the column allows, as LabelCount and Label0..n.</summary>
        public const string LabelCount = "LabelCount";
        public const string LabelPrefix = "Label";

        /// <summary>Where the name sits: a <see cref="SchemaDrift.Core.Sql.Analysis.SqlClause"/> name (SelectList, InsertColumns, SetTarget…).</summary>
        public const string Clause = "Clause";

        /// <summary>
        /// "start,length" in the document of the text to delete to remove the item cleanly (select item,
        /// INSERT column, SET assignment, with one comma). Present only when the whole span lies in one literal.
        /// </summary>
        public const string RemoveSpan = "RemoveSpan";

        /// <summary>For an INSERT column: "start,length" of the matching VALUES item to delete with it.</summary>
        public const string PairedRemoveSpan = "PairedRemoveSpan";

        /// <summary>The data-access API the SQL was passed to: Dapper, ADO.NET, EF Core.</summary>
        public const string Api = "Api";

        // DBDRIFT501/801: what SchemaDriftMigrate needs to write the migration (docs/migrations.md).
        public const string Schema = "Schema";
        public const string StoreType = "StoreType";
        public const string Nullable = "Nullable";
        public const string MaxLength = "MaxLength";
        public const string PrimaryKey = "PrimaryKey";
        public const string Identity = "Identity";
        public const string EnumType = "EnumType";
        public const string Value = "Value";
        public const string ColumnCount = "ColumnCount";

        /// <summary>DBDRIFT301: the C# type that carries the column, nullable annotation included.</summary>
        public const string SuggestedType = "SuggestedType";

        /// <summary>DBDRIFT301: the member (property, field or constructor parameter) whose type to change.</summary>
        public const string Member = "Member";
    }
}
