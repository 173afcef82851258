using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SchemaDrift.Analyzers.EfCore;

namespace SchemaDrift.Tests.EfCore;

/// <summary>
/// The configuration-word filter reads a tree's text in blocks without copying it whole: it must
/// find exactly what a search of the whole text finds, wherever the blocks fall.
/// </summary>
public class TreeMentionsTests
{
    private static readonly string[] All = TreeMentions.ModelWords.Concat(TreeMentions.MappingWords).Append(TreeMentions.DbContextWord).Distinct().ToArray();

    private static bool Naive(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));

    private static bool Filter(string text, ulong mask) =>
        TreeMentions.Any(CSharpSyntaxTree.ParseText(text), mask, CancellationToken.None);

    [Test]
    public void A_word_is_found_wherever_it_falls_across_the_blocks()
    {
        // Blocks are 4,096 characters: every offset around the first two boundaries, and the very end.
        foreach (var word in All)
        {
            foreach (var offset in Enumerable.Range(4096 - word.Length - 2, word.Length + 4).Concat(Enumerable.Range(8192 - word.Length - 1, word.Length + 2)).Append(0))
            {
                var text = new string(' ', offset) + word + new string(' ', 3);
                var bits = TreeMentions.Scan(SourceText.From(text));
                Assert.That(bits, Is.Not.EqualTo(0UL), word + " at " + offset);
            }
            var atEnd = new string('x', 4096 * 3 - word.Length) + word;
            Assert.That(TreeMentions.Scan(SourceText.From(atEnd)), Is.Not.EqualTo(0UL), word + " ending the text");
        }
    }

    [Test]
    public void The_filter_answers_as_a_search_of_the_whole_text()
    {
        var random = new Random(7);
        // Words cut in two (prefixes, a changed last letter) must not count.
        var near = All.SelectMany(w => new[] { w.Substring(0, w.Length - 1), w.Substring(0, w.Length - 1) + "_", w.ToLowerInvariant() }).ToArray();
        for (var round = 0; round < 200; round++)
        {
            var pieces = new List<string>();
            var length = 0;
            var target = random.Next(10, 20000);
            while (length < target)
            {
                var piece = random.Next(40) switch
                {
                    0 => All[random.Next(All.Length)],
                    < 8 => near[random.Next(near.Length)],
                    _ => new string((char)('a' + random.Next(26)), random.Next(1, 30)),
                };
                pieces.Add(piece);
                length += piece.Length + 1;
            }
            var text = string.Join(random.Next(2) == 0 ? " " : "\n", pieces);
            Assert.That(Filter(text, TreeMentions.ModelMask), Is.EqualTo(Naive(text, TreeMentions.ModelWords)), "model words, round " + round);
            Assert.That(Filter(text, TreeMentions.MappingMask), Is.EqualTo(Naive(text, TreeMentions.MappingWords)), "mapping words, round " + round);
            Assert.That(Filter(text, TreeMentions.DbContextMask), Is.EqualTo(Naive(text, new[] { TreeMentions.DbContextWord })), "DbContext, round " + round);
        }
    }

    [Test]
    public void Texts_shorter_than_a_word_mention_nothing()
    {
        Assert.That(TreeMentions.Scan(SourceText.From("")), Is.EqualTo(0UL));
        Assert.That(TreeMentions.Scan(SourceText.From("MapEnu")), Is.EqualTo(0UL));
        Assert.That(TreeMentions.Scan(SourceText.From("MapEnum")), Is.Not.EqualTo(0UL));
    }

    [Test]
    public void What_an_earlier_text_left_in_the_scratch_space_is_not_found_again()
    {
        // The block buffer is reused per thread: a shorter text must not see the longer one's tail.
        Assert.That(TreeMentions.Scan(SourceText.From(new string(' ', 100) + "OnModelCreating")), Is.Not.EqualTo(0UL));
        Assert.That(TreeMentions.Scan(SourceText.From(new string(' ', 50))), Is.EqualTo(0UL));
        Assert.That(TreeMentions.Scan(SourceText.From(new string(' ', 5000) + "DbContext")), Is.Not.EqualTo(0UL));
        Assert.That(TreeMentions.Scan(SourceText.From(new string(' ', 4200))), Is.EqualTo(0UL));
    }
}
