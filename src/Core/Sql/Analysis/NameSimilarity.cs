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
        public static List<string> Candidates(string name, IEnumerable<string> known, int max = 3)
        {
            var normalized = Normalize(name);
            var scored = new List<(string Name, int Score)>();
            foreach (var k in known)
            {
                if (string.Equals(k, name, StringComparison.Ordinal)) continue;
                if (Normalize(k) == normalized)
                {
                    scored.Add((k, 0));
                    continue;
                }
                var limit = Math.Min(name.Length, k.Length) <= 4 ? 1 : 2;
                var d = Distance(name.ToLowerInvariant(), k.ToLowerInvariant(), limit);
                if (d <= limit) scored.Add((k, d));
            }
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
        public static int Distance(string a, string b, int limit)
        {
            if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) prev[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                var rowMin = cur[0];
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                    if (cur[j] < rowMin) rowMin = cur[j];
                }
                if (rowMin > limit) return limit + 1;
                var tmp = prev;
                prev = cur;
                cur = tmp;
            }
            return prev[b.Length];
        }
    }
}
