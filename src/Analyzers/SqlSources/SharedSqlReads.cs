using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Caching;
using SchemaDrift.Analyzers.EntryPoints;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Analyzers.SqlSources
{
    /// <summary>
    /// The constant text of a call site and its parse, shared by the analyzers of one compilation.
    /// SqlDriftAnalyzer, QueryIndexAnalyzer and DapperResultAnalyzer look at the same call sites,
    /// and the driver runs their actions for one member back to back, so the second and third
    /// reuse what the first read and parsed (reading maps every SQL character to its source
    /// position; parsing tokenizes the whole text). Bounded: it only has to bridge that short
    /// gap, and a miss reads or parses again, with the same result.
    /// </summary>
    internal sealed class SharedSqlReads
    {
        // Enough for the call sites of the members being analyzed at once. Kept small on purpose:
        // every entry still here at a collection survives it, and 1,024 of them (about 8 MB of
        // parses and texts) were promoted and later collected from older generations at each of
        // the compiler's collections (docs/benchmarks.md). Two sites whose keys share a slot are
        // only read and parsed twice.
        private const int Slots = 64;

        private static readonly ConditionalWeakTable<Compilation, SharedSqlReads> PerCompilation =
            new ConditionalWeakTable<Compilation, SharedSqlReads>();

        private readonly RecentCache<(SyntaxNode, bool, bool), Read> _sources = new RecentCache<(SyntaxNode, bool, bool), Read>(Slots);
        private readonly RecentCache<(string, SqlDialect), SqlBatch> _batches = new RecentCache<(string, SqlDialect), SqlBatch>(Slots);

        public static SharedSqlReads For(Compilation compilation) => PerCompilation.GetValue(compilation, _ => new SharedSqlReads());

        /// <summary><see cref="ConstantSqlReader.Read(SqlCallSite)"/>, once per call site.</summary>
        public SqlSource? Source(SqlCallSite site) =>
            _sources.GetOrAdd((site.Sql.Syntax, site.HolesAreParameters, site.FormatPlaceholders), (_, s) => new Read(ConstantSqlReader.Read(s)), site).Source;

        /// <summary><see cref="SqlParser.Parse"/>, once per text. The batch is only read afterwards, so sharing it is safe.</summary>
        public SqlBatch Parse(string sql, SqlDialect dialect) =>
            _batches.GetOrAdd((sql, dialect), (key, _) => SqlParser.Parse(key.Item1, key.Item2), 0);

        /// <summary>A read that may have found nothing constant (remembered too: the other analyzers would find nothing either).</summary>
        private sealed class Read
        {
            public Read(SqlSource? source) => Source = source;

            public SqlSource? Source { get; }
        }
    }
}
