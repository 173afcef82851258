using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>
    /// Per-compilation state of the SQL analyzer: the schema index, a cache of check results
    /// per SQL text (the same query text is often used at many call sites), the set of
    /// diagnostics already reported (a local's SQL used twice is reported once, at the
    /// literal), and the SQLite functions the application registers itself.
    /// </summary>
    internal sealed class CompilationState
    {
        private const int MaxCachedTexts = 20000;

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, SqlCheckResult> _results = new ConcurrentDictionary<string, SqlCheckResult>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(SyntaxTree?, TextSpan, string), byte> _reported = new ConcurrentDictionary<(SyntaxTree?, TextSpan, string), byte>();
        private readonly object _gate = new object();
        private RegisteredFunctions? _sqliteFunctions;

        public CompilationState(SchemaIndex index, Compilation compilation)
        {
            Index = index;
            _compilation = compilation;
        }

        public SchemaIndex Index { get; }

        public SqlCheckResult Check(string sql)
        {
            if (_results.TryGetValue(sql, out var cached)) return cached;
            var result = SqlChecker.Check(sql, Index);
            if (_results.Count < MaxCachedTexts) _results.TryAdd(sql, result);
            return result;
        }

        public SqlCheckResult CheckProcedure(string name) => SqlChecker.CheckRoutineName(name, Index);

        /// <summary>False when the same diagnostic (ID and place) was already reported in this compilation.</summary>
        public bool FirstReport(Diagnostic diagnostic) =>
            _reported.TryAdd((diagnostic.Location.SourceTree, diagnostic.Location.SourceSpan, diagnostic.Id), 0);

        /// <summary>
        /// Whether the application may register a SQLite function of this name itself
        /// (SqliteConnection.CreateFunction / CreateAggregate). A registration whose name is
        /// not a literal, or a LoadExtension call, could register anything: then every name counts.
        /// </summary>
        public bool IsRegisteredSqliteFunction(string name, CancellationToken cancellationToken)
        {
            var functions = _sqliteFunctions;
            if (functions == null)
            {
                lock (_gate)
                {
                    functions = _sqliteFunctions ??= FindRegistrations(cancellationToken);
                }
            }
            return functions.Any || functions.Names.Contains(name);
        }

        private sealed class RegisteredFunctions
        {
            public bool Any;
            public readonly HashSet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        private RegisteredFunctions FindRegistrations(CancellationToken cancellationToken)
        {
            var found = new RegisteredFunctions();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var text = tree.GetText(cancellationToken).ToString();
                if (text.IndexOf("LoadExtension", StringComparison.Ordinal) >= 0)
                {
                    found.Any = true; // an extension can define any function
                    break;
                }
                if (text.IndexOf("CreateFunction", StringComparison.Ordinal) < 0 && text.IndexOf("CreateAggregate", StringComparison.Ordinal) < 0) continue;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (!(node is InvocationExpressionSyntax call)) continue;
                    var method = call.Expression switch
                    {
                        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
                        IdentifierNameSyntax i => i.Identifier.ValueText,
                        GenericNameSyntax g => g.Identifier.ValueText,
                        _ => "",
                    };
                    if (method != "CreateFunction" && method != "CreateAggregate") continue;
                    var first = call.ArgumentList.Arguments.Count > 0 ? call.ArgumentList.Arguments[0].Expression : null;
                    if (first is LiteralExpressionSyntax lit && lit.IsKind(SyntaxKind.StringLiteralExpression)) found.Names.Add(lit.Token.ValueText);
                    else found.Any = true;
                }
            }
            return found;
        }
    }
}
