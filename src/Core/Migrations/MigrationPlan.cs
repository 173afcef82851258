using System.Collections.Generic;
using System.Linq;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>What a statement is for, which decides where it goes in the file and how push runs it.</summary>
    public enum StatementRole
    {
        /// <summary>Schema or data change.</summary>
        Change,

        /// <summary>A validation before anything changes (PostgreSQL: DO block; elsewhere: SELECT … AS schemadrift_check).</summary>
        PreCheck,

        /// <summary>A validation after the change (inside the transaction where there is one).</summary>
        PostCheck,

        /// <summary>Session settings (SET lock_timeout, PRAGMA foreign_keys): run outside any transaction, split nothing.</summary>
        Session,
    }

    /// <summary>One SQL statement of a migration or rollback, with the annotations push and lint read.</summary>
    public sealed class MigrationStatement
    {
        public MigrationStatement(string sql, StatementRole role = StatementRole.Change)
        {
            Sql = sql.TrimEnd().TrimEnd(';').TrimEnd();
            Role = role;
        }

        /// <summary>The statement without its terminating semicolon.</summary>
        public string Sql { get; }

        public StatementRole Role { get; }

        /// <summary>Comment lines written above the statement (why it exists).</summary>
        public List<string> Comments { get; } = new List<string>();

        /// <summary>PostgreSQL CREATE/DROP INDEX CONCURRENTLY and friends: must run outside a transaction block.</summary>
        public bool OutsideTransaction { get; set; }

        /// <summary>For checks: what failed, in words.</summary>
        public string? CheckMessage { get; set; }

        /// <summary>Why the statement can lose data (drop, narrowing…), or null.</summary>
        public string? Destructive { get; set; }

        /// <summary>Lint findings the generator knowingly accepts: "DBMIG006 backfilled in the same transaction".</summary>
        public List<string> Reviewed { get; } = new List<string>();

        /// <summary>1-based number of the change the statement belongs to (0: the migration as a whole).</summary>
        public int Change { get; set; }

        public MigrationStatement Comment(string line)
        {
            Comments.Add(line);
            return this;
        }

        public MigrationStatement Review(string code, string reason)
        {
            Reviewed.Add(code + " " + reason);
            return this;
        }

        public override string ToString() => Sql;
    }

    /// <summary>A DATA LOSS WARNING entry: what can be lost, where, and how many rows hold it.</summary>
    public sealed class DataLossWarning
    {
        public string What { get; set; } = "";
        public string Table { get; set; } = "";

        /// <summary>Rows affected, from the live database when the migration was generated; null when unknown.</summary>
        public long? AffectedRows { get; set; }

        /// <summary>How to keep the data (export query, backup table).</summary>
        public string? Keep { get; set; }

        /// <summary>True when it is the rollback, not the migration, that can lose data.</summary>
        public bool InRollback { get; set; }
    }

    /// <summary>Everything one change turns into: forward statements, its undo, checks and notes.</summary>
    public sealed class ChangePlan
    {
        public ChangePlan(SchemaChange change, int number)
        {
            Change = change;
            Number = number;
        }

        public SchemaChange Change { get; }

        /// <summary>1-based position in the migration.</summary>
        public int Number { get; }

        public List<MigrationStatement> PreChecks { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> Forward { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> PostChecks { get; } = new List<MigrationStatement>();

        /// <summary>Statements that undo this change (run in reverse change order by the rollback).</summary>
        public List<MigrationStatement> Undo { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> UndoPreChecks { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> UndoPostChecks { get; } = new List<MigrationStatement>();

        public List<DataLossWarning> DataLoss { get; } = new List<DataLossWarning>();

        /// <summary>Lock impact of this change, in words (analysis block).</summary>
        public List<string> LockNotes { get; } = new List<string>();

        /// <summary>True when rows are rewritten (backfill, table rebuild, type conversion).</summary>
        public bool DataMigration { get; set; }

        /// <summary>Other changes applied by this plan's statements (SQLite folds a table's changes into one rebuild).</summary>
        public List<SchemaChange> FoldedChanges { get; } = new List<SchemaChange>();

        /// <summary>True for a SQLite table rebuild (the 12-step procedure).</summary>
        public bool Rebuild { get; set; }

        /// <summary>A heading for the statements in the file, when the change's own description is not enough.</summary>
        public string? Comment { get; set; }

        /// <summary>Every change this plan carries out.</summary>
        public IEnumerable<SchemaChange> AllChanges => new[] { Change }.Concat(FoldedChanges);

        /// <summary>Why the change was not generated (then Forward is empty and the change is DEFERRED).</summary>
        public string? Deferred { get; set; }
    }

    /// <summary>A whole migration: the ordered change plans plus what surrounds them.</summary>
    public sealed class MigrationPlan
    {
        public string Provider { get; set; } = "";
        public List<ChangePlan> Changes { get; } = new List<ChangePlan>();

        /// <summary>Statements before the first change (session settings).</summary>
        public List<MigrationStatement> Prologue { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> Epilogue { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> RollbackPrologue { get; } = new List<MigrationStatement>();
        public List<MigrationStatement> RollbackEpilogue { get; } = new List<MigrationStatement>();

        /// <summary>Findings and changes that need a human decision (listed in the header and the report).</summary>
        public List<string> Deferred { get; } = new List<string>();

        /// <summary>General remarks for the header (engine behaviour, things not migrated).</summary>
        public List<string> Notes { get; } = new List<string>();

        public IEnumerable<ChangePlan> Generated => Changes.Where(c => c.Deferred == null);

        public IEnumerable<DataLossWarning> DataLoss => Generated.SelectMany(c => c.DataLoss);
    }
}
