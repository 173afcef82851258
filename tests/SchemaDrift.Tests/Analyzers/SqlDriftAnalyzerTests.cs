using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer>;

namespace SchemaDrift.Tests.Analyzers;

public class SqlDriftAnalyzerTests
{
    private static readonly string Schema = TestSnapshots.SqliteJson("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), total NUMERIC);
        CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
        """);

    private const string Usings = """
        using Dapper;
        using Microsoft.Data.Sqlite;
        using System.Data.Common;

        """;

    [Test]
    public Task Correct_queries_give_no_diagnostics() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c)
            {
                c.Query<int>("SELECT id FROM users WHERE email = @e", new { e = "x" });
                c.Execute("INSERT INTO orders (user_id, total) VALUES (@u, @t)");
                c.Query("SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id");
                c.Query("SELECT id, total FROM big_orders");
                var cmd = new SqliteCommand("UPDATE users SET display_name = 'x' WHERE id = 1", c);
                cmd.CommandText = "DELETE FROM orders WHERE total < 0";
            }
        }
        """, Schema);

    [Test]
    public Task Unknown_table_is_reported_on_the_table_name() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c) => c.Query<int>("SELECT id FROM {|DBDRIFT101:invoices|}");
        }
        """, Schema);

    [Test]
    public Task Unknown_column_is_reported_on_the_column_name() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c) => c.Query<int>("SELECT {|DBDRIFT201:shipped_at|} FROM orders");
        }
        """, Schema);

    [Test]
    public Task Similar_column_is_a_possible_rename() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c) => c.Query<string>("SELECT {|DBDRIFT401:displayName|} FROM users");
        }
        """, Schema);

    [Test]
    public Task Command_text_assignment_and_constructor_are_checked() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c)
            {
                var cmd = new SqliteCommand("SELECT {|DBDRIFT201:nope|} FROM users", c);
                cmd.CommandText = "SELECT id FROM {|DBDRIFT101:nothing_here|}";
                DbCommand general = cmd;
                general.CommandText = "DELETE FROM orders WHERE {|DBDRIFT201:missing|} = 1";
            }
        }
        """, Schema);

    [Test]
    public Task Verbatim_raw_and_escaped_strings_squiggle_the_exact_identifier() => Verify.VerifyAsync(Usings + """""
        class C
        {
            void M(SqliteConnection c)
            {
                c.Query(@"SELECT ""id"", {|DBDRIFT201:nope|}
                          FROM users");
                c.Query("SELECT \"id\",\t{|DBDRIFT201:nope|} FROM users");
                c.Query(""""
                    SELECT id,
                           {|DBDRIFT201:nope|}
                    FROM users
                    """");
                c.Query("SELECT id, " + "{|DBDRIFT201:nope|} " + "FROM users");
            }
        }
        """"", Schema);

    [Test]
    public Task Const_fields_are_constant_sql() => Verify.VerifyAsync(Usings + """
        class C
        {
            const string Table = "users";
            const string Sql = "SELECT nope FROM " + Table;
            void M(SqliteConnection c) => c.Query({|DBDRIFT201:Sql|});
        }
        """, Schema);

    [Test]
    public Task Sql_that_is_not_provably_constant_is_never_reported() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c, string table, string where)
            {
                c.Query("SELECT nope FROM " + table);
                c.Query($"SELECT nope FROM users WHERE {where}");
                var cmd = c.CreateCommand();
                cmd.CommandText = where;
            }
        }
        """, Schema);

    [Test]
    public Task Stored_procedure_names_are_not_parsed_as_sql() => Verify.VerifyAsync(Usings + """
        using System.Data;
        class C
        {
            void M(SqliteConnection c) => c.Execute("do_things", commandType: CommandType.StoredProcedure);
        }
        """, Schema);

    [Test]
    public Task Without_a_snapshot_nothing_is_reported() => AnalyzerVerifier<SqlDriftAnalyzer>.VerifyAsync(Usings + """
        class C
        {
            void M(SqliteConnection c) => c.Query<int>("SELECT id FROM invoices");
        }
        """, null, "unused");
}
