using System.Reflection;
using SchemaDrift.Core.Sql;

namespace SchemaDrift.Tests.Core;

/// <summary>
/// SqlKeywords answers most names from a small filter (length, first and last character) before
/// it looks in its word sets: the filter must never turn a listed word away, in any casing.
/// </summary>
public class SqlKeywordsTests
{
    private static IEnumerable<string> Listed(string field) =>
        (HashSet<string>)typeof(SqlKeywords).GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static IEnumerable<string> Casings(string w) => new[] { w, w.ToLowerInvariant(), w.ToUpperInvariant(), char.ToUpperInvariant(w[0]) + w.Substring(1).ToLowerInvariant() };

    [Test]
    public void Every_listed_word_is_found_in_every_casing()
    {
        var all = new[] { SqlDialect.PostgreSql, SqlDialect.MySql, SqlDialect.Sqlite };
        var missed = new List<string>();
        void Expect(bool found, string what) { if (!found) missed.Add(what); }
        foreach (var w in Listed("ClauseWords").SelectMany(Casings)) Expect(SqlKeywords.IsClauseWord(w), "clause " + w);
        foreach (var w in Listed("ValueWords").SelectMany(Casings)) Expect(all.All(d => SqlKeywords.IsValueWord(w, d)), "value " + w);
        foreach (var w in Casings("USER")) Expect(SqlKeywords.IsValueWord(w, SqlDialect.PostgreSql), "value " + w);
        foreach (var w in Listed("Common").SelectMany(Casings)) Expect(all.All(d => SqlKeywords.IsReserved(w, d)), "common " + w);
        foreach (var w in Listed("PostgresOnly").SelectMany(Casings)) Expect(SqlKeywords.IsReserved(w, SqlDialect.PostgreSql), "postgres " + w);
        foreach (var w in Listed("MySqlOnly").SelectMany(Casings)) Expect(SqlKeywords.IsReserved(w, SqlDialect.MySql), "mysql " + w);
        foreach (var w in Listed("SqliteOnly").SelectMany(Casings)) Expect(SqlKeywords.IsReserved(w, SqlDialect.Sqlite), "sqlite " + w);
        Assert.That(missed, Is.Empty);
        Assert.That(Listed("Common").Count(), Is.GreaterThan(20), "the sets were found");
    }

    [Test]
    public void Names_are_not_keywords()
    {
        foreach (var name in new[] { "t198", "id", "parent_id", "c02", "x", "users", "selected", "order_id", "_", "a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q" })
        {
            Assert.That(SqlKeywords.IsReserved(name, SqlDialect.PostgreSql) || SqlKeywords.IsClauseWord(name) || SqlKeywords.IsValueWord(name, SqlDialect.MySql), Is.False, name);
        }
        Assert.That(SqlKeywords.IsReserved("", SqlDialect.Sqlite), Is.False);
    }
}
