using System;
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

        private readonly RecentCache<SiteKey, Read> _sources = new RecentCache<SiteKey, Read>(Slots);
        private readonly RecentCache<TextKey, SqlBatch> _batches = new RecentCache<TextKey, SqlBatch>(Slots);

        public static SharedSqlReads For(Compilation compilation) => PerCompilation.GetValue(compilation, _ => new SharedSqlReads());

        /// <summary><see cref="ConstantSqlReader.Read(SqlCallSite)"/>, once per call site.</summary>
        public SqlSource? Source(SqlCallSite site) =>
            _sources.GetOrAdd(new SiteKey(site.Sql.Syntax, site.HolesAreParameters, site.FormatPlaceholders), (_, s) => new Read(ConstantSqlReader.Read(s)), site).Source;

        /// <summary><see cref="SqlParser.Parse"/>, once per text. The batch is only read afterwards, so sharing it is safe.</summary>
        public SqlBatch Parse(string sql, SqlDialect dialect) =>
            _batches.GetOrAdd(new TextKey(sql, dialect), (key, _) => SqlParser.Parse(key.Sql, key.Dialect), 0);

        // Keys of SchemaDrift's own rather than tuples, so that the caches are precompiled (RecentCache).

        /// <summary>A call site's SQL expression and how its holes are read.</summary>
        private readonly struct SiteKey : IEquatable<SiteKey>
        {
            public SiteKey(SyntaxNode syntax, bool holesAreParameters, bool formatPlaceholders)
            {
                Syntax = syntax;
                HolesAreParameters = holesAreParameters;
                FormatPlaceholders = formatPlaceholders;
            }

            public SyntaxNode Syntax { get; }
            public bool HolesAreParameters { get; }
            public bool FormatPlaceholders { get; }

            public bool Equals(SiteKey other) =>
                ReferenceEquals(Syntax, other.Syntax) && HolesAreParameters == other.HolesAreParameters && FormatPlaceholders == other.FormatPlaceholders;

            public override bool Equals(object? obj) => obj is SiteKey other && Equals(other);

            public override int GetHashCode() =>
                (RuntimeHelpers.GetHashCode(Syntax) * 4) ^ (HolesAreParameters ? 2 : 0) ^ (FormatPlaceholders ? 1 : 0);
        }

        /// <summary>A SQL text and the dialect it is parsed in.</summary>
        private readonly struct TextKey : IEquatable<TextKey>
        {
            public TextKey(string sql, SqlDialect dialect)
            {
                Sql = sql;
                Dialect = dialect;
            }

            public string Sql { get; }
            public SqlDialect Dialect { get; }

            public bool Equals(TextKey other) => Dialect == other.Dialect && string.Equals(Sql, other.Sql, StringComparison.Ordinal);

            public override bool Equals(object? obj) => obj is TextKey other && Equals(other);

            public override int GetHashCode() => Sql.GetHashCode() ^ (int)Dialect;
        }

        /// <summary>A read that may have found nothing constant (remembered too: the other analyzers would find nothing either).</summary>
        private sealed class Read
        {
            public Read(SqlSource? source) => Source = source;

            public SqlSource? Source { get; }
        }
    }
}
