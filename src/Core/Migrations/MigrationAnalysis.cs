using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SchemaDrift.Core.Migrations.Lint;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>The second seed's MIGRATION ANALYSIS REPORT block, printed by SchemaDriftMigrate and SchemaDriftDiff.</summary>
    public static class MigrationAnalysis
    {
        public static string Render(MigrationPlan plan, MigrationInfo info, IList<LintFinding>? lint = null, bool efCore = false)
        {
            var sb = new StringBuilder();
            var generated = plan.Generated.ToList();
            var all = generated.SelectMany(p => p.AllChanges).ToList();
            void L(string s = "") => sb.Append(s).Append('\n');

            L("🔄 MIGRATION ANALYSIS REPORT");
            L("============================");
            L();
            L("📊 Schema Changes Detected:");
            L("---------------------------");
            if (all.Count == 0) L("(none: the schema already matches)");
            foreach (var c in all) L(c.Describe() + (c.Source != "diff" ? "   (from " + c.Source + ")" : ""));
            L();
            L("⚠️  IMPACT ASSESSMENT:");
            L("---------------------");
            L(Impact(all, ChangeRisk.Safe, "🟢 Safe Changes"));
            L(Impact(all, ChangeRisk.Careful, "🟡 Careful Changes"));
            L(Impact(all, ChangeRisk.HighRisk, "🔴 High-Risk Changes"));
            foreach (var c in all.Where(c => c.Risk != ChangeRisk.Safe))
            {
                L("   " + ChangeText.RiskIcon(c.Risk) + " " + c.Describe());
                foreach (var r in c.Reasons) L("      - " + r);
            }
            L();
            L("🛡️  MIGRATION PLAN:");
            L("-------------------");
            var step = 0;
            var pre = generated.Sum(p => p.PreChecks.Count);
            if (pre > 0) L("Step " + (++step).ToString(CultureInfo.InvariantCulture) + ": Pre-migration checks (" + pre.ToString(CultureInfo.InvariantCulture) + ")");
            foreach (var p in generated)
            {
                L("Step " + (++step).ToString(CultureInfo.InvariantCulture) + ": " +
                  (p.Rebuild ? "Rebuild " + p.Change.Table + " table (SQLite 12-step procedure): " + string.Join("; ", p.AllChanges.Select(Verb)) : Verb(p.Change)) +
                  (p.Forward.Any(s => s.OutsideTransaction) ? " [outside the transaction]" : ""));
            }
            var post = generated.Sum(p => p.PostChecks.Count);
            L("Step " + (++step).ToString(CultureInfo.InvariantCulture) + ": Validate (" + post.ToString(CultureInfo.InvariantCulture) + " post-migration checks; push also re-introspects and verifies every change)");
            L();
            L("📋 ROLLBACK STRATEGY:");
            L("---------------------");
            var n = 0;
            foreach (var p in Enumerable.Reverse(generated))
            {
                L((++n).ToString(CultureInfo.InvariantCulture) + ". " + (p.Rebuild ? "Rebuild " + p.Change.Table + " table back to its previous definition (its original CREATE statement), restoring dropped values from backups" : Undo(p.Change)));
            }
            L("File: " + info.RollbackFileName + (plan.Provider == "mysql" ? " (MySQL commits DDL implicitly: push applies it step by step after a partial failure)" : " (runs in a transaction where the engine allows it)"));
            L();
            L("🔒 ESTIMATED LOCK IMPACT:");
            L("-------------------------");
            foreach (var p in generated) foreach (var note in p.LockNotes) L("- " + note);
            if (!generated.Any(p => p.LockNotes.Count > 0)) L("- none");
            L();
            L("⏱️  Estimated Downtime: " + Downtime(plan));
            var data = generated.Where(p => p.DataMigration).ToList();
            L("📊 Data Migration Required: " + (data.Count == 0 ? "No" : "Yes (" + string.Join("; ", data.Select(p => p.Rebuild ? "rebuild of " + p.Change.Table : Verb(p.Change))) + ")"));
            var loss = plan.DataLoss.Where(w => !w.InRollback).ToList();
            var rollbackLoss = plan.DataLoss.Count(w => w.InRollback);
            L("⚠️  Data Loss: " + (loss.Count == 0 ? "none" : string.Join("; ", loss.Select(w => w.What + " (" + (w.AffectedRows == null ? "rows unknown" : SchemaDiffer.Count(w.AffectedRows.Value) + " rows") + ")"))) +
              (rollbackLoss > 0 ? " (the rollback can lose data written after the push: " + rollbackLoss.ToString(CultureInfo.InvariantCulture) + " warning(s) in the file)" : ""));
            if (plan.Deferred.Count > 0)
            {
                L();
                L("⏸️  DEFERRED (human decision needed):");
                L("------------------------------------");
                foreach (var d in plan.Deferred) L("- " + d);
            }
            if (lint != null && lint.Count > 0)
            {
                L();
                L("🔍 MIGRATION LINT:");
                L("------------------");
                foreach (var f in lint)
                {
                    L((f.Acknowledged != null ? "✓ " : "⚠ ") + f.Code + " line " + f.Line.ToString(CultureInfo.InvariantCulture) + ": " + f.Message +
                      (f.Acknowledged != null ? " — reviewed: " + f.Acknowledged : ""));
                    if (f.Acknowledged == null) L("    Safe alternative: " + f.SafeAlternative);
                }
            }
            if (efCore && all.Count > 0)
            {
                L();
                L("🧩 EF Core: `dotnet ef migrations add " + PascalCase(info.Name) + "` would produce the same schema change from your model.");
                L("   If the project applies EF Core migrations, prefer that (and keep this file as the reviewed SQL, rollback and checks).");
            }
            return sb.ToString().TrimEnd('\n');
        }

        private static string Impact(List<SchemaChange> all, ChangeRisk risk, string label)
        {
            var list = all.Where(c => c.Risk == risk).ToList();
            var kinds = list.Select(c => Kind(c.Kind)).Distinct().ToList();
            return label + ": " + list.Count.ToString(CultureInfo.InvariantCulture) + (kinds.Count > 0 ? " (" + string.Join(", ", kinds) + ")" : "");
        }

        private static string Kind(ChangeKind k) => k switch
        {
            ChangeKind.CreateTable => "new tables",
            ChangeKind.AddColumn => "new columns",
            ChangeKind.CreateIndex => "new indexes",
            ChangeKind.AddEnumValue => "new enum values",
            ChangeKind.CreateEnum => "new enum types",
            ChangeKind.AddForeignKey => "foreign keys",
            ChangeKind.AddUnique => "unique constraints",
            ChangeKind.AddCheck => "check constraints",
            ChangeKind.AlterColumnType => "type changes",
            ChangeKind.AlterColumnNullability => "nullability changes",
            ChangeKind.AlterColumnDefault => "default changes",
            ChangeKind.RenameColumn => "column renames",
            ChangeKind.RenameTable => "table renames",
            ChangeKind.DropColumn => "dropped columns",
            ChangeKind.DropTable => "dropped tables",
            ChangeKind.DropIndex => "dropped indexes",
            ChangeKind.DropForeignKey => "dropped foreign keys",
            ChangeKind.AlterPrimaryKey => "primary key changes",
            _ => k.ToString(),
        };

        public static string Verb(SchemaChange c) => c.Kind switch
        {
            ChangeKind.CreateTable => "Create " + c.Table + " table",
            ChangeKind.DropTable => "Drop " + c.Table + " table (rows kept in a backup table)",
            ChangeKind.RenameTable => "Rename table " + c.OldName + " to " + c.NewName,
            ChangeKind.AddColumn => "Add '" + c.Column!.Name + "' column to " + c.Table + " table" + (c.Column.Nullable ? " (nullable)" : c.Backfill != null ? " (nullable, backfill " + c.Backfill + ", then NOT NULL)" : ""),
            ChangeKind.DropColumn => "Drop '" + c.OldColumn!.Name + "' column from " + c.Table + " table",
            ChangeKind.RenameColumn => "Rename " + c.Table + "." + c.OldName + " to " + c.NewName,
            ChangeKind.AlterColumnType => "Change type of " + c.Table + "." + c.Column!.Name + " to " + c.Column.Type,
            ChangeKind.AlterColumnNullability => (c.Column!.Nullable ? "Make " : "Make NOT NULL: ") + c.Table + "." + c.Column.Name + (c.Column.Nullable ? " nullable" : ""),
            ChangeKind.AlterColumnDefault => "Change default of " + c.Table + "." + c.Column!.Name,
            ChangeKind.CreateIndex => "Create " + c.Index!.Name + " index",
            ChangeKind.DropIndex => "Drop " + c.Index!.Name + " index",
            ChangeKind.AddForeignKey => "Add foreign key " + c.Table + "(" + string.Join(", ", c.ForeignKey!.Columns) + ") -> " + c.ForeignKey.ReferencedTable,
            ChangeKind.DropForeignKey => "Drop foreign key " + c.ForeignKey!.Name,
            ChangeKind.AddEnumValue => "Add value '" + c.EnumValue + "' to " + (c.Column != null ? c.Table + "." + c.Column.Name : c.Table),
            ChangeKind.RemoveEnumValue => "Remove value '" + c.EnumValue + "' from " + (c.Column != null ? c.Table + "." + c.Column.Name : c.Table),
            _ => c.Describe(),
        };

        public static string Undo(SchemaChange c) => c.Kind switch
        {
            ChangeKind.CreateTable => "Drop " + c.Table + " table",
            ChangeKind.DropTable => "Re-create " + c.Table + " and restore its rows from the backup table",
            ChangeKind.RenameTable => "Rename table " + c.NewName + " back to " + c.OldName,
            ChangeKind.AddColumn => "Drop '" + c.Column!.Name + "' column from " + c.Table + " table",
            ChangeKind.DropColumn => "Re-add '" + c.OldColumn!.Name + "' to " + c.Table + " and restore its values from the backup table",
            ChangeKind.RenameColumn => "Rename " + c.Table + "." + c.NewName + " back to " + c.OldName,
            ChangeKind.AlterColumnType => "Change " + c.Table + "." + c.Column!.Name + " back to " + c.OldColumn?.Type + " (pre-checked: values must fit)",
            ChangeKind.AlterColumnNullability => c.Column!.Nullable ? "Restore NOT NULL on " + c.Table + "." + c.Column.Name : "Drop NOT NULL on " + c.Table + "." + c.Column.Name,
            ChangeKind.AlterColumnDefault => "Restore the previous default of " + c.Table + "." + c.Column!.Name,
            ChangeKind.CreateIndex => "Drop " + c.Index!.Name + " index",
            ChangeKind.DropIndex => "Re-create " + c.Index!.Name + " index",
            ChangeKind.AddForeignKey => "Drop the foreign key on " + c.Table + "(" + string.Join(", ", c.ForeignKey!.Columns) + ")",
            ChangeKind.AddEnumValue => "Remove '" + c.EnumValue + "' again (" + (c.Column != null ? "ENUM redefinition" : "re-create the type") + "; refused while rows use it)",
            _ => "Reverse: " + c.Describe(),
        };

        private static string Downtime(MigrationPlan plan)
        {
            var blocking = plan.Generated.Where(p => p.DataMigration || p.Change.Kind == ChangeKind.AlterPrimaryKey).Select(p => p.Change.Table).Distinct().ToList();
            if (blocking.Count == 0) return "none expected (metadata-only changes" + (plan.Provider == "postgres" ? " and concurrent index builds" : "") + "; each takes a brief lock)";
            return "writes to " + string.Join(", ", blocking) + " wait while rows are rewritten (proportional to their size; see the lock impact above)";
        }

        public static string PascalCase(string name)
        {
            var sb = new StringBuilder();
            var upper = true;
            foreach (var ch in name)
            {
                if (!char.IsLetterOrDigit(ch)) { upper = true; continue; }
                sb.Append(upper ? char.ToUpperInvariant(ch) : ch);
                upper = false;
            }
            var s = sb.ToString();
            return s.Length == 0 ? "Migration" : char.IsDigit(s[0]) ? "M" + s : s;
        }
    }
}
