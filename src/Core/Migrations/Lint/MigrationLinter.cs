using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations.Lint
{
    /// <summary>One lint finding on a migration statement.</summary>
    public sealed class LintFinding
    {
        public string Code { get; set; } = "";
        public int Line { get; set; }
        public string Message { get; set; } = "";

        /// <summary>What to do instead.</summary>
        public string SafeAlternative { get; set; } = "";

        /// <summary>True when it can lose data (push asks for SchemaDriftConfirmDestructive).</summary>
        public bool Destructive { get; set; }

        /// <summary>The statement's `schemadrift:reviewed` reason when it was acknowledged, else null.</summary>
        public string? Acknowledged { get; set; }

        /// <summary>The table the statement touches (for data-aware confirmation).</summary>
        public string? Table { get; set; }

        /// <summary>The column, when the finding is about one.</summary>
        public string? Column { get; set; }

        public string Statement { get; set; } = "";

        public override string ToString() => Code + " (line " + Line + "): " + Message;
    }

    /// <summary>Lint rules for migrations (generated or hand-written). IDs DBMIG001–DBMIG012, see docs/migrations.md.</summary>
    public static class LintRules
    {
        public const string DropTable = "DBMIG001";
        public const string DropColumn = "DBMIG002";
        public const string Rename = "DBMIG003";
        public const string TypeChange = "DBMIG004";
        public const string NotNullWithoutDefault = "DBMIG005";
        public const string SetNotNull = "DBMIG006";
        public const string IndexNotConcurrent = "DBMIG007";
        public const string DropIndexNotConcurrent = "DBMIG008";
        public const string ForeignKeyNotValid = "DBMIG009";
        public const string CheckNotValid = "DBMIG010";
        public const string UniqueOverData = "DBMIG011";
        public const string EnumRemoval = "DBMIG012";

        public static readonly IReadOnlyDictionary<string, (string Title, string Alternative)> All = new Dictionary<string, (string, string)>
        {
            [DropTable] = ("DROP TABLE loses the table and its rows",
                "Stop using the table first; copy it (CREATE TABLE backup AS SELECT * FROM t) or export it, and drop it in a later migration once nothing reads it."),
            [DropColumn] = ("DROP COLUMN loses the column's values",
                "Remove the column from code and deploy first; keep its values (CREATE TABLE backup AS SELECT <pk>, col FROM t) and drop it in a later migration."),
            [Rename] = ("a rename breaks every reader still using the old name",
                "Expand and contract: add the new name, write both, backfill, move readers, then drop the old one (or keep a view with the old name) — and update the code in the same release."),
            [TypeChange] = ("a type change rewrites or converts every row and can fail or truncate",
                "Add a column of the new type, backfill it in batches, switch the code, drop the old column later. Widening varchar/numeric limits is cheap; narrowing needs a pre-check that every value fits."),
            [NotNullWithoutDefault] = ("ADD COLUMN … NOT NULL without a default fails on a populated table (MySQL silently fills implicit defaults)",
                "Add the column nullable, backfill existing rows, then SET NOT NULL — or give the column a DEFAULT."),
            [SetNotNull] = ("making a column NOT NULL scans the whole table under an exclusive lock and fails on NULLs",
                "Backfill NULLs first. On PostgreSQL 12+: ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; SET NOT NULL (uses the check, no scan); DROP the check."),
            [IndexNotConcurrent] = ("CREATE INDEX without CONCURRENTLY blocks writes to the table for the whole build",
                "CREATE INDEX CONCURRENTLY (outside a transaction block); drop an INVALID leftover with DROP INDEX CONCURRENTLY if the build fails."),
            [DropIndexNotConcurrent] = ("DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table",
                "DROP INDEX CONCURRENTLY (outside a transaction block)."),
            [ForeignKeyNotValid] = ("ADD FOREIGN KEY validates every row while holding locks on both tables",
                "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a separate transaction (only SHARE UPDATE EXCLUSIVE)."),
            [CheckNotValid] = ("ADD CHECK scans every row under an ACCESS EXCLUSIVE lock",
                "ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a separate transaction."),
            [UniqueOverData] = ("a unique index or constraint over existing data fails on duplicates (and blocks writes while it builds)",
                "Look for duplicates first (SELECT cols, COUNT(*) … GROUP BY cols HAVING COUNT(*) > 1). On PostgreSQL: CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX."),
            [EnumRemoval] = ("removing, renaming or reordering enum values breaks rows and code that use them",
                "Only ever add labels (ALTER TYPE … ADD VALUE; MySQL: append to the ENUM list keeping every existing label in place). To retire a label, migrate its rows to another value first and keep the label until nothing writes it."),
        };
    }

    /// <summary>
    /// Lints migration files statement by statement with a small DDL classifier over the
    /// project's SQL lexer. Given a snapshot it is data-aware (unique indexes on empty or
    /// new tables are fine) and enum-aware (an ENUM list that drops a label).
    /// </summary>
    public static class MigrationLinter
    {
        public static List<LintFinding> Lint(MigrationScript script, string provider, SchemaSnapshot? schema = null)
        {
            var findings = new List<LintFinding>();
            var pg = provider == SqlProviders.Postgres;
            var my = provider == SqlProviders.MySql;
            var created = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var renamedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var inTransaction = false;
            foreach (var st in script.Statements)
            {
                if (st.IsBegin) { inTransaction = true; continue; }
                if (st.IsCommit || st.IsRollback) { inTransaction = false; continue; }
                if (st.Check != null || st.Session) continue;
                var d = DdlStatement.Classify(st.Tokens);
                void Add(string code, string detail, bool destructive = false, string? table = null, string? column = null)
                {
                    var (title, alt) = LintRules.All[code];
                    var acknowledged = st.Reviewed.FirstOrDefault(r => r.StartsWith(code, StringComparison.OrdinalIgnoreCase))?.Substring(code.Length).Trim();
                    findings.Add(new LintFinding
                    {
                        Code = code,
                        Line = st.Line,
                        Message = title + (detail.Length > 0 ? ": " + detail : ""),
                        SafeAlternative = alt,
                        // Generated statements say themselves whether they can lose data; hand-written ones are judged by the rule.
                        Destructive = st.Destructive != null || (destructive && acknowledged == null),
                        Acknowledged = acknowledged,
                        Table = table ?? d.Name,
                        Column = column,
                        Statement = Snippet(st.Sql),
                    });
                }
                bool IsNew(string? name) => name != null && created.Contains(name);
                long? Rows(string? table) => table == null ? null : schema?.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))?.RowEstimate;

                switch (d.Kind)
                {
                    case DdlKind.CreateTable:
                        if (d.Name != null) created.Add(d.Name);
                        break;
                    case DdlKind.DropTable:
                        Add(LintRules.DropTable, "DROP TABLE " + d.Name, destructive: true);
                        break;
                    case DdlKind.RenameTable:
                        Add(LintRules.Rename, "RENAME TABLE " + d.Name);
                        break;
                    case DdlKind.CreateIndex:
                        if (IsNew(d.OnTable)) break;
                        if (pg && !d.Concurrently) Add(LintRules.IndexNotConcurrent, "index " + d.Name + " on " + d.OnTable + (inTransaction ? " (and CONCURRENTLY cannot run inside this transaction block)" : ""), table: d.OnTable);
                        if (pg && d.Concurrently && inTransaction) Add(LintRules.IndexNotConcurrent, "CREATE INDEX CONCURRENTLY inside a transaction block fails: move it after COMMIT", table: d.OnTable);
                        if (d.Unique && Rows(d.OnTable) != 0) Add(LintRules.UniqueOverData, "unique index " + d.Name + " on " + d.OnTable, table: d.OnTable);
                        break;
                    case DdlKind.DropIndex:
                        if (pg && !d.Concurrently) Add(LintRules.DropIndexNotConcurrent, "index " + d.Name);
                        break;
                    case DdlKind.CreateType:
                        if (d.Name != null && renamedTypes.Contains(d.Name)) Add(LintRules.EnumRemoval, "enum type " + d.Name + " is re-created: values may be removed or reordered", destructive: true);
                        break;
                    case DdlKind.DropType:
                        if (d.Name != null && !renamedTypes.Contains(d.Name) && !d.Name.EndsWith("__sd_old", StringComparison.Ordinal))
                        {
                            Add(LintRules.EnumRemoval, "DROP TYPE " + d.Name, destructive: true);
                        }
                        break;
                    case DdlKind.AlterType:
                        foreach (var a in d.Actions)
                        {
                            if (a.Kind == AlterAction.RenameEnumValue) Add(LintRules.EnumRemoval, "RENAME VALUE on " + d.Name + " changes what stored rows mean");
                            if (a.Kind == AlterAction.RenameType && d.Name != null) renamedTypes.Add(d.Name);
                            if (a.Kind == AlterAction.AddEnumValue && pg && inTransaction && a.Name != null)
                            {
                                // Fine on PostgreSQL 12+, but the label cannot be used before COMMIT: not a finding.
                            }
                        }
                        break;
                    case DdlKind.Delete:
                    case DdlKind.Truncate:
                        if (st.Sql.IndexOf("pg_enum", StringComparison.OrdinalIgnoreCase) >= 0) Add(LintRules.EnumRemoval, "deleting from pg_enum corrupts rows that use the label", destructive: true);
                        break;
                    case DdlKind.AlterTable:
                        foreach (var a in d.Actions) LintAction(d, a, Add, pg, my, IsNew(d.Name), Rows(d.Name), schema, st);
                        break;
                }
            }
            return findings;
        }

        private static void LintAction(DdlStatement d, DdlAction a, Action<string, string, bool, string?, string?> add, bool pg, bool my, bool newTable, long? rows, SchemaSnapshot? schema, ScriptStatement st)
        {
            var table = d.Name;
            switch (a.Kind)
            {
                case AlterAction.DropColumn:
                    add(LintRules.DropColumn, "column " + table + "." + a.Name, true, table, a.Name);
                    break;
                case AlterAction.RenameColumn:
                    add(LintRules.Rename, "column " + table + "." + a.Name + " -> " + a.NewName, false, table, a.Name);
                    break;
                case AlterAction.RenameTable:
                    add(LintRules.Rename, "table " + table + " -> " + a.NewName, false, table, null);
                    break;
                case AlterAction.AlterColumnType:
                    add(LintRules.TypeChange, "column " + table + "." + a.Name, true, table, a.Name);
                    break;
                case AlterAction.ModifyColumn:
                    {
                        var live = schema?.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
                            ?.Columns.FirstOrDefault(c => string.Equals(c.Name, a.Name, StringComparison.OrdinalIgnoreCase));
                        if (a.EnumLabels != null && live?.EnumValues != null)
                        {
                            var removed = live.EnumValues.Where(v => !a.EnumLabels.Contains(v)).ToList();
                            var kept = a.EnumLabels.Where(live.EnumValues.Contains).ToList();
                            var prefix = a.EnumLabels.Take(live.EnumValues.Count).SequenceEqual(live.EnumValues);
                            if (removed.Count > 0) add(LintRules.EnumRemoval, "ENUM of " + table + "." + a.Name + " loses " + string.Join(", ", removed.Select(v => "'" + v + "'")), true, table, a.Name);
                            else if (!kept.SequenceEqual(live.EnumValues.Where(a.EnumLabels.Contains))) add(LintRules.EnumRemoval, "ENUM of " + table + "." + a.Name + " reorders its labels", false, table, a.Name);
                            else if (!prefix) add(LintRules.TypeChange, "ENUM label inserted in the middle of " + table + "." + a.Name + ": the table is copied (append it instead)", false, table, a.Name);
                            break;
                        }
                        if (a.EnumLabels != null && live == null)
                        {
                            add(LintRules.EnumRemoval, "ENUM of " + table + "." + a.Name + " is redefined: make sure every existing label stays, in place", false, table, a.Name);
                            break;
                        }
                        add(LintRules.TypeChange, "MODIFY/CHANGE COLUMN " + table + "." + a.Name + " restates the column (type, nullability, default) and can copy the table", false, table, a.Name);
                        if (a.NotNull && (live == null || live.Nullable)) add(LintRules.SetNotNull, "column " + table + "." + a.Name, rows != 0, table, a.Name);
                        if (a.NewName != null && !string.Equals(a.NewName, a.Name, StringComparison.OrdinalIgnoreCase)) add(LintRules.Rename, "column " + table + "." + a.Name + " -> " + a.NewName, false, table, a.Name);
                        break;
                    }
                case AlterAction.AddColumn:
                    if (a.NotNull && !a.HasDefault && !newTable) add(LintRules.NotNullWithoutDefault, "column " + table + "." + a.Name, false, table, a.Name);
                    break;
                case AlterAction.SetNotNull:
                    if (!newTable) add(LintRules.SetNotNull, "column " + table + "." + a.Name, false, table, a.Name);
                    break;
                case AlterAction.AddForeignKey:
                    if (pg && !a.NotValid && !newTable) add(LintRules.ForeignKeyNotValid, "on " + table, false, table, null);
                    break;
                case AlterAction.AddCheck:
                    if (pg && !a.NotValid && !newTable) add(LintRules.CheckNotValid, "on " + table, false, table, null);
                    break;
                case AlterAction.AddUnique:
                    if (!newTable && rows != 0 && !(pg && st.Sql.IndexOf("USING INDEX", StringComparison.OrdinalIgnoreCase) >= 0))
                    {
                        add(LintRules.UniqueOverData, "on " + table, false, table, null);
                    }
                    break;
                case AlterAction.AddIndex:
                    if (my && !newTable && st.Tokens.Any(t => t.IsWord("UNIQUE")) && rows != 0) add(LintRules.UniqueOverData, "on " + table, false, table, null);
                    break;
                case AlterAction.DropPrimaryKey:
                    add(LintRules.TypeChange, "primary key of " + table + " dropped", false, table, null);
                    break;
            }
        }

        private static string Snippet(string sql)
        {
            var one = string.Join(" ", sql.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));
            return one.Length > 120 ? one.Substring(0, 117) + "..." : one;
        }
    }
}
