using System;
using System.Threading;

namespace SchemaDrift.Analyzers.Caching
{
    /// <summary>
    /// A small lock-free cache of the most recent results, for values that are reused shortly
    /// after they are made (a call site's text, read by one analyzer and then by another). A fixed
    /// array of slots chosen by the key's hash: a new entry replaces whatever was in its slot, so
    /// the cache never grows, never clears and never takes a lock. A replaced entry is only a miss,
    /// and a miss computes the same value again. ConcurrentDictionary did this job before: started
    /// over when full, it regrew its table every few dozen entries, and each growth took all of its
    /// locks (up to 1,024 of them): a tenth of SchemaDrift's time in a build's profile (docs/benchmarks.md).
    /// </summary>
    /// <remarks>
    /// Keys compare themselves (<see cref="IEquatable{T}"/>, called directly) rather than through
    /// EqualityComparer: with a key type of SchemaDrift's own, the whole cache is in the
    /// precompiled image, where a tuple key made the runtime JIT-compile the comparer and the
    /// cache for it in every compile, and run that code unoptimized at every call site.
    /// </remarks>
    internal sealed class RecentCache<TKey, TValue>
        where TKey : IEquatable<TKey>
        where TValue : class
    {
        private readonly Entry?[] _slots;
        private readonly int _mask;

        /// <param name="size">Number of slots, rounded up to a power of two.</param>
        public RecentCache(int size)
        {
            var n = 1;
            while (n < size) n <<= 1;
            _slots = new Entry?[n];
            _mask = n - 1;
        }

        /// <summary>
        /// The cached value, or <paramref name="make"/>'s, which then takes the key's slot. Pass what
        /// <paramref name="make"/> needs as <paramref name="argument"/> so that a hit allocates nothing.
        /// </summary>
        public TValue GetOrAdd<TArgument>(TKey key, System.Func<TKey, TArgument, TValue> make, TArgument argument)
        {
            var hash = key.GetHashCode();
            ref var slot = ref _slots[hash & _mask];
            var entry = Volatile.Read(ref slot);
            if (entry != null && entry.Hash == hash && key.Equals(entry.Key)) return entry.Value;
            var value = make(key, argument);
            // Entries are immutable, so a reader sees a whole entry or the one before it.
            Volatile.Write(ref slot, new Entry(hash, key, value));
            return value;
        }

        private sealed class Entry
        {
            public Entry(int hash, TKey key, TValue value)
            {
                Hash = hash;
                Key = key;
                Value = value;
            }

            public int Hash { get; }
            public TKey Key { get; }
            public TValue Value { get; }
        }
    }
}
