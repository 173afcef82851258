using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Core.Audit
{
    /// <summary>DBFUNC001 (SECURITY DEFINER search_path), DBFUNC004 (broken triggers), DBFUNC005 (updated_at not maintained).</summary>
    internal static class RoutineChecks
    {
        public static void Run(AuditScope s)
        {
            SecurityDefiner(s);
            SchemaIndex? index = null;
            foreach (var t in s.Tables)
            {
                foreach (var trigger in t.Triggers)
                {
                    BrokenTrigger(s, t, trigger, ref index);
                }
                UpdatedAt(s, t);
            }
        }

        public static string RoutineKey(RoutineInfo r) => r.Schema + "." + r.Name + "(" + r.Arguments + ")";

        private static void SecurityDefiner(AuditScope s)
        {
            if (!s.IsPostgres) return;
            foreach (var r in s.Snapshot.Routines)
            {
                if (!r.SecurityDefiner || r.SearchPath != null || r.Kind == "aggregate") continue;
                if (s.Facts.ExtensionRoutines.Contains(RoutineKey(r))) continue;
                var signature = s.Quote(r.Schema) + "." + s.Quote(r.Name) + "(" + string.Join(", ", r.ArgumentTypes) + ")";
                var sql = "ALTER " + (r.Kind == "procedure" ? "PROCEDURE " : "FUNCTION ") + signature + " SET search_path = ''";
                s.Add(new AuditFinding(AuditRules.SecurityDefinerSearchPath,
                    "SECURITY DEFINER " + r.Kind + " has no fixed search_path: it resolves names through the caller's path while running with its owner's privileges.",
                    "Pin it (" + sql + ") and schema-qualify the names in its body, e.g. public.users, auth.uid().")
                {
                    Schema = r.Schema,
                    ObjectKind = r.Kind,
                    ObjectName = r.Name + "(" + r.Arguments + ")",
                    Sql = sql,
                });
            }
        }

        private static void BrokenTrigger(AuditScope s, TableInfo t, TriggerInfo trigger, ref SchemaIndex? index)
        {
            if (trigger.Function != null && !trigger.FunctionExists)
            {
                s.Add(s.OnPart(AuditRules.BrokenTrigger, t, "trigger", trigger.Name,
                    "Trigger calls " + trigger.Function + ", which does not exist: every " + string.Join("/", trigger.Events) + " on the table fails.",
                    "Recreate the function or drop the trigger."));
                return;
            }
            if (!trigger.Enabled)
            {
                var sql = "ALTER TABLE " + s.QuoteTable(t) + " ENABLE TRIGGER " + s.Quote(trigger.Name);
                s.Add(s.OnPart(AuditRules.BrokenTrigger, t, "trigger", trigger.Name,
                    "Trigger is disabled: " + (trigger.Function ?? "its body") + " never runs on " + string.Join("/", trigger.Events) + ".",
                    "Enable it (" + sql + ") or drop it if it is obsolete.").WithSql(sql));
                return;
            }
            if (s.IsPostgres || string.IsNullOrEmpty(trigger.Definition)) return;
            // SQLite and MySQL resolve the tables in a trigger body only when it fires.
            var body = Body(trigger.Definition!, s.IsSqlite);
            if (body == null) return;
            index ??= new SchemaIndex(s.Snapshot);
            var missing = SqlChecker.Check(body, index).Findings
                .Where(f => f.Kind == SqlFindingKind.UnknownTable)
                .Select(f => f.Name)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (missing.Count == 0) return;
            s.Add(s.OnPart(AuditRules.BrokenTrigger, t, "trigger", trigger.Name,
                "Trigger body uses table" + (missing.Count > 1 ? "s " : " ") + string.Join(", ", missing) + ", which do" + (missing.Count > 1 ? "" : "es") +
                " not exist: every " + string.Join("/", trigger.Events) + " on " + t.Name + " fails.",
                "Recreate the missing table or drop and recreate the trigger without it."));
        }

        private static readonly Regex Begin = new Regex(@"\bBEGIN\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex End = new Regex(@"\bEND\b\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The statements of a trigger: SQLite's CREATE TRIGGER … BEGIN … END, MySQL's action statement.</summary>
        private static string? Body(string definition, bool sqlite)
        {
            var begin = Begin.Match(definition);
            if (!begin.Success) return sqlite ? null : definition;
            var end = End.Match(definition);
            if (!end.Success || end.Index <= begin.Index) return null;
            return definition.Substring(begin.Index + begin.Length, end.Index - begin.Index - begin.Length);
        }

        private static void UpdatedAt(AuditScope s, TableInfo t)
        {
            var column = t.Columns.FirstOrDefault(c => AuditNaming.IsUpdatedTimestamp(c.Name) && c.Generated == null);
            if (column == null) return;
            if (t.Triggers.Any(tr => tr.Enabled && tr.Events.Contains("UPDATE"))) return;
            string fix;
            if (s.IsMySql)
            {
                if (s.Facts.OnUpdateColumns == null) return; // unknown without the live catalog
                if (s.Facts.OnUpdateColumns.Contains(t.Name + "." + column.Name)) return;
                fix = "ALTER TABLE " + s.QuoteTable(t) + " MODIFY " + s.Quote(column.Name) + " " + column.Type + " " +
                      (column.Nullable ? "NULL" : "NOT NULL") + " DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP";
            }
            else if (s.IsPostgres)
            {
                fix = "a BEFORE UPDATE trigger: CREATE TRIGGER set_" + t.Name + "_" + column.Name + " BEFORE UPDATE ON " + s.QuoteTable(t) +
                      " FOR EACH ROW EXECUTE FUNCTION <a function that sets NEW." + s.Quote(column.Name) + " = now()>";
            }
            else
            {
                fix = "an AFTER UPDATE trigger: CREATE TRIGGER " + t.Name + "_" + column.Name + " AFTER UPDATE ON " + s.Quote(t.Name) +
                      " FOR EACH ROW WHEN NEW." + s.Quote(column.Name) + " IS OLD." + s.Quote(column.Name) + " BEGIN UPDATE " + s.Quote(t.Name) +
                      " SET " + s.Quote(column.Name) + " = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid; END";
            }
            s.Add(s.OnColumn(AuditRules.MissingUpdatedAtTrigger, t, column.Name,
                "Nothing in the database keeps " + column.Name + " current on UPDATE: it is only right if every code path sets it.",
                "Maintain it in the database with " + fix + "; or suppress DBFUNC005 if the application sets it everywhere (e.g. an EF Core SaveChanges interceptor)."));
        }
    }

    /// <summary>DBINT006 (dependent rows without ON DELETE action). The data checks DBINT001/003/004/005 are the tool's.</summary>
    internal static class IntegrityChecks
    {
        public static void Run(AuditScope s)
        {
            foreach (var t in s.Tables)
            {
                if (t.PrimaryKey == null) continue;
                foreach (var fk in t.ForeignKeys)
                {
                    if (fk.Columns.Count == 0 || !fk.Columns.All(t.PrimaryKey.Columns.Contains)) continue;
                    // An explicit RESTRICT is a decision (PostgreSQL and SQLite tell it apart from the default; MySQL does not).
                    var isDefault = fk.OnDelete == "NO ACTION" || (s.IsMySql && fk.OnDelete == "RESTRICT");
                    if (!isDefault) continue;
                    s.Add(s.OnPart(AuditRules.MissingCascade, t, "foreign key", fk.Name,
                        "Rows of " + t.Name + " belong to their " + fk.ReferencedTable + " row (the key (" + string.Join(", ", fk.Columns) +
                        ") is part of the primary key) but the foreign key has no ON DELETE action: deleting a " + fk.ReferencedTable + " row fails while dependents exist.",
                        "Declare ON DELETE CASCADE if dependents should go with their parent, or ON DELETE RESTRICT to state that the code deletes them first."));
                }
            }
        }
    }

    /// <summary>DBPERF001 from the snapshot's row estimates; DBPERF002/004 need statistics: the tool.</summary>
    internal static class PerformanceChecks
    {
        public static void Run(AuditScope s)
        {
            if (s.IsSqlite) return; // no partitioning in SQLite
            foreach (var t in s.Tables)
            {
                if (t.Partitioned || t.RowEstimate == null || t.RowEstimate < s.Options.LargeTableRows) continue;
                s.Add(s.OnTable(AuditRules.LargeUnpartitioned, t,
                    "Table has about " + t.RowEstimate.Value.ToString("N0", CultureInfo.InvariantCulture) + " rows and is not partitioned.",
                    "If queries and retention follow a key (time, tenant), partition by it (" +
                    (s.IsPostgres ? "PARTITION BY RANGE/LIST; pg_partman automates it" : "PARTITION BY RANGE/HASH") +
                    "); otherwise make sure its hot queries are indexed and archive old rows."));
            }
        }
    }
}
