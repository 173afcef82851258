using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Core.Audit;

namespace SchemaDrift.Analyzers.Descriptors
{
    /// <summary>
    /// Descriptors of the audit families (DBSCHEMA, DBRLS, DBIDX, DBINT, DBFUNC, DBPERF). Titles and
    /// descriptions come from the audit catalogue in SchemaDrift.Core (the tool prints the same ones);
    /// IDs and default severities are spelled out here so that release tracking can see them, and a
    /// test keeps them equal to the catalogue's.
    /// </summary>
    public static class AuditDescriptors
    {
        public const string Category = "SchemaDrift.Audit";

        public static readonly DiagnosticDescriptor MissingPrimaryKey = Create("DBSCHEMA001", DiagnosticSeverity.Warning, AuditRules.MissingPrimaryKey);
        public static readonly DiagnosticDescriptor MissingTimestamps = Create("DBSCHEMA002", DiagnosticSeverity.Info, AuditRules.MissingTimestamps);
        public static readonly DiagnosticDescriptor MixedNaming = Create("DBSCHEMA003", DiagnosticSeverity.Info, AuditRules.MixedNaming);
        public static readonly DiagnosticDescriptor MissingNotNull = Create("DBSCHEMA004", DiagnosticSeverity.Info, AuditRules.MissingNotNull);
        public static readonly DiagnosticDescriptor MissingDefault = Create("DBSCHEMA005", DiagnosticSeverity.Info, AuditRules.MissingDefault);
        public static readonly DiagnosticDescriptor WideTable = Create("DBSCHEMA006", DiagnosticSeverity.Info, AuditRules.WideTable);
        public static readonly DiagnosticDescriptor MissingForeignKey = Create("DBSCHEMA007", DiagnosticSeverity.Info, AuditRules.MissingForeignKey);
        public static readonly DiagnosticDescriptor CircularForeignKeys = Create("DBSCHEMA008", DiagnosticSeverity.Info, AuditRules.CircularForeignKeys);
        public static readonly DiagnosticDescriptor RlsDisabled = Create("DBRLS001", DiagnosticSeverity.Warning, AuditRules.RlsDisabled);
        public static readonly DiagnosticDescriptor RlsNoPolicies = Create("DBRLS002", DiagnosticSeverity.Info, AuditRules.RlsNoPolicies);
        public static readonly DiagnosticDescriptor RlsPermissive = Create("DBRLS003", DiagnosticSeverity.Warning, AuditRules.RlsPermissive);
        public static readonly DiagnosticDescriptor RlsNoOwnershipFilter = Create("DBRLS004", DiagnosticSeverity.Info, AuditRules.RlsNoOwnershipFilter);
        public static readonly DiagnosticDescriptor RlsPerRowFunction = Create("DBRLS005", DiagnosticSeverity.Warning, AuditRules.RlsPerRowFunction);
        public static readonly DiagnosticDescriptor RlsMissingInsert = Create("DBRLS006", DiagnosticSeverity.Info, AuditRules.RlsMissingInsert);
        public static readonly DiagnosticDescriptor RlsMissingDelete = Create("DBRLS007", DiagnosticSeverity.Info, AuditRules.RlsMissingDelete);
        public static readonly DiagnosticDescriptor RlsAdminBypass = Create("DBRLS008", DiagnosticSeverity.Info, AuditRules.RlsAdminBypass);
        public static readonly DiagnosticDescriptor RlsPolicyConflict = Create("DBRLS009", DiagnosticSeverity.Warning, AuditRules.RlsPolicyConflict);
        public static readonly DiagnosticDescriptor UnindexedForeignKey = Create("DBIDX001", DiagnosticSeverity.Info, AuditRules.UnindexedForeignKey);
        public static readonly DiagnosticDescriptor QueryFilterWithoutIndex = Create("DBIDX002", DiagnosticSeverity.Info, AuditRules.QueryFilterWithoutIndex);
        public static readonly DiagnosticDescriptor SortWithoutIndex = Create("DBIDX003", DiagnosticSeverity.Info, AuditRules.SortWithoutIndex);
        public static readonly DiagnosticDescriptor DuplicateIndex = Create("DBIDX004", DiagnosticSeverity.Warning, AuditRules.DuplicateIndex);
        public static readonly DiagnosticDescriptor UnusedIndex = Create("DBIDX005", DiagnosticSeverity.Info, AuditRules.UnusedIndex);
        public static readonly DiagnosticDescriptor MissingCompositeIndex = Create("DBIDX006", DiagnosticSeverity.Info, AuditRules.MissingCompositeIndex);
        public static readonly DiagnosticDescriptor MissingPartialIndex = Create("DBIDX007", DiagnosticSeverity.Info, AuditRules.MissingPartialIndex);
        public static readonly DiagnosticDescriptor InvalidIndex = Create("DBIDX008", DiagnosticSeverity.Warning, AuditRules.InvalidIndex);
        public static readonly DiagnosticDescriptor OrphanedRows = Create("DBINT001", DiagnosticSeverity.Warning, AuditRules.OrphanedRows);
        public static readonly DiagnosticDescriptor DuplicateRows = Create("DBINT002", DiagnosticSeverity.Warning, AuditRules.DuplicateRows);
        public static readonly DiagnosticDescriptor NullInRequired = Create("DBINT003", DiagnosticSeverity.Warning, AuditRules.NullInRequired);
        public static readonly DiagnosticDescriptor InvalidReferences = Create("DBINT004", DiagnosticSeverity.Warning, AuditRules.InvalidReferences);
        public static readonly DiagnosticDescriptor InconsistentData = Create("DBINT005", DiagnosticSeverity.Warning, AuditRules.InconsistentData);
        public static readonly DiagnosticDescriptor MissingCascade = Create("DBINT006", DiagnosticSeverity.Info, AuditRules.MissingCascade);
        public static readonly DiagnosticDescriptor StaleData = Create("DBINT007", DiagnosticSeverity.Info, AuditRules.StaleData);
        public static readonly DiagnosticDescriptor SecurityDefinerSearchPath = Create("DBFUNC001", DiagnosticSeverity.Warning, AuditRules.SecurityDefinerSearchPath);
        public static readonly DiagnosticDescriptor SecurityDefinerPublic = Create("DBFUNC002", DiagnosticSeverity.Info, AuditRules.SecurityDefinerPublic);
        public static readonly DiagnosticDescriptor NoExecuteGrant = Create("DBFUNC003", DiagnosticSeverity.Info, AuditRules.NoExecuteGrant);
        public static readonly DiagnosticDescriptor BrokenTrigger = Create("DBFUNC004", DiagnosticSeverity.Warning, AuditRules.BrokenTrigger);
        public static readonly DiagnosticDescriptor MissingUpdatedAtTrigger = Create("DBFUNC005", DiagnosticSeverity.Info, AuditRules.MissingUpdatedAtTrigger);
        public static readonly DiagnosticDescriptor LargeUnpartitioned = Create("DBPERF001", DiagnosticSeverity.Info, AuditRules.LargeUnpartitioned);
        public static readonly DiagnosticDescriptor MissingMaintenance = Create("DBPERF002", DiagnosticSeverity.Info, AuditRules.MissingMaintenance);
        public static readonly DiagnosticDescriptor SlowQueries = Create("DBPERF003", DiagnosticSeverity.Info, AuditRules.SlowQueries);
        public static readonly DiagnosticDescriptor SequentialScans = Create("DBPERF004", DiagnosticSeverity.Info, AuditRules.SequentialScans);
        public static readonly DiagnosticDescriptor ConnectionPooling = Create("DBPERF005", DiagnosticSeverity.Info, AuditRules.ConnectionPooling);

        /// <summary>Every audit descriptor, in catalogue order.</summary>
        public static readonly DiagnosticDescriptor[] All =
        {
            MissingPrimaryKey,
            MissingTimestamps,
            MixedNaming,
            MissingNotNull,
            MissingDefault,
            WideTable,
            MissingForeignKey,
            CircularForeignKeys,
            RlsDisabled,
            RlsNoPolicies,
            RlsPermissive,
            RlsNoOwnershipFilter,
            RlsPerRowFunction,
            RlsMissingInsert,
            RlsMissingDelete,
            RlsAdminBypass,
            RlsPolicyConflict,
            UnindexedForeignKey,
            QueryFilterWithoutIndex,
            SortWithoutIndex,
            DuplicateIndex,
            UnusedIndex,
            MissingCompositeIndex,
            MissingPartialIndex,
            InvalidIndex,
            OrphanedRows,
            DuplicateRows,
            NullInRequired,
            InvalidReferences,
            InconsistentData,
            MissingCascade,
            StaleData,
            SecurityDefinerSearchPath,
            SecurityDefinerPublic,
            NoExecuteGrant,
            BrokenTrigger,
            MissingUpdatedAtTrigger,
            LargeUnpartitioned,
            MissingMaintenance,
            SlowQueries,
            SequentialScans,
            ConnectionPooling,
        };

        /// <summary>The rules reported at a query in the code (the query index analyzer finds them itself).</summary>
        public static readonly string[] CodeRuleIds =
        {
            AuditRules.QueryFilterWithoutIndex.Id,
            AuditRules.SortWithoutIndex.Id,
            AuditRules.MissingCompositeIndex.Id,
            AuditRules.MissingPartialIndex.Id,
        };

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

        /// <summary>Rules whose findings come from the audit file the tool writes.</summary>
        public static readonly DiagnosticDescriptor[] FromAuditFile = All.Where(d => Array.IndexOf(CodeRuleIds, d.Id) < 0).ToArray();

        /// <summary>Rules the query index analyzer reports.</summary>
        public static readonly DiagnosticDescriptor[] FromCode = All.Where(d => Array.IndexOf(CodeRuleIds, d.Id) >= 0).ToArray();

        public static DiagnosticDescriptor? For(string id) => ById.TryGetValue(id, out var d) ? d : null;

        private static DiagnosticDescriptor Create(string id, DiagnosticSeverity severity, AuditRule rule) =>
            new DiagnosticDescriptor(
                id,
                rule.Title,
                "{0}",
                Category,
                severity,
                isEnabledByDefault: true,
                description: rule.Description,
                helpLinkUri: Descriptors.HelpBase + id + ".md");
    }
}
