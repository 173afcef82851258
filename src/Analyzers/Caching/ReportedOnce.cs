using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Analyzers.Caching
{
    /// <summary>
    /// The diagnostics an analyzer already reported in this compilation, by ID and place: SQL read
    /// at several call sites (a local or const used twice) is reported once, at the literal.
    /// </summary>
    internal sealed class ReportedOnce
    {
        private readonly ConcurrentDictionary<(SyntaxTree?, TextSpan, string), byte> _reported = ConcurrentMaps.Create<(SyntaxTree?, TextSpan, string), byte>();

        /// <summary>False when the same diagnostic (ID and place) was already reported.</summary>
        public bool First(Diagnostic diagnostic) =>
            _reported.TryAdd((diagnostic.Location.SourceTree, diagnostic.Location.SourceSpan, diagnostic.Id), 0);
    }
}
