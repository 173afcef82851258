using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Core;

/// <summary>
/// The checker on its own, per dialect: lexing (quotes, comments, dollar quotes, parameters),
/// statement shapes, scopes, and what must stay unreported. Expected findings are written
/// "Kind name" (Table, Column, Routine, Enum), comma-separated; "" means none.
/// </summary>
public class SqlCheckerTests
{
    private static readonly SchemaIndex Pg = new(TestSnapshots
        .Build("postgres", "public",
            "users(id int4, email text, display_name text null, tags text[])",
            "orders(id int4, user_id int4, status order_status, total numeric null, created_at timestamptz)",
            "\"Accounts\"(\"Id\" int4, \"OwnerName\" text)")
        .WithPgEnum("order_status", ["pending", "paid"], "orders.status")
        .WithRoutine("order_total"));

    private static readonly SchemaIndex My = new(TestSnapshots
        .Build("mysql", "shop",
            "users(id int, email varchar, display_name varchar null)",
            "orders(id int, user_id int, status varchar, total decimal null)")
        .WithMySqlEnum("orders.status", "pending", "paid"));

    private static readonly SchemaIndex Lite = new(TestSnapshots.FromSqlite("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, status TEXT, total NUMERIC);
        """));

    private static string Check(SchemaIndex index, string sql) =>
        string.Join(", ", SqlChecker.Check(sql, index).Findings.Select(f => f.Kind switch
        {
            SqlFindingKind.UnknownTable => "Table ",
            SqlFindingKind.UnknownColumn => "Column ",
            SqlFindingKind.UnknownRoutine => "Routine ",
            _ => "Enum ",
        } + f.Name));

    // Two columns whose names differ only in case share one entry of the table's column map.
    private static readonly SchemaIndex PgCase = new(TestSnapshots
        .Build("postgres", "public", "mixed(\"Code\" text, code int4, \"Label\" text)"));

    [TestCase("SELECT code, \"Code\" FROM mixed", "")]
    [TestCase("SELECT m.code, m.\"Code\" FROM mixed m WHERE m.code > 0", "")]
    [TestCase("SELECT \"CODE\" FROM mixed", "Column CODE")]
    [TestCase("SELECT \"Label\" FROM mixed", "")]
    [TestCase("SELECT label FROM mixed", "Column label")]
    public void Columns_that_differ_only_in_case_are_told_apart(string sql, string expected) =>
        Assert.That(Check(PgCase, sql), Is.EqualTo(expected));

    // The per-column lookups: schema-qualified names, unknown qualifiers, USING, output aliases, whole-row aliases.
    [TestCase("SELECT public.users.email FROM public.users", "")]
    [TestCase("SELECT public.users.nope FROM public.users", "Column nope")]
    [TestCase("SELECT x.email FROM users u", "Column x.email")]
    [TestCase("SELECT u.email FROM users u JOIN orders o USING (id)", "")]
    [TestCase("SELECT 1 FROM users JOIN orders USING (nope)", "Column nope")]
    [TestCase("SELECT user_id, count(*) AS n FROM orders GROUP BY user_id ORDER BY n", "")]
    [TestCase("SELECT user_id FROM orders GROUP BY user_id HAVING n > 1", "Column n")]
    [TestCase("SELECT o FROM orders o", "")]
    [TestCase("SELECT d.e FROM (SELECT email AS e FROM users) d", "")]
    [TestCase("SELECT d.nope FROM (SELECT email AS e FROM users) d", "Column nope")]
    [TestCase("SELECT id FROM users WHERE id IN @ids", "")]
    [TestCase("SELECT nope FROM users WHERE id IN @ids", "Column nope")]
    [TestCase("SELECT id FROM users WHERE email = $tag$ it's 'nope' $tag$", "")]
    [TestCase("SELECT id /* nope /* nested */ still comment */ FROM users", "")]
    [TestCase("SELECT id FROM users -- nope\nWHERE email = 'x'", "")]
    [TestCase("SELECT id FROM users WHERE id = $1 AND email = @e AND display_name = :d", "")]
    [TestCase("SELECT id FROM users; SELECT nope FROM orders;", "Column nope")]
    [TestCase("SELECT E'it\\'s', id FROM users", "")]
    [TestCase("SELECT tags[1], tags[1:2] FROM users", "")]
    [TestCase("SELECT data->>'a', data #> '{a}' FROM users", "Column data, Column data")]
    [TestCase("SELECT \"OwnerName\" FROM \"Accounts\" WHERE \"Id\" = 1", "")]
    [TestCase("SELECT ownername FROM \"Accounts\"", "Column ownername")]
    [TestCase("SELECT users FROM users", "")]
    [TestCase("SELECT (u).email FROM users u", "")]
    [TestCase("SELECT u.* FROM users u JOIN orders o ON o.user_id = u.id", "")]
    [TestCase("SELECT count(*) OVER w FROM orders WINDOW w AS (PARTITION BY user_id)", "")]
    [TestCase("SELECT id FROM orders WHERE created_at > now() - interval '1 day'", "")]
    [TestCase("SELECT id FROM orders WHERE status = 'shipped'", "Enum shipped")]
    [TestCase("SELECT id FROM orders WHERE status = 'paid'::order_status", "")]
    [TestCase("SELECT id FROM orders o WHERE o.status IN ('paid', 'lost')", "Enum lost")]
    [TestCase("SELECT order_total(id), lower(email), pg_backend_pid() FROM orders, users", "")]
    [TestCase("SELECT made_up(id) FROM orders", "Routine made_up")]
    [TestCase("CREATE TEMP TABLE t (a int); SELECT a FROM t", "")]
    [TestCase("SELECT * FROM pg_catalog.pg_tables", "")]
    [TestCase("SELECT relname FROM pg_class", "")]
    [TestCase("TABLE users", "")]
    [TestCase("SELECT * FROM ROWS FROM (generate_series(1, 2), unnest(ARRAY[1])) AS t(a, b)", "")]
    [TestCase("SELECT time_bucket('5 minutes', created_at), xmlparse(document '<a/>') FROM orders", "")]
    [TestCase("COPY users FROM STDIN", "")]
    [TestCase("SELECT nope FROM users FOR UPDATE OF users NOWAIT", "Column nope")]
    [TestCase("WITH t AS (UPDATE users SET email = 'x' RETURNING id) SELECT id FROM t", "")]
    [TestCase("WITH t AS (UPDATE users SET email = 'x' RETURNING id) SELECT email FROM t", "Column email")]
    public void Postgres(string sql, string expected) => Assert.That(Check(Pg, sql), Is.EqualTo(expected));

    [TestCase("SELECT `id` FROM `users` WHERE `email` = \"a@b\"", "")]
    [TestCase("SELECT id FROM users # comment nope\nWHERE id = 1", "")]
    [TestCase("SELECT id FROM users WHERE id = ? AND email = @e", "")]
    [TestCase("SELECT /*! STRAIGHT_JOIN */ nope FROM users", "")]
    [TestCase("SELECT id FROM users WHERE email = 'it\\'s'", "")]
    [TestCase("SELECT ID, EMAIL FROM users", "")]
    [TestCase("SELECT id FROM orders WHERE status = 'PAID'", "")]
    [TestCase("SELECT id FROM orders WHERE status = 'gone'", "Enum gone")]
    [TestCase("SELECT id FROM orders WHERE status = '2'", "")]
    [TestCase("SELECT id FROM other_db.anything", "")]
    [TestCase("SELECT id FROM shop.nothing", "Table nothing")]
    [TestCase("INSERT INTO orders (user_id) SELECT id FROM users u ON DUPLICATE KEY UPDATE total = u.id", "")]
    [TestCase("SELECT IFNULL(display_name, email), GROUP_CONCAT(email SEPARATOR ';') FROM users", "")]
    [TestCase("SELECT fancy(id) FROM users", "Routine fancy")]
    [TestCase("DELETE u FROM users u JOIN orders o ON o.user_id = u.id", "")]
    [TestCase("UPDATE users u JOIN orders o ON o.user_id = u.id SET status = 'lost', display_name = 'x'", "Enum lost")]
    [TestCase("UPDATE users u JOIN orders o ON o.user_id = u.id SET o.status = 'paid'", "")]
    public void MySql(string sql, string expected) => Assert.That(Check(My, sql), Is.EqualTo(expected));

    [TestCase("SELECT [id], `email`, \"display_name\" FROM users", "")]
    [TestCase("SELECT \"not_a_column\" FROM users", "")]
    [TestCase("SELECT id FROM users WHERE id = ?1 OR id = :id OR id = @id OR id = $id", "")]
    [TestCase("SELECT rowid, oid, _rowid_ FROM users", "")]
    [TestCase("SELECT email AS e FROM users WHERE e LIKE 'a%'", "")]
    [TestCase("SELECT a.id FROM users a JOIN orders b ON b.user_id = c.id, orders c", "")]
    [TestCase("SELECT id FROM users WHERE email GLOB '*x' AND display_name IS NOT 'y'", "")]
    [TestCase("SELECT * FROM pragma_table_info('users')", "")]
    [TestCase("SELECT name FROM sqlite_master", "")]
    [TestCase("SELECT id FROM aux.anything", "")]
    [TestCase("SELECT nope FROM main.users", "Column nope")]
    [TestCase("SELECT total(total), group_concat(email) FROM users, orders", "")]
    [TestCase("SELECT slugify(email) FROM users", "Routine slugify")]
    [TestCase("SELECT id FROM orders WHERE status = 'anything'", "")]
    public void Sqlite(string sql, string expected) => Assert.That(Check(Lite, sql), Is.EqualTo(expected));

    [Test]
    public void Huge_and_deeply_nested_statements_cost_an_analysis_never_the_stack()
    {
        var ors = "SELECT id FROM users WHERE " + string.Join(" OR ", Enumerable.Range(0, 20000).Select(i => "id = " + i));
        Assert.That(SqlChecker.Check(ors, Pg).StatementsSkipped, Is.EqualTo(1));
        var parens = "SELECT " + new string('(', 5000) + "1" + new string(')', 5000);
        Assert.That(SqlChecker.Check(parens, Pg).Findings, Is.Empty);
        var minus = "SELECT " + string.Concat(Enumerable.Repeat("- ", 5000)) + "1";
        Assert.That(SqlChecker.Check(minus, Pg).Findings, Is.Empty);
        var subqueries = "SELECT " + string.Concat(Enumerable.Repeat("(SELECT ", 3000)) + "1" + new string(')', 3000);
        Assert.That(SqlChecker.Check(subqueries, Pg).Findings, Is.Empty);
        var concat = "SELECT " + string.Join(" || ", Enumerable.Range(0, 20000).Select(i => "'x'"));
        Assert.That(SqlChecker.Check(concat, Pg).Findings, Is.Empty);
        var unterminated = "SELECT 'abc FROM users";
        Assert.That(SqlChecker.Check(unterminated, Pg).Findings, Is.Empty);
    }

    [Test]
    public void Stored_procedure_names_are_checked_against_routines_only()
    {
        Assert.That(SqlChecker.CheckRoutineName("order_total", Pg).Findings, Is.Empty);
        Assert.That(SqlChecker.CheckRoutineName("public.order_total", Pg).Findings, Is.Empty);
        Assert.That(SqlChecker.CheckRoutineName("now", Pg).Findings, Is.Empty);
        Assert.That(SqlChecker.CheckRoutineName("orders_total", Pg).Findings.Single().Candidates, Does.Contain("order_total"));
        Assert.That(SqlChecker.CheckRoutineName("SELECT 1", Pg).Findings, Is.Empty);
        Assert.That(SqlChecker.CheckRoutineName("anything", Lite).Findings, Is.Empty);
    }

    [Test]
    public void Removal_spans_remove_exactly_one_item_and_one_comma()
    {
        const string sql = "SELECT id, nope, email FROM users";
        var f = SqlChecker.Check(sql, Pg).Findings.Single();
        Assert.That(f.Clause, Is.EqualTo(SqlClause.SelectList));
        Assert.That(sql.Remove(f.RemoveStart, f.RemoveLength), Is.EqualTo("SELECT id, email FROM users"));

        const string last = "SELECT id, nope FROM users";
        f = SqlChecker.Check(last, Pg).Findings.Single();
        Assert.That(last.Remove(f.RemoveStart, f.RemoveLength), Is.EqualTo("SELECT id FROM users"));

        const string only = "SELECT nope FROM users";
        Assert.That(SqlChecker.Check(only, Pg).Findings.Single().RemoveStart, Is.EqualTo(-1));

        const string expr = "SELECT id, lower(nope) FROM users";
        Assert.That(SqlChecker.Check(expr, Pg).Findings.Single().RemoveStart, Is.EqualTo(-1));

        const string insert = "INSERT INTO users (nope, email) VALUES (1, 'a')";
        f = SqlChecker.Check(insert, Pg).Findings.Single();
        Assert.That(f.Clause, Is.EqualTo(SqlClause.InsertColumns));
        var without = insert.Remove(f.PairedRemoveStart, f.PairedRemoveLength).Remove(f.RemoveStart, f.RemoveLength);
        Assert.That(without, Is.EqualTo("INSERT INTO users (email) VALUES ('a')"));
    }
}
