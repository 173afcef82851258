using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SchemaDrift.Analyzers.Dapper;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Analyzers.EntryPoints;
using SchemaDrift.Analyzers.Rules;
using SchemaDrift.Analyzers.Snapshots;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>
    /// Dapper result mapping: for Query&lt;T&gt;, QueryFirst&lt;T&gt;, QuerySingle&lt;T&gt;… with constant
    /// SQL, resolves the selected columns through the snapshot and matches them to T's members
    /// the way Dapper does. Reports DBDRIFT502 for members no column feeds and DBDRIFT301 for
    /// columns whose values the member cannot take, on the type argument of the call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DapperResultAnalyzer : DiagnosticAnalyzer
    {
        private static readonly HashSet<string> QueryMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync",
            "QuerySingle", "QuerySingleAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "QueryUnbufferedAsync",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.Descriptors.UnfedResultMember,
            Descriptors.Descriptors.TypeMismatch);

        public override void Initialize(AnalysisContext context)
        {
            // As SqlDriftAnalyzer: diagnostics only inside analyzed (so not generated) members need no generated-code check.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext start)
        {
            try
            {
                var types = KnownTypes.For(start.Compilation);
                if (types.SqlMapper == null) return;
                var index = SnapshotContext.Find(start.Options, start.CancellationToken)?.Index;
                if (index == null) return;
                var symbols = EfSymbols.For(start.Compilation);
                var reads = SharedSqlReads.For(start.Compilation);
                var facts = new Lazy<CompilationFacts>(() => CompilationFacts.For(start.Compilation, symbols, start.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterOperationAction(c =>
                {
                    try
                    {
                        Analyze(c, (IInvocationOperation)c.Operation, types, index, reads, facts);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        // Never AD0001: losing one call site's check is the lesser evil.
                    }
                }, OperationKind.Invocation);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
            }
        }

        private static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, KnownTypes types, SchemaIndex index, SharedSqlReads reads, Lazy<CompilationFacts> lazyFacts)
        {
            var method = invocation.TargetMethod;
            if (!method.IsGenericMethod || method.TypeArguments.Length != 1 || !QueryMethods.Contains(method.Name)) return;
            if (!EfSymbols.Is(method.ContainingType, types.SqlMapper)) return;
            if (!(method.TypeArguments[0] is INamedTypeSymbol resultType) || DapperTypeMap.IsScalar(resultType)) return;
            if (method.Parameters.Any(p => p.Name == "type" || p.Name == "types")) return; // non-generic mapping overloads

            var site = SqlCallSites.FromInvocation(invocation, types);
            if (site == null) return;
            var source = reads.Source(site.Value);
            if (source == null) return;
            var outputs = SelectOutputResolver.Resolve(reads.Parse(source.Text, index.Dialect), index);
            if (outputs == null || outputs.Count == 0) return;

            var facts = lazyFacts.Value;
            if (facts.DapperCustomMaps.Contains(null) || facts.DapperCustomMaps.Contains(resultType)) return;
            var underscores = facts.DapperUnderscores;
            var targets = DapperTypeMap.Targets(resultType, out var viaConstructor);
            if (targets == null) return;

            var location = TypeArgumentLocation(invocation) ?? site.Value.Sql.Syntax.GetLocation();
            var names = outputs.Where(o => o.Name != null).Select(o => o.Name!).ToList();
            var unnamed = outputs.Any(o => o.Name == null);
            var provider = index.Snapshot.Provider;

            foreach (var target in targets)
            {
                // Underscore matching unknown (assigned a non-constant): a member counts as fed if either rule feeds it.
                var feeding = outputs.Where(o => o.Name != null && (DapperTypeMap.Matches(o.Name, target.Name, underscores != false))).ToList();
                if (feeding.Count == 0)
                {
                    if (!unnamed && ClrTypes.IsScalar(target.Type))
                    {
                        context.ReportDiagnostic(UnfedResultMemberRule.Create(location, resultType.Name, target.Name, target.IsParameter, names));
                    }
                    continue;
                }
                var exact = feeding.Where(o => DapperTypeMap.Matches(o.Name!, target.Name, false)).ToList();
                var chosen = exact.Count > 0 ? exact[0] : (underscores == true ? feeding[0] : null);
                if (chosen?.Source == null) continue;
                var where = chosen.Source.Name;
                var member = resultType.Name + "." + target.Name;

                var side = DapperTypeMap.ClrSideOf(target.Type);
                var handled = facts.DapperHandledTypes.Contains(null) || facts.DapperHandledTypes.Contains(ClrTypes.Unwrap(target.Type, out _));
                if (side != null && !handled)
                {
                    var reason = StoreCompatibility.Incompatibility(provider, ValueMapper.Dapper, side.Value, chosen.Source);
                    if (reason != null)
                    {
                        var suggested = PreferredClrType.CSharpName(PreferredClrType.Of(provider, chosen.Source, ValueMapper.Dapper));
                        if (suggested != null && chosen.Nullable) suggested += "?";
                        context.ReportDiagnostic(TypeMismatchRule.Create(location, member, where, reason, suggested, target.Name));
                    }
                }
                if (chosen.Nullable && DapperTypeMap.CannotHoldNull(target.Type) && ClrTypes.IsScalar(target.Type))
                {
                    var reason = chosen.OuterJoined && !chosen.Source.Nullable
                        ? "an outer join makes the column NULL for unmatched rows, and Dapper leaves a " + target.Type.ToDisplayString() + " at its default then"
                        : "the column allows NULL, and Dapper leaves a " + target.Type.ToDisplayString() + " at its default for NULL";
                    context.ReportDiagnostic(TypeMismatchRule.Create(location, member, where, reason, TypeMismatchRule.Nullable(target.Type), target.Name));
                }
            }
            _ = viaConstructor;
        }

        /// <summary>The T in conn.Query&lt;T&gt;(…), where the mapping is decided.</summary>
        private static Location? TypeArgumentLocation(IInvocationOperation invocation)
        {
            if (!(invocation.Syntax is InvocationExpressionSyntax call)) return null;
            var name = call.Expression is MemberAccessExpressionSyntax ma ? ma.Name : call.Expression as SimpleNameSyntax;
            return name is GenericNameSyntax g && g.TypeArgumentList.Arguments.Count == 1 ? g.TypeArgumentList.Arguments[0].GetLocation() : null;
        }
    }
}
