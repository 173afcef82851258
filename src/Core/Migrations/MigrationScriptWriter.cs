using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>What the header of a generated migration says besides the plan.</summary>
    public sealed class MigrationInfo
    {
        public string Name { get; set; } = "";

        /// <summary>yyyyMMdd_HHmmss (UTC).</summary>
        public string Stamp { get; set; } = "";
        public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
        public string Orm { get; set; } = "Raw SQL";
        public string Purpose { get; set; } = "";

        /// <summary>Where the database facts came from ("live database 'app'" or "no database").</summary>
        public string FactsSource { get; set; } = "";

        public string FileName => Stamp + "_" + Name + ".sql";
        public string RollbackFileName => Stamp + "_" + Name + "_rollback.sql";
    }

    /// <summary>
    /// Writes a plan as the seed's migration and rollback files: header (purpose, provider, ORM,
    /// changes, rollback file), DATA LOSS WARNING, PRE-MIGRATION CHECKS, MIGRATION,
    /// POST-MIGRATION VALIDATION. Statements carry `-- schemadrift:` annotations that
    /// SchemaDriftPush and the lint read; the files also run as they are in psql / mysql / sqlite3.
    /// </summary>
    public static class MigrationScriptWriter
    {
        public const string Rule = "-- ============================================================================";

        public static string WriteMigration(MigrationPlan plan, MigrationInfo info)
        {
            var d = MigrationDialect.For(plan.Provider);
            var sb = new StringBuilder();
            Line(sb, "-- Migration: " + info.Name);
            Line(sb, "-- Created: " + info.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
            Line(sb, "-- Author: SchemaDrift (dotnet build -t:SchemaDriftMigrate)");
            Line(sb, "-- Provider: " + d.DisplayName);
            Line(sb, "-- ORM: " + info.Orm);
            Line(sb, "--");
            foreach (var l in Wrap("Purpose: " + (info.Purpose.Length > 0 ? info.Purpose : "schema changes for " + info.Name))) Line(sb, "-- " + l);
            Line(sb, "--");
            Line(sb, "-- Changes:");
            if (!plan.Generated.Any()) Line(sb, "--   (none)");
            foreach (var p in plan.Generated)
            {
                foreach (var ch in p.AllChanges)
                {
                    Line(sb, "--   " + p.Number.ToString(CultureInfo.InvariantCulture) + ". " + ChangeText.RiskIcon(ch.Risk) + " [" + ChangeText.RiskLabel(ch.Risk) + "] " + OneLine(ch.Describe()));
                    foreach (var r in ch.Reasons) Line(sb, "--        " + OneLine(r));
                    if (ch.Fixes.Count > 0) Line(sb, "--        fixes " + string.Join(", ", ch.Fixes.Select(OneLine)));
                }
            }
            if (plan.Deferred.Count > 0)
            {
                Line(sb, "--");
                Line(sb, "-- Deferred (not in this migration: a human decides):");
                foreach (var x in plan.Deferred) foreach (var l in Wrap("- " + x)) Line(sb, "--   " + l);
            }
            Line(sb, "--");
            Line(sb, "-- Rollback: " + info.RollbackFileName);
            Line(sb, "--");
            WriteDataLoss(sb, plan.DataLoss.ToList());
            if (plan.Notes.Count > 0 || info.FactsSource.Length > 0)
            {
                Line(sb, "--");
                Line(sb, "-- Notes:");
                if (info.FactsSource.Length > 0) Line(sb, "--   - Row counts from " + info.FactsSource + ".");
                foreach (var n in plan.Notes.Distinct()) foreach (var l in Wrap("- " + n)) Line(sb, "--   " + l);
            }
            Line(sb, "--");
            Line(sb, "-- schemadrift:migration format=1 provider=" + plan.Provider + " name=" + info.Name + " rollback=" + info.RollbackFileName);
            Line(sb, "");

            var generated = plan.Generated.ToList();
            Section(sb, "PRE-MIGRATION CHECKS");
            var pre = generated.SelectMany(p => p.PreChecks).ToList();
            if (pre.Count == 0) Line(sb, "-- (none)\n");
            foreach (var s in pre) Statement(sb, s, "change");

            Section(sb, "MIGRATION");
            WriteBody(sb, plan.Provider, d, plan.Prologue, plan.Epilogue, generated.Select(p => (p.Number, Header: Heading(p), p.Forward, p.PostChecks)).ToList(),
                "POST-MIGRATION VALIDATION", "change", undo: false);
            return sb.ToString();
        }

        public static string WriteRollback(MigrationPlan plan, MigrationInfo info)
        {
            var d = MigrationDialect.For(plan.Provider);
            var sb = new StringBuilder();
            Line(sb, "-- Rollback: " + info.Name);
            Line(sb, "-- Reverses: " + info.FileName);
            Line(sb, "-- Created: " + info.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
            Line(sb, "-- Provider: " + d.DisplayName);
            Line(sb, "--");
            var loss = plan.DataLoss.Where(w => w.InRollback).ToList();
            if (loss.Count == 0)
            {
                Line(sb, "-- This rollback cannot lose data.");
            }
            else
            {
                Line(sb, "-- WARNING: This rollback may result in data loss if:");
                foreach (var w in loss) foreach (var l in Wrap("- " + w.What + (w.Keep != null ? " (" + w.Keep + ")" : ""))) Line(sb, "--   " + l);
            }
            Line(sb, "--");
            Line(sb, "-- Run it with: dotnet build -t:SchemaDriftRollback -p:SchemaDriftMigrationName=" + info.Stamp + "_" + info.Name);
            Line(sb, "-- schemadrift:rollback format=1 provider=" + plan.Provider + " reverses=" + info.FileName);
            Line(sb, "");
            var generated = plan.Generated.Reverse().ToList();
            Section(sb, "PRE-ROLLBACK CHECKS");
            var pre = generated.SelectMany(p => p.UndoPreChecks).ToList();
            if (pre.Count == 0) Line(sb, "-- (none)\n");
            foreach (var s in pre) Statement(sb, s, "undo");
            Section(sb, "ROLLBACK");
            WriteBody(sb, plan.Provider, d, plan.RollbackPrologue, plan.RollbackEpilogue, generated.Select(p => (p.Number, Header: "Undo " + Heading(p), p.Undo, p.UndoPostChecks)).ToList(),
                "POST-ROLLBACK VALIDATION", "undo", undo: true);
            return sb.ToString();
        }

        private static string Heading(ChangePlan p) => p.Number.ToString(CultureInfo.InvariantCulture) + ". " + OneLine(p.Comment ?? p.Change.Describe());

        private static void WriteBody(StringBuilder sb, string provider, MigrationDialect d, List<MigrationStatement> prologue, List<MigrationStatement> epilogue,
            List<(int Number, string Header, List<MigrationStatement> Statements, List<MigrationStatement> Checks)> parts, string validation, string tag, bool undo)
        {
            foreach (var s in prologue) Statement(sb, s, tag);
            var transactional = d.TransactionalDdl;
            // Statements that must run outside a transaction block: in a rollback, drops go first (they remove
            // what the migration built outside its transaction), everything else after the transaction.
            bool Before(MigrationStatement s) => undo && s.OutsideTransaction && (s.Sql.StartsWith("DROP", StringComparison.OrdinalIgnoreCase) || s.Sql.Contains(" DROP CONSTRAINT "));
            var before = parts.SelectMany(p => p.Statements.Where(s => s.OutsideTransaction && Before(s)).Select(s => (p, s))).ToList();
            var inside = parts.Select(p => (p, List: p.Statements.Where(s => !s.OutsideTransaction || !transactional).ToList())).Where(x => x.List.Count > 0).ToList();
            var after = parts.SelectMany(p => p.Statements.Where(s => s.OutsideTransaction && transactional && !Before(s)).Select(s => (p, s))).ToList();
            if (!transactional) before.Clear();

            if (before.Count > 0)
            {
                Line(sb, "-- Outside a transaction block (CONCURRENTLY cannot run inside one).\n");
                foreach (var (p, s) in before) Statement(sb, s, tag, "-- " + p.Header);
            }
            var checksInside = parts.Where(p => !transactional || p.Statements.All(s => !s.OutsideTransaction)).SelectMany(p => p.Checks).ToList();
            var checksAfter = parts.Where(p => transactional && p.Statements.Any(s => s.OutsideTransaction)).SelectMany(p => p.Checks).ToList();
            if (transactional && (inside.Count > 0 || checksInside.Count > 0)) Line(sb, "BEGIN;\n");
            foreach (var (p, list) in inside)
            {
                Line(sb, "-- " + p.Header);
                foreach (var s in list) Statement(sb, s, tag);
            }
            if (checksInside.Count > 0)
            {
                Section(sb, validation + (transactional ? " (inside the transaction: a failed check rolls everything back)" : ""));
                foreach (var s in checksInside) Statement(sb, s, tag);
            }
            if (transactional && (inside.Count > 0 || checksInside.Count > 0)) Line(sb, "COMMIT;\n");
            if (after.Count > 0)
            {
                Line(sb, "-- Outside a transaction block: " + (provider == SqlProviders.Postgres ? "CONCURRENTLY and VALIDATE CONSTRAINT do not hold long locks." : "") + "\n");
                foreach (var (p, s) in after) Statement(sb, s, tag, "-- " + p.Header);
            }
            if (checksAfter.Count > 0)
            {
                Section(sb, validation + (transactional ? " (after the statements that cannot run in a transaction)" : ""));
                foreach (var s in checksAfter) Statement(sb, s, tag);
            }
            foreach (var s in epilogue) Statement(sb, s, tag);
        }

        private static void WriteDataLoss(StringBuilder sb, List<DataLossWarning> warnings)
        {
            var forward = warnings.Where(w => !w.InRollback).ToList();
            var back = warnings.Where(w => w.InRollback).ToList();
            if (forward.Count == 0 && back.Count == 0)
            {
                Line(sb, "-- Data loss: none. Neither this migration nor its rollback can lose data.");
                return;
            }
            Line(sb, Rule);
            Line(sb, "-- ⚠️ DATA LOSS WARNING");
            Line(sb, Rule);
            if (forward.Count == 0) Line(sb, "-- This migration cannot lose data.");
            else Line(sb, "-- This migration will:");
            foreach (var w in forward)
            {
                Line(sb, "--   - " + OneLine(w.What));
                Line(sb, "--     Affected rows: " + (w.AffectedRows == null ? "unknown (no database at generation time)" : SchemaDiffer.Count(w.AffectedRows.Value)));
                if (w.Keep != null) Line(sb, "--     " + OneLine(w.Keep));
            }
            if (back.Count > 0)
            {
                Line(sb, "-- Its rollback will:");
                foreach (var w in back)
                {
                    Line(sb, "--   - " + OneLine(w.What));
                    if (w.Keep != null) Line(sb, "--     " + OneLine(w.Keep));
                }
            }
            if (forward.Count > 0) Line(sb, "-- Proceed only if you have backed up or do not need this data (SchemaDriftPush asks for -p:SchemaDriftConfirmDestructive=true).");
        }

        private static void Statement(StringBuilder sb, MigrationStatement s, string tag, string? heading = null)
        {
            if (heading != null) Line(sb, heading);
            foreach (var c in s.Comments) foreach (var l in Wrap(c)) Line(sb, "-- " + l);
            if (s.Change > 0) Line(sb, "-- schemadrift:" + tag + " " + s.Change.ToString(CultureInfo.InvariantCulture));
            switch (s.Role)
            {
                case StatementRole.PreCheck:
                    Line(sb, "-- schemadrift:check pre " + OneLine(s.CheckMessage ?? ""));
                    break;
                case StatementRole.PostCheck:
                    Line(sb, "-- schemadrift:check post " + OneLine(s.CheckMessage ?? ""));
                    break;
                case StatementRole.Session:
                    Line(sb, "-- schemadrift:session");
                    break;
            }
            if (s.OutsideTransaction) Line(sb, "-- schemadrift:no-transaction");
            if (s.Destructive != null) Line(sb, "-- schemadrift:destructive " + OneLine(s.Destructive));
            foreach (var r in s.Reviewed) Line(sb, "-- schemadrift:reviewed " + OneLine(r));
            Line(sb, s.Sql + ";");
            Line(sb, "");
        }

        private static void Section(StringBuilder sb, string title)
        {
            Line(sb, Rule);
            Line(sb, "-- " + title);
            Line(sb, Rule);
            Line(sb, "");
        }

        private static void Line(StringBuilder sb, string s) => sb.Append(s).Append('\n');

        /// <summary>Comment text on one line (names may contain line breaks; a comment must not end early).</summary>
        public static string OneLine(string s) => s.Replace("\r", " ").Replace("\n", " ");

        private static IEnumerable<string> Wrap(string text)
        {
            text = OneLine(text);
            const int width = 96;
            while (text.Length > width)
            {
                var cut = text.LastIndexOf(' ', width);
                if (cut <= 20) cut = width;
                yield return text.Substring(0, cut).TrimEnd();
                text = "  " + text.Substring(cut).TrimStart();
            }
            yield return text;
        }
    }
}
