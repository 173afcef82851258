using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SchemaDrift.Analyzers.Caching
{
    /// <summary>The ConcurrentDictionaries the analyzers keep per compilation.</summary>
    internal static class ConcurrentMaps
    {
        // Eight locks: the driver runs a few actions at once. With the default concurrency level
        // every growth of the table also doubles the number of locks (up to 1,024), and each later
        // growth takes all of them (docs/benchmarks.md).
        private const int ConcurrencyLevel = 8;
        private const int InitialCapacity = 31;

        public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
            new ConcurrentDictionary<TKey, TValue>(ConcurrencyLevel, InitialCapacity, comparer ?? EqualityComparer<TKey>.Default);
    }
}
