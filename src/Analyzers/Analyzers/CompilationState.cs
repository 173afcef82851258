using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaDrift.Analyzers.Caching;
using SchemaDrift.Analyzers.SqlSources;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Analyzers.Analyzers
{
    /// <summary>
    /// Per-compilation state of the SQL analyzer: the schema index, the check results of the
    /// SQL texts met last (a text used at several call sites of a member or file), the set of
    /// diagnostics already reported (a local's SQL used twice is reported once, at the
    /// literal), and the SQLite functions the application registers itself.
    /// </summary>
    internal sealed class CompilationState
    {
        // The results of the last texts checked, not of every text: a result kept for the whole
        // compilation survived every collection and was copied into the older generations, and
        // the lookups and inserts of a 20,000-entry concurrent dictionary cost a tenth of the
        // check they saved (docs/benchmarks.md, history item 25). A text met again after its slot
        // was taken is checked again, with the same result.
        private const int RecentTexts = 64;

        private readonly Compilation _compilation;
        private readonly RecentCache<string, SqlCheckResult> _results = new RecentCache<string, SqlCheckResult>(RecentTexts);
        private readonly ReportedOnce _reported = new ReportedOnce();
        private readonly object _gate = new object();
        private ProjectScan? _scan;

        // CREATE TEMP TABLE x / CREATE TEMPORARY TABLE IF NOT EXISTS x / SELECT … INTO TEMP x, and SQLite ATTACH.
        private static readonly Regex TempTable = new Regex(
            @"\b(?:CREATE\s+(?:GLOBAL\s+|LOCAL\s+)?TEMP(?:ORARY)?\s+(?:TABLE|VIEW)(?:\s+IF\s+NOT\s+EXISTS)?|INTO\s+TEMP(?:ORARY)?(?:\s+TABLE)?)\s+((?:[`""\[]?[\w$]+[`""\]]?\.)?[`""\[]?[\w$]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex Attach = new Regex(@"\bATTACH\s+(?:DATABASE\s+)?['""@:$?\w]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public CompilationState(SchemaIndex index, Compilation compilation)
        {
            Index = index;
            _compilation = compilation;
            Reads = SharedSqlReads.For(compilation);
        }

        public SchemaIndex Index { get; }

        /// <summary>Call-site texts and parses shared with the other SQL analyzers.</summary>
        public SharedSqlReads Reads { get; }

        public SqlCheckResult Check(string sql) =>
            _results.GetOrAdd(sql, (text, state) => SqlChecker.Check(state.Reads.Parse(text, state.Index.Dialect), state.Index), this);

        public SqlCheckResult CheckProcedure(string name) => SqlChecker.CheckRoutineName(name, Index);

        /// <summary>False when the same diagnostic (ID and place) was already reported in this compilation.</summary>
        public bool FirstReport(Diagnostic diagnostic) => _reported.First(diagnostic);

        /// <summary>
        /// Whether the application may register a SQLite function of this name itself
        /// (SqliteConnection.CreateFunction / CreateAggregate). A registration whose name is
        /// not a literal, or a LoadExtension call, could register anything: then every name counts.
        /// </summary>
        public bool IsRegisteredSqliteFunction(string name, CancellationToken cancellationToken)
        {
            var scan = Scan(cancellationToken);
            return scan.AnyFunction || scan.Functions.Contains(name);
        }

        /// <summary>
        /// Whether a table the snapshot lacks may be created at run time by the application itself:
        /// a temporary table created by SQL somewhere in the project, or (SQLite) any unqualified
        /// name once the project ATTACHes another database file.
        /// </summary>
        public bool MayBeCreatedAtRunTime(string name, bool qualified, CancellationToken cancellationToken)
        {
            var scan = Scan(cancellationToken);
            if (scan.Tables.Contains(name)) return true;
            return !qualified && scan.Attach && Index.Dialect == SchemaDrift.Core.Sql.SqlDialect.Sqlite;
        }

        /// <summary>What the project's own code creates at run time, found once per compilation and only when a finding needs it.</summary>
        private sealed class ProjectScan
        {
            public bool AnyFunction;
            public readonly HashSet<string> Functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            public bool Attach;
            public readonly HashSet<string> Tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        private ProjectScan Scan(CancellationToken cancellationToken)
        {
            var scan = _scan;
            if (scan != null) return scan;
            lock (_gate)
            {
                return _scan ??= ScanProject(cancellationToken);
            }
        }

        private ProjectScan ScanProject(CancellationToken cancellationToken)
        {
            var found = new ProjectScan();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var text = tree.GetText(cancellationToken).ToString();
                if (text.IndexOf("LoadExtension", StringComparison.Ordinal) >= 0) found.AnyFunction = true; // an extension can define any function
                var functions = text.IndexOf("CreateFunction", StringComparison.Ordinal) >= 0 || text.IndexOf("CreateAggregate", StringComparison.Ordinal) >= 0;
                var tables = text.IndexOf("TEMP", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("ATTACH", StringComparison.OrdinalIgnoreCase) >= 0;
                if (!functions && !tables) continue;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodesAndTokens())
                {
                    if (functions && node.IsNode && node.AsNode() is InvocationExpressionSyntax call) AddRegistration(call, found);
                    else if (tables && node.IsToken) AddRuntimeTables(node.AsToken(), found);
                }
            }
            return found;
        }

        private static void AddRegistration(InvocationExpressionSyntax call, ProjectScan found)
        {
            var method = call.Expression switch
            {
                MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
                IdentifierNameSyntax i => i.Identifier.ValueText,
                GenericNameSyntax g => g.Identifier.ValueText,
                _ => "",
            };
            if (method != "CreateFunction" && method != "CreateAggregate") return;
            var first = call.ArgumentList.Arguments.Count > 0 ? call.ArgumentList.Arguments[0].Expression : null;
            if (first is LiteralExpressionSyntax lit && lit.IsKind(SyntaxKind.StringLiteralExpression)) found.Functions.Add(lit.Token.ValueText);
            else found.AnyFunction = true;
        }

        private static void AddRuntimeTables(SyntaxToken token, ProjectScan found)
        {
            if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) &&
                !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.InterpolatedStringTextToken))
            {
                return;
            }
            var value = token.ValueText;
            foreach (Match m in TempTable.Matches(value))
            {
                var name = m.Groups[1].Value;
                var dot = name.LastIndexOf('.');
                if (dot >= 0) name = name.Substring(dot + 1);
                found.Tables.Add(name.Trim('`', '"', '[', ']'));
            }
            if (Attach.IsMatch(value)) found.Attach = true;
        }
    }
}
