using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>
    /// Which of the model and mapping configuration words a syntax tree's text contains: the
    /// cheap filter in front of the semantic work of <see cref="CompilationFacts"/> and
    /// <see cref="EfFindingsCache"/>. One pass over the text, in blocks copied out of the
    /// SourceText, once per tree instance (unchanged documents keep their trees across the IDE's
    /// per-keystroke compilations). Both filters used to copy every file's whole text into a
    /// string and search it once per word: two copies of the project's source per compilation,
    /// each freshly allocated memory the compiler's process had to zero and fault in.
    /// </summary>
    internal static class TreeMentions
    {
        /// <summary>Words of model configuration (fluent API, conventions the model reader looks for).</summary>
        public static readonly string[] ModelWords =
        {
            "ModelBuilder", "EntityTypeBuilder", "IEntityTypeConfiguration", "OnModelCreating", "ConfigureConventions",
            "NamingConvention", "MapEnum", "HasPostgresEnum", "MatchNamesWithUnderscores", "AddTypeHandler", "SetTypeMap",
            "TypeMapProvider", "FluentMapper",
        };

        /// <summary>Calls anywhere in a compilation that change how names or types map (CompilationFacts).</summary>
        public static readonly string[] MappingWords =
        {
            "NamingConvention", "MapEnum", "HasPostgresEnum", "MatchNamesWithUnderscores", "AddTypeHandler", "SetTypeMap",
            "TypeMapProvider", "FluentMapper",
        };

        public const string DbContextWord = "DbContext";

        // Every word asked about, one bit each in a tree's answer.
        private static readonly string[] Words = Union(ModelWords, MappingWords, new[] { DbContextWord });

        public static readonly ulong ModelMask = MaskOf(ModelWords);
        public static readonly ulong MappingMask = MaskOf(MappingWords);
        public static readonly ulong DbContextMask = MaskOf(new[] { DbContextWord });

        private static readonly int Longest = Words.Max(w => w.Length);

        private const int BlockSize = 4096;

        private static readonly ConditionalWeakTable<SyntaxTree, Found> PerTree = new ConditionalWeakTable<SyntaxTree, Found>();

        // Scratch space for Scan, one per thread: a fresh 8 KB array per tree was 16 MB of
        // allocation per build of a 2,000-file project, zeroed and faulted in by the compiler's
        // process, more than everything else the analyzers allocate over its 10,000 SQL call sites.
        [ThreadStatic]
        private static char[]? t_buffer;

        private sealed class Found
        {
            public Found(ulong bits) => Bits = bits;

            public ulong Bits { get; }
        }

        /// <summary>Whether the tree's text contains any of the words in <paramref name="mask"/> (ordinal).</summary>
        public static bool Any(SyntaxTree tree, ulong mask, CancellationToken cancellationToken) =>
            (PerTree.GetValue(tree, t => new Found(Scan(t.GetText(cancellationToken)))).Bits & mask) != 0;

        /// <summary>The bits of the words <paramref name="text"/> contains.</summary>
        internal static ulong Scan(SourceText text)
        {
            // A word that straddles two blocks is found because each block starts with the
            // previous one's last (longest - 1) characters.
            var longest = Longest;
            var buffer = t_buffer ??= new char[BlockSize + longest - 1];
            var all = (1UL << Words.Length) - 1;
            var found = 0UL;
            var carried = 0;
            for (var position = 0; position < text.Length && found != all;)
            {
                var count = Math.Min(BlockSize, text.Length - position);
                text.CopyTo(position, buffer, carried, count);
                var filled = carried + count;
                for (var w = 0; w < Words.Length; w++)
                {
                    var bit = 1UL << w;
                    if ((found & bit) == 0 && Contains(buffer, filled, Words[w])) found |= bit;
                }
                position += count;
                carried = Math.Min(longest - 1, filled);
                Array.Copy(buffer, filled - carried, buffer, 0, carried);
            }
            return found;
        }

        private static bool Contains(char[] buffer, int length, string word)
        {
            var first = word[0];
            var last = length - word.Length;
            for (var i = 0; i <= last; i++)
            {
                i = Array.IndexOf(buffer, first, i, last - i + 1);
                if (i < 0) return false;
                var k = 1;
                while (k < word.Length && buffer[i + k] == word[k]) k++;
                if (k == word.Length) return true;
            }
            return false;
        }

        private static ulong MaskOf(string[] words)
        {
            var mask = 0UL;
            foreach (var w in words) mask |= 1UL << Array.IndexOf(Words, w);
            return mask;
        }

        private static string[] Union(params string[][] lists)
        {
            var all = new System.Collections.Generic.List<string>();
            foreach (var list in lists)
            {
                foreach (var w in list)
                {
                    if (!all.Contains(w)) all.Add(w);
                }
            }
            return all.ToArray();
        }
    }
}
