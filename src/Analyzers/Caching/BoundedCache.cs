using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace SchemaDrift.Analyzers.Caching
{
    /// <summary>
    /// A thread-safe cache with a size bound, for results the analyzers of one compilation compute
    /// from immutable inputs (a SQL text, a call site). It keeps its own count: asking a
    /// ConcurrentDictionary for Count takes every one of its locks, which, once per miss, cost
    /// more than the parse being cached (docs/benchmarks.md).
    /// </summary>
    internal sealed class BoundedCache<TKey, TValue>
    {
        private readonly ConcurrentDictionary<TKey, TValue> _map;
        private readonly int _capacity;
        private readonly bool _clearWhenFull;
        private int _count;

        /// <param name="clearWhenFull">
        /// true: start over when full (for values that are only reused shortly after they are made);
        /// false: keep what is there and stop adding (for values reused across the whole compilation).
        /// </param>
        public BoundedCache(int capacity, bool clearWhenFull, IEqualityComparer<TKey>? comparer = null)
        {
            _capacity = capacity;
            _clearWhenFull = clearWhenFull;
            _map = comparer == null ? new ConcurrentDictionary<TKey, TValue>() : new ConcurrentDictionary<TKey, TValue>(comparer);
        }

        public bool TryGetValue(TKey key, out TValue value) => _map.TryGetValue(key, out value!);

        /// <summary>
        /// The cached value, or <paramref name="make"/>'s, remembered while there is room. Pass what
        /// <paramref name="make"/> needs as <paramref name="argument"/> so that a lookup allocates nothing.
        /// </summary>
        public TValue GetOrAdd<TArgument>(TKey key, System.Func<TKey, TArgument, TValue> make, TArgument argument)
        {
            if (_map.TryGetValue(key, out var known)) return known;
            var value = make(key, argument);
            Add(key, value);
            return value;
        }

        public void Add(TKey key, TValue value)
        {
            if (Volatile.Read(ref _count) >= _capacity)
            {
                if (!_clearWhenFull) return;
                _map.Clear();
                Volatile.Write(ref _count, 0);
            }
            if (_map.TryAdd(key, value)) Interlocked.Increment(ref _count);
        }
    }
}
