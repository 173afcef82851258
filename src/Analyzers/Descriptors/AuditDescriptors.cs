using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Core.Audit;

namespace SchemaDrift.Analyzers.Descriptors
{
    /// <summary>
    /// Descriptors of the audit families (DBSCHEMA, DBRLS, DBIDX, DBINT, DBFUNC, DBPERF), built
    /// from the audit catalogue in SchemaDrift.Core so that the tool's reports and the compiler's
    /// diagnostics always agree on titles and default severities.
    /// </summary>
    public static class AuditDescriptors
    {
        public const string Category = "SchemaDrift.Audit";

        /// <summary>The rules reported at a query in the code (the analyzer finds them itself).</summary>
        public static readonly string[] CodeRuleIds =
        {
            AuditRules.QueryFilterWithoutIndex.Id,
            AuditRules.SortWithoutIndex.Id,
            AuditRules.MissingCompositeIndex.Id,
            AuditRules.MissingPartialIndex.Id,
        };

        public static readonly DiagnosticDescriptor[] All = AuditRules.AllRules.Select(Create).ToArray();

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

        /// <summary>Rules whose findings come from the audit file the tool writes.</summary>
        public static readonly DiagnosticDescriptor[] FromAuditFile = All.Where(d => Array.IndexOf(CodeRuleIds, d.Id) < 0).ToArray();

        /// <summary>Rules the query index analyzer reports.</summary>
        public static readonly DiagnosticDescriptor[] FromCode = All.Where(d => Array.IndexOf(CodeRuleIds, d.Id) >= 0).ToArray();

        public static DiagnosticDescriptor? For(string id) => ById.TryGetValue(id, out var d) ? d : null;

        private static DiagnosticDescriptor Create(AuditRule rule) =>
            new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                "{0}",
                Category,
                rule.Severity == AuditSeverity.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info,
                isEnabledByDefault: true,
                description: rule.Description,
                helpLinkUri: Descriptors.HelpBase + rule.Id + ".md");
    }
}
