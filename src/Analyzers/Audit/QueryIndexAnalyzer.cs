using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Analyzers.Caching;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Analyzers.EntryPoints;
using SchemaDrift.Analyzers.Snapshots;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Audit
{
    /// <summary>
    /// Code-aware index advice (DBIDX002, DBIDX003, DBIDX006): for every constant SQL string the
    /// drift analyzer would check, which columns it filters or sorts on, and whether the snapshot
    /// has an index that serves them; reported at the column identifier inside the C# string.
    /// Info by default. Tables the snapshot estimates below SchemaDriftIndexAdviceMinRows rows
    /// (default 1000) are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class QueryIndexAnalyzer : DiagnosticAnalyzer
    {
        public const string MinRowsKey = "build_property.SchemaDriftIndexAdviceMinRows";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AuditDescriptors.FromCode);

        public override void Initialize(AnalysisContext context)
        {
            // As SqlDriftAnalyzer: diagnostics only inside analyzed (so not generated) members need no generated-code check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            var types = KnownTypes.For(start.Compilation);
            if (!types.Any) return;
            var index = SnapshotContext.Find(start.Options, start.CancellationToken)?.Index;
            if (index == null) return;
            var minRows = QueryIndexAdvisor.DefaultMinRows;
            if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(MinRowsKey, out var configured) &&
                long.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
            {
                minRows = parsed;
            }
            // Exact and cheap: with no table the advice could name, collecting usages would find nothing.
            if (!QueryIndexAdvisor.MayAdviseAny(index, minRows)) return;
            var state = new State(index, minRows, SharedSqlReads.For(start.Compilation));
            SqlCallSites.RegisterPerBlock(start, types, (c, site) => Analyze(c, state, site));
        }

        private sealed class State
        {
            private const int MaxCachedTexts = 20000;
            private readonly BoundedCache<string, List<QueryIndexAdvice>> _advice = new BoundedCache<string, List<QueryIndexAdvice>>(MaxCachedTexts, StringComparer.Ordinal);
            private readonly ReportedOnce _reported = new ReportedOnce();

            public State(SchemaIndex index, long minRows, SharedSqlReads reads)
            {
                Index = index;
                MinRows = minRows;
                Reads = reads;
            }

            public SchemaIndex Index { get; }
            public long MinRows { get; }

            /// <summary>Call-site texts and parses shared with SqlDriftAnalyzer.</summary>
            public SharedSqlReads Reads { get; }

            public List<QueryIndexAdvice> Advise(string sql) =>
                _advice.GetOrAdd(sql, (text, state) => QueryIndexAdvisor.Advise(
                    ColumnUsageCollector.Collect(state.Reads.Parse(text, state.Index.Dialect), state.Index), state.Index, state.MinRows), this);

            public bool FirstReport(Diagnostic d) => _reported.First(d);
        }

        private static void Analyze(OperationBlockAnalysisContext context, State state, SqlCallSite s)
        {
            // SqlCallSites catches what this throws: advice is never worth an AD0001.
            if (s.Kind == SqlTextKind.ProcedureName) return;
            var source = state.Reads.Source(s);
            if (source == null) return;
            if (s.Kind == SqlTextKind.DapperInferred && SqlDriftAnalyzer.DapperTreatsAsProcedure(source.Text)) return;
            foreach (var advice in state.Advise(source.Text))
            {
                var descriptor = AuditDescriptors.For(advice.Rule.Id);
                if (descriptor == null) continue;
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(PropertyKeys.Table, advice.Table)
                    .Add(PropertyKeys.Column, advice.Column);
                var diagnostic = Diagnostic.Create(descriptor, source.GetLocation(advice.Start, advice.Length), properties, advice.Message);
                if (state.FirstReport(diagnostic)) context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
