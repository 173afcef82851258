using SchemaDrift.Core.Sql;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Tests.Core;

/// <summary>
/// What the lexer and parser do to allocate less per call site: keywords and operators as shared
/// strings, a token array reused per thread, names folded without a copy when already folded.
/// Each test checks that the text, the positions and the tree stay exactly what they were.
/// </summary>
public class SqlTokenizingTests
{
    private static List<SqlToken> Tokens(string sql, SqlDialect dialect = SqlDialect.PostgreSql)
    {
        Assert.That(SqlLexer.TryTokenize(sql, dialect, out var tokens), Is.True, sql);
        return tokens;
    }

    private static string[] Texts(string sql, SqlDialect dialect = SqlDialect.PostgreSql) =>
        Tokens(sql, dialect).Where(t => t.Kind != SqlTokenKind.End).Select(t => t.Text).ToArray();

    [TestCase("SELECT a FROM t WHERE b = 1", SqlDialect.PostgreSql)]
    [TestCase("select A, \"B\" from T where c <> -1 and d::text || 'x' = e->>'k'", SqlDialect.PostgreSql)]
    [TestCase("Select `a` FrOm t WHERE x >= 10 -- comment\n AND y = ?", SqlDialect.MySql)]
    [TestCase("INSERT INTO t ([a], b) VALUES ($a, 0x1F) /* c */ ;", SqlDialect.Sqlite)]
    [TestCase("SELECT $tag$ body $tag$, E'it\\'s', 1.5e3, selects, sel, fromage FROM t", SqlDialect.PostgreSql)]
    public void Every_token_is_the_text_written_at_its_position(string sql, SqlDialect dialect)
    {
        foreach (var t in Tokens(sql, dialect).Where(t => t.Kind != SqlTokenKind.End))
        {
            Assert.That(t.Text, Is.EqualTo(sql.Substring(t.Start, t.Length)), t.ToString());
            Assert.That(t.End, Is.EqualTo(t.Start + t.Text.Length));
        }
    }

    [TestCase("a<-1", new[] { "a", "<", "-", "1" })]
    [TestCase("x||-1", new[] { "x", "||-", "1" })] // | is one of those characters too
    [TestCase("a >= -b", new[] { "a", ">=", "-", "b" })]
    [TestCase("a~-1", new[] { "a", "~-", "1" })] // a run with one of ~ ! @ # % ^ & | ` ? keeps its trailing minus
    [TestCase("a::int", new[] { "a", "::", "int" })]
    [TestCase("a+-+b", new[] { "a", "+", "-", "+", "b" })]
    public void Operators_split_as_postgres_reads_them(string sql, string[] expected) =>
        Assert.That(Texts(sql), Is.EqualTo(expected));

    [Test]
    public void Keywords_and_operators_in_common_spellings_are_one_shared_string()
    {
        var first = Tokens("SELECT a FROM t WHERE b = 1");
        var second = Tokens("select x from u where y = 2 AND z = 1");
        Assert.That(first[0].Text, Is.SameAs(Tokens("SELECT 1")[0].Text), "SELECT");
        Assert.That(second[0].Text, Is.EqualTo("select"));
        Assert.That(second[0].Text, Is.SameAs(Tokens("select 1")[0].Text), "select");
        Assert.That(first[6].Text, Is.EqualTo("="));
        Assert.That(first[6].Text, Is.SameAs(second[6].Text), "=");
        Assert.That(first[7].Text, Is.SameAs(second[11].Text), "1");
        // Names and other spellings are the text as written, never a keyword's string.
        var mixed = Tokens("Select fromage FROM t");
        Assert.That(mixed[0].Text, Is.EqualTo("Select"));
        Assert.That(mixed[1].Text, Is.EqualTo("fromage"));
        Assert.That(mixed[1].Value, Is.SameAs(mixed[1].Text), "a word's value is its text, one string");
    }

    [TestCase("SELECT", true)]
    [TestCase("select", true)]
    [TestCase("<>", true)]
    [TestCase("Select", false)]
    [TestCase("SELECTS", false)]
    [TestCase("SELEC", false)]
    [TestCase("t042", false)]
    public void The_shared_spellings_match_exactly(string word, bool shared)
    {
        var sql = "(" + word + ")";
        var text = SqlSpellings.Common(sql, 1, word.Length);
        Assert.That(text, shared ? Is.EqualTo(word) : Is.Null);
        if (shared) Assert.That(SqlSpellings.Common(" " + word, 1, word.Length), Is.SameAs(text));
        Assert.That(SqlSpellings.Share(sql, 1, word.Length), Is.EqualTo(word));
    }

    [Test]
    public void A_name_met_again_on_the_thread_is_the_same_string()
    {
        var first = Tokens("SELECT parent_id FROM t042 WHERE parent_id = @p");
        var second = Tokens("UPDATE t042 SET c01 = @p WHERE parent_id = 1");
        Assert.That(second[1].Text, Is.SameAs(first[3].Text), "t042");
        Assert.That(second[7].Text, Is.SameAs(first[1].Text), "parent_id");
        Assert.That(second[5].Text, Is.SameAs(first[7].Text), "@p");
        Assert.That(first[5].Text, Is.SameAs(first[1].Text), "parent_id twice in one text");
    }

    [Test]
    public void Names_that_share_a_slot_each_keep_their_own_text()
    {
        // 5,000 distinct names through a 512-slot table: every slot is taken over many times, and
        // a lookup that trusted the slot without comparing the text would hand out another name.
        var names = Enumerable.Range(0, 5000).Select(i => "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var round = 0; round < 2; round++)
        {
            foreach (var name in names)
            {
                var sql = "SELECT " + name + " FROM t";
                Assert.That(SqlSpellings.Share(sql, 7, name.Length), Is.EqualTo(name));
            }
        }
        // Long names are copied each time rather than kept.
        var longName = new string('x', 40);
        var text = "SELECT " + longName;
        Assert.That(SqlSpellings.Share(text, 7, 40), Is.EqualTo(longName).And.Not.SameAs(SqlSpellings.Share(text, 7, 40)));
    }

    /// <summary>The statement tree as text: node types, spans and names, to compare two parses of one text.</summary>
    private static string Shape(SqlBatch batch) =>
        batch.Tokenized + ":" + string.Join("|", batch.Statements.Select(s =>
            s.GetType().Name + "@" + s.Start + "-" + s.End + (s is UnsupportedStatement u ? " " + u.Reason : "")));

    private static string Findings(SqlBatch batch) =>
        string.Join(", ", SqlChecker.Check(batch, Index).Findings.Select(f => f.Kind + " " + f.Name + "@" + f.Start));

    private static readonly SchemaIndex Index = new(SchemaDrift.Tests.Infrastructure.TestSnapshots
        .Build("postgres", "public", "users(id int4, email text)", "orders(id int4, user_id int4)"));

    private static readonly string[] Samples =
    [
        "SELECT u.email, o.nope FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1",
        "SELECT nope FROM",
        "UPDATE users SET email = 'x' WHERE id IN (SELECT user_id FROM orders); DELETE FROM missing",
        "SELECT 'unterminated",
        "",
        // Longer than the array a thread keeps (4,096 tokens): parsed into its own, then dropped.
        string.Join("; ", Enumerable.Repeat("SELECT id, email FROM users WHERE id = 1 AND nope = 2", 300)),
        "SELECT id FROM users WHERE",
    ];

    [Test]
    public void Parses_on_a_reused_token_array_equal_fresh_ones()
    {
        // Fresh: each text first on its own new thread, so nothing is reused.
        var fresh = Samples.Select(t =>
        {
            string shape = "";
            var thread = new Thread(() => { var b = SqlParser.Parse(t, SqlDialect.PostgreSql); shape = Shape(b) + " " + Findings(b); });
            thread.Start();
            thread.Join();
            return shape;
        }).ToArray();
        // Reused: all texts one after the other on one thread, twice, in both orders.
        for (var round = 0; round < 2; round++)
        {
            var order = round == 0 ? Enumerable.Range(0, Samples.Length) : Enumerable.Range(0, Samples.Length).Reverse();
            foreach (var i in order)
            {
                var b = SqlParser.Parse(Samples[i], SqlDialect.PostgreSql);
                Assert.That(Shape(b) + " " + Findings(b), Is.EqualTo(fresh[i]), Samples[i].Length > 80 ? Samples[i].Substring(0, 80) : Samples[i]);
            }
        }
        Assert.That(fresh[0], Does.Contain("UnknownColumn nope@"));
        Assert.That(fresh[1], Does.Contain("UnsupportedStatement"));
        Assert.That(fresh[3], Does.StartWith("False:"));
        Assert.That(fresh[5].Split("UnknownColumn nope@").Length - 1, Is.EqualTo(300));
    }

    [Test]
    public void Parses_on_many_threads_at_once_equal_sequential_ones()
    {
        var expected = Samples.Select(t => { var b = SqlParser.Parse(t, SqlDialect.PostgreSql); return Shape(b) + " " + Findings(b); }).ToArray();
        var mismatches = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % Samples.Length;
            var b = SqlParser.Parse(Samples[i], SqlDialect.PostgreSql);
            if (Shape(b) + " " + Findings(b) != expected[i]) Interlocked.Increment(ref mismatches);
        });
        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void Postgres_folding_copies_only_names_with_capitals()
    {
        const string lower = "display_name";
        Assert.That(NameRules.FoldPostgres(lower), Is.SameAs(lower));
        Assert.That(NameRules.FoldPostgres("Display_Name"), Is.EqualTo("display_name"));
        Assert.That(NameRules.FoldPostgres("ÉtatX"), Is.EqualTo("Étatx"), "ASCII letters only, as downcase_identifier");
        Assert.That(NameRules.FoldPostgres(""), Is.EqualTo(""));
    }
}
