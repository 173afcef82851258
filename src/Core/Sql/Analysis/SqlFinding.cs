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

    /// <summary>One problem in one SQL string, located by offsets into that string.</summary>
    public sealed class SqlFinding
    {
        public SqlFindingKind Kind { get; set; }

        /// <summary>Offset and length of the offending name (or literal) in the SQL text.</summary>
        public int Start { get; set; }
        public int Length { get; set; }

        /// <summary>The name as written (without quotes).</summary>
        public string Name { get; set; } = "";

        /// <summary>The table the column was looked up in, when there is exactly one.</summary>
        public string? Table { get; set; }

        /// <summary>Similar existing names: a non-empty list makes a missing name a possible rename.</summary>
        public List<string> Candidates { get; } = new List<string>();

        /// <summary>For enum findings: the allowed labels; for routines: "function" or "procedure".</summary>
        public string? Detail { get; set; }
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
