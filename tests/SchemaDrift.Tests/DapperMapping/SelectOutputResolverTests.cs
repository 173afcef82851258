using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.DapperMapping;

/// <summary>The result columns of constant SELECTs, with the table column each comes from.</summary>
public class SelectOutputResolverTests
{
    private static readonly SchemaIndex Index = new(TestSnapshots.FromSqlite("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, total NUMERIC NOT NULL);
        """));

    private static string Describe(string sql)
    {
        var outputs = SelectOutputResolver.Resolve(sql, Index);
        if (outputs == null) return "(unknown)";
        return string.Join(", ", outputs.Select(o => (o.Name ?? "?") + (o.Source != null ? "=" + o.Source.Name : "") + (o.OuterJoined ? "+null" : "")));
    }

    [TestCase("SELECT * FROM users", "id=id, email=email, name=name")]
    [TestCase("SELECT u.*, o.total FROM users u JOIN orders o ON o.user_id = u.id", "id=id, email=email, name=name, total=total")]
    [TestCase("SELECT u.id, o.total AS Amount FROM users u LEFT JOIN orders o ON o.user_id = u.id", "id=id, Amount=total+null")]
    [TestCase("SELECT EMAIL FROM users", "email=email")]
    [TestCase("SELECT count(*), max(id) AS top FROM users", "?, top")]
    [TestCase("SELECT x.email FROM (SELECT email, id FROM users) x", "email=email")]
    [TestCase("SELECT id FROM users UNION SELECT id FROM orders", "id")]
    [TestCase("SELECT id FROM users u JOIN orders o ON o.user_id = u.id", "(unknown)")]
    [TestCase("SELECT nope FROM users", "(unknown)")]
    [TestCase("SELECT * FROM missing", "(unknown)")]
    [TestCase("WITH c AS (SELECT id FROM users) SELECT id FROM c", "(unknown)")]
    [TestCase("SELECT id FROM users; SELECT id FROM orders", "(unknown)")]
    [TestCase("UPDATE users SET name = 'x'", "(unknown)")]
    public void Resolves_what_it_can_prove(string sql, string expected) => Assert.That(Describe(sql), Is.EqualTo(expected));
}
