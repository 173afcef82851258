using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace SchemaDrift.Analyzers.Caching
{
    /// <summary>
    /// A thread-safe cache with a size bound, for results the analyzers of one compilation reuse
    /// across the whole compilation (the check of a SQL text used at many call sites). When full it
    /// keeps what it has and stops adding. It keeps its own count: asking a ConcurrentDictionary for
    /// Count takes every one of its locks, which, once per miss, cost more than the parse being
    /// cached (docs/benchmarks.md). For values reused only shortly after they are made, see
    /// <see cref="RecentCache{TKey, TValue}"/>.
    /// </summary>
    internal sealed class BoundedCache<TKey, TValue>
    {
        private readonly ConcurrentDictionary<TKey, TValue> _map;
        private readonly int _capacity;
        private int _count;

        public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
        {
            _capacity = capacity;
            _map = ConcurrentMaps.Create<TKey, TValue>(comparer);
        }

        public bool TryGetValue(TKey key, out TValue value) => _map.TryGetValue(key, out value!);

        /// <summary>
        /// The cached value, or <paramref name="make"/>'s, remembered while there is room. Pass what
        /// <paramref name="make"/> needs as <paramref name="argument"/> so that a lookup allocates nothing.
        /// </summary>
        public TValue GetOrAdd<TArgument>(TKey key, Func<TKey, TArgument, TValue> make, TArgument argument)
        {
            if (_map.TryGetValue(key, out var known)) return known;
            var value = make(key, argument);
            Add(key, value);
            return value;
        }

        public void Add(TKey key, TValue value)
        {
            if (Volatile.Read(ref _count) >= _capacity) return;
            if (_map.TryAdd(key, value)) Interlocked.Increment(ref _count);
        }
    }
}
