using System;
using System.Collections.Generic;
using System.Linq;

namespace SchemaDrift.Core.Sql.Analysis
{
    /// <summary>
    /// "Did you mean": names within edit distance 2 (1 for names of up to four
    /// characters, where 2 would match almost anything), or equal once case and
    /// underscores are ignored (userName ~ user_name).
    /// </summary>
    public static class NameSimilarity
    {
        /// <summary>A name with its lower-case and normalized forms, computed once (snapshot and built-in names).</summary>
        public sealed class Key
        {
            public Key(string name)
            {
                Name = name;
                Lower = name.ToLowerInvariant();
                Normalized = Normalize(name);
            }

            public string Name { get; }
            public string Lower { get; }
            public string Normalized { get; }
        }

        public static Key[] Keys(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).Select(n => new Key(n)).ToArray();

        public static List<string> Candidates(string name, IEnumerable<string> known, int max = 3) =>
            Candidates(name, known.Select(k => new Key(k)), max);

        public static List<string> Candidates(string name, IEnumerable<Key> known, int max = 3)
        {
            var normalized = Normalize(name);
            var lower = name.ToLowerInvariant();
            List<(string Name, int Score)>? scored = null;
            var rowA = new int[name.Length + 4];
            var rowB = new int[name.Length + 4];
            foreach (var k in known)
            {
                if (string.Equals(k.Name, name, StringComparison.Ordinal)) continue;
                if (k.Normalized == normalized)
                {
                    (scored ??= new List<(string, int)>()).Add((k.Name, 0));
                    continue;
                }
                var limit = Math.Min(name.Length, k.Name.Length) <= 4 ? 1 : 2;
                if (Math.Abs(k.Name.Length - name.Length) > limit) continue;
                var d = Distance(lower, k.Lower, limit, rowA, rowB);
                if (d <= limit) (scored ??= new List<(string, int)>()).Add((k.Name, d));
            }
            if (scored == null) return new List<string>();
            return scored
                .OrderBy(s => s.Score)
                .ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => s.Name)
                .Distinct(StringComparer.Ordinal)
                .Take(max)
                .ToList();
        }

        public static string Normalize(string s) => s.Replace("_", "").Replace(" ", "").ToLowerInvariant();

        /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="limit"/>.</summary>
        public static int Distance(string a, string b, int limit) => Distance(a, b, limit, null, null);

        /// <summary>
        /// Banded Levenshtein: only cells within <paramref name="limit"/> of the diagonal can stay under
        /// the limit, so each row costs O(limit). Rows may be passed in to avoid allocating per pair.
        /// </summary>
        private static int Distance(string a, string b, int limit, int[]? prevRow, int[]? curRow)
        {
            if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
            var over = limit + 1;
            var prev = prevRow != null && prevRow.Length > b.Length ? prevRow : new int[b.Length + 1];
            var cur = curRow != null && curRow.Length > b.Length ? curRow : new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) prev[j] = j <= limit ? j : over;
            for (var i = 1; i <= a.Length; i++)
            {
                var from = Math.Max(1, i - limit);
                var to = Math.Min(b.Length, i + limit);
                cur[0] = i <= limit ? i : over;
                if (from > 1) cur[from - 1] = over;
                var rowMin = cur[0];
                for (var j = from; j <= to; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                    cur[j] = v > over ? over : v;
                    if (cur[j] < rowMin) rowMin = cur[j];
                }
                if (to < b.Length) cur[to + 1] = over;
                if (rowMin > limit) return over;
                var tmp = prev;
                prev = cur;
                cur = tmp;
            }
            return Math.Min(prev[b.Length], over);
        }
    }
}
