using System.Collections.Generic;

namespace SchemaDrift.Core.Sql.Analysis
{
    public enum SqlFindingKind
    {
        UnknownTable,
        UnknownColumn,
        UnknownRoutine,
        InvalidEnumValue,
    }

    /// <summary>Where in the statement a finding sits: code fixes decide from it what removing or renaming means.</summary>
    public enum SqlClause
    {
        Other,

        /// <summary>An item of a SELECT list (removable: see <see cref="SqlFinding.RemoveStart"/>).</summary>
        SelectList,
        From,
        JoinCondition,
        Where,
        GroupBy,
        Having,
        OrderBy,
        Window,

        /// <summary>A name in INSERT's column list (removable together with its VALUES item).</summary>
        InsertColumns,

        /// <summary>A value in INSERT … VALUES.</summary>
        InsertValues,

        /// <summary>The target of SET col = … in UPDATE, INSERT … SET, ON CONFLICT / ON DUPLICATE KEY UPDATE (removable).</summary>
        SetTarget,

        /// <summary>The value side of a SET assignment.</summary>
        SetValue,
        Returning,
        OnConflict,
        Using,
        Call,

        /// <summary>The whole text is a procedure name (CommandType.StoredProcedure).</summary>
        ProcedureName,
    }

    /// <summary>One problem in one SQL string, located by offsets into that string.</summary>
    public sealed class SqlFinding
    {
        public SqlFindingKind Kind { get; set; }

        /// <summary>Offset and length of the offending name (or literal) in the SQL text.</summary>
        public int Start { get; set; }
        public int Length { get; set; }

        /// <summary>The name as written (without quotes); for enum findings the literal's value.</summary>
        public string Name { get; set; } = "";

        /// <summary>The table the column was looked up in, when there is exactly one; for enum findings the column's table.</summary>
        public string? Table { get; set; }

        /// <summary>For enum findings: the column compared with or assigned the literal.</summary>
        public string? Column { get; set; }

        /// <summary>Similar existing names (or enum labels): a non-empty list makes a missing name a possible rename.</summary>
        public List<string> Candidates { get; } = new List<string>();

        /// <summary>For enum findings: the enum type's name (PostgreSQL) or "enum" (MySQL inline ENUM); for routines: "function" or "procedure".</summary>
        public string? Detail { get; set; }

        /// <summary>For enum findings: every label the column allows, in order.</summary>
        public List<string> Allowed { get; } = new List<string>();

        /// <summary>The clause the name or literal is in.</summary>
        public SqlClause Clause { get; set; }

        /// <summary>
        /// The SQL text to delete to remove the item cleanly (the select item, column-list entry or
        /// SET assignment with one adjacent comma), or -1 when the item cannot be removed on its own.
        /// </summary>
        public int RemoveStart { get; set; } = -1;
        public int RemoveLength { get; set; }

        /// <summary>For INSERT columns with a single VALUES row: the matching value to delete with it, else -1.</summary>
        public int PairedRemoveStart { get; set; } = -1;
        public int PairedRemoveLength { get; set; }

        public void SetRemoval(int start, int end)
        {
            RemoveStart = start;
            RemoveLength = end - start;
        }

        public void SetPairedRemoval(int start, int end)
        {
            PairedRemoveStart = start;
            PairedRemoveLength = end - start;
        }
    }

    /// <summary>The result of checking one SQL string against a snapshot.</summary>
    public sealed class SqlCheckResult
    {
        public List<SqlFinding> Findings { get; } = new List<SqlFinding>();
        public int StatementsChecked { get; set; }
        public int StatementsSkipped { get; set; }

        /// <summary>Why statements were skipped (for tests and diagnostics of the tool itself).</summary>
        public List<string> SkipReasons { get; } = new List<string>();
    }
}
