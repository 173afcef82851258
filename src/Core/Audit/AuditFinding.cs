using System;
using System.Collections.Generic;
using System.Text;

namespace SchemaDrift.Core.Audit
{
    /// <summary>
    /// One audit finding: which rule, which object (named precisely), what is wrong and what
    /// to do. Object parts are kept apart (schema, table, column, index…) so reports and
    /// tests can match them; <see cref="Object"/> renders them for people.
    /// </summary>
    public sealed class AuditFinding
    {
        public AuditFinding(AuditRule rule, string finding, string recommendation)
        {
            Rule = rule;
            Finding = finding;
            Recommendation = recommendation;
        }

        public AuditRule Rule { get; }
        public string Id => Rule.Id;

        public string? Schema { get; set; }
        public string? Table { get; set; }
        public string? Column { get; set; }

        /// <summary>The sub-object the finding is about, with its kind: index, policy, trigger, constraint, function.</summary>
        public string? ObjectKind { get; set; }
        public string? ObjectName { get; set; }

        /// <summary>Free-form object text when the finding is about several tables (a foreign key cycle) or a whole schema.</summary>
        public string? ObjectText { get; set; }

        public string Finding { get; }
        public string Recommendation { get; }

        /// <summary>SQL that fixes it, when there is one safe statement to suggest (never run by the audit).</summary>
        public string? Sql { get; set; }

        public AuditFinding WithSql(string? sql)
        {
            Sql = sql;
            return this;
        }

        /// <summary>
        /// "public.orders.user_id", "public.orders [index orders_user_idx]", "public.fn(integer) [function]",
        /// or the free-form text.
        /// </summary>
        public string Object
        {
            get
            {
                if (ObjectText != null) return ObjectText;
                var sb = new StringBuilder();
                if (!string.IsNullOrEmpty(Schema)) sb.Append(Schema);
                if (Table != null)
                {
                    if (sb.Length > 0) sb.Append('.');
                    sb.Append(Table);
                    if (Column != null) sb.Append('.').Append(Column);
                }
                if (ObjectKind != null)
                {
                    if (Table == null)
                    {
                        // A schema-level object (function): schema.name [kind]
                        if (sb.Length > 0) sb.Append('.');
                        sb.Append(ObjectName).Append(" [").Append(ObjectKind).Append(']');
                    }
                    else
                    {
                        sb.Append(" [").Append(ObjectKind).Append(' ').Append(ObjectName).Append(']');
                    }
                }
                return sb.ToString();
            }
        }

        public static AuditFinding OnTable(AuditRule rule, string? schema, string table, string finding, string recommendation) =>
            new AuditFinding(rule, finding, recommendation) { Schema = schema, Table = table };

        public static AuditFinding OnColumn(AuditRule rule, string? schema, string table, string column, string finding, string recommendation) =>
            new AuditFinding(rule, finding, recommendation) { Schema = schema, Table = table, Column = column };

        public static AuditFinding OnPart(AuditRule rule, string? schema, string table, string kind, string name, string finding, string recommendation) =>
            new AuditFinding(rule, finding, recommendation) { Schema = schema, Table = table, ObjectKind = kind, ObjectName = name };

        /// <summary>Report order: category, ID, object.</summary>
        public static int Compare(AuditFinding a, AuditFinding b)
        {
            var c = Array.IndexOf(AuditCategories.InOrder, a.Rule.Category).CompareTo(Array.IndexOf(AuditCategories.InOrder, b.Rule.Category));
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Id, b.Id);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Object, b.Object);
            return c != 0 ? c : string.CompareOrdinal(a.Finding, b.Finding);
        }
    }

    /// <summary>A check that could not run (no statistics, timeout, budget spent), said once in the report.</summary>
    public sealed class AuditSkip
    {
        public AuditSkip(string ids, string reason)
        {
            Ids = ids;
            Reason = reason;
        }

        /// <summary>The IDs concerned, e.g. "DBIDX005" or "DBINT001, DBINT004".</summary>
        public string Ids { get; }
        public string Reason { get; }
    }

    /// <summary>What one audit run produced.</summary>
    public sealed class AuditResult
    {
        public string Provider { get; set; } = "";
        public string? Database { get; set; }
        public string? ServerVersion { get; set; }

        /// <summary>The schema fingerprint the audit saw (lets a build reuse a fresh result).</summary>
        public string? Fingerprint { get; set; }
        public string? CreatedAtUtc { get; set; }

        /// <summary>The settings the audit ran with (<see cref="AuditOptions.Describe"/>).</summary>
        public string? Settings { get; set; }

        /// <summary>False when only the snapshot was audited (no database reachable): live checks did not run.</summary>
        public bool Live { get; set; }
        public int Queries { get; set; }
        public long ElapsedMilliseconds { get; set; }
        public List<AuditFinding> Findings { get; } = new List<AuditFinding>();
        public List<AuditSkip> Skipped { get; } = new List<AuditSkip>();

        public void Sort() => Findings.Sort(AuditFinding.Compare);
    }
}
