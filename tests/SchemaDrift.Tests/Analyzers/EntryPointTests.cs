using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer>;

namespace SchemaDrift.Tests.Analyzers;

/// <summary>Every API SQL enters through, and every C# form of constant SQL the analyzer reads.</summary>
public class EntryPointTests
{
    private static readonly string Pg = TestSnapshots.Json(TestSnapshots
        .Build("postgres", "public", "users(id int4, email text, display_name text null)", "orders(id int4, user_id int4, total numeric null)")
        .WithRoutine("refresh_totals", "procedure")
        .WithRoutine("order_count"));

    private static readonly string Sqlite = TestSnapshots.SqliteJson("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT);
        """);

    private const string Usings = """
        using System;
        using System.Data;
        using System.Data.Common;
        using System.Linq;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.EntityFrameworkCore;
        using Npgsql;

        class User { public int Id { get; set; } }
        class Db : DbContext { public DbSet<User> Users => Set<User>(); }

        """;

    [Test]
    public Task Ef_core_raw_sql_apis_are_checked() => Verify.VerifyAsync(Usings + """
        class C
        {
            async Task M(Db db, int id)
            {
                db.Users.FromSqlRaw("SELECT id, {|DBDRIFT201:nope|} FROM users WHERE id = {0}", id);
                db.Users.FromSql($"SELECT * FROM users WHERE {|DBDRIFT201:missing|} = {id}");
                db.Users.FromSqlInterpolated($"SELECT * FROM {|DBDRIFT101:accounts|} WHERE id = {id}");
                db.Database.SqlQuery<int>($"SELECT {|DBDRIFT201:nope|} FROM users WHERE id = {id}");
                db.Database.SqlQueryRaw<int>("SELECT id FROM {|DBDRIFT101:accounts|}");
                db.Database.ExecuteSql($"DELETE FROM users WHERE {|DBDRIFT201:nope|} = {id}");
                db.Database.ExecuteSqlRaw("UPDATE users SET {|DBDRIFT201:nope|} = 1");
                db.Database.ExecuteSqlInterpolated($"UPDATE users SET email = {id} WHERE {|DBDRIFT201:nope|} = 1");
                await db.Database.ExecuteSqlAsync($"DELETE FROM {|DBDRIFT101:accounts|}");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM {|DBDRIFT101:accounts|}");
                await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM {|DBDRIFT101:accounts|} WHERE id = {id}");
            }
        }
        """, Pg);

    [Test]
    public Task Ef_core_holes_are_parameters_and_correct_sql_is_silent() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(Db db, int id, string email)
            {
                db.Users.FromSql($"SELECT * FROM users WHERE id = {id} AND email = {email}");
                db.Users.FromSqlRaw("SELECT * FROM users WHERE id = {0} AND email = {1}", id, email);
                db.Database.ExecuteSql($"CALL refresh_totals({id})");
                // A hole where a name belongs is not SQL we can judge.
                db.Users.FromSql($"SELECT * FROM {email}");
            }
        }
        """, Pg);

    [Test]
    public Task Ado_net_commands_batches_and_constructors_are_checked() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c, NpgsqlDataSource ds)
            {
                using var cmd = new NpgsqlCommand("SELECT {|DBDRIFT201:nope|} FROM users", c);
                cmd.CommandText = "SELECT id FROM {|DBDRIFT101:accounts|}";
                IDbCommand general = cmd;
                general.CommandText = "DELETE FROM users WHERE {|DBDRIFT201:nope|} = 1";
                var batch = new NpgsqlBatch(c);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT {|DBDRIFT201:nope|} FROM users"));
                DbBatchCommand bc = new NpgsqlBatchCommand();
                bc.CommandText = "UPDATE {|DBDRIFT101:accounts|} SET x = 1";
                using var fromSource = ds.CreateCommand("SELECT {|DBDRIFT201:nope|} FROM users");
                var init = new NpgsqlCommand { CommandText = "SELECT {|DBDRIFT201:nope|} FROM users" };
            }
        }
        """, Pg);

    [Test]
    public Task Stored_procedure_names_are_checked_as_routines() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Execute("refresh_totals", commandType: CommandType.StoredProcedure);
                c.Execute("{|DBDRIFT701:refresh_all|}", commandType: CommandType.StoredProcedure);
                c.Query<int>(new CommandDefinition("{|DBDRIFT701:no_such_proc|}", commandType: CommandType.StoredProcedure));
                // Dapper runs a bare name as a procedure even without commandType.
                c.Execute("order_count");
                c.Execute("{|DBDRIFT701:order_cnt|}");
                var cmd = new NpgsqlCommand("{|DBDRIFT701:missing_proc|}", c) { CommandType = CommandType.StoredProcedure };
                var cmd2 = c.CreateCommand();
                cmd2.CommandText = "{|DBDRIFT701:another_missing|}";
                cmd2.CommandType = CommandType.StoredProcedure;
            }
        }
        """, Pg);

    [Test]
    public Task Unknown_command_type_is_not_analyzed() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c, CommandType type, bool flag)
            {
                c.Execute("SELECT nope FROM users", commandType: type);
                var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT nope FROM users";
                cmd.CommandType = flag ? CommandType.StoredProcedure : CommandType.Text;
            }
        }
        """, Pg);

    [Test]
    public Task Command_types_set_more_than_once_are_combined() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                // Two different values: which one runs is unknown, so the text is not judged.
                var a = new NpgsqlCommand("SELECT nope FROM users", c) { CommandType = CommandType.StoredProcedure };
                a.CommandType = CommandType.Text;
                // The same value twice: a procedure name.
                var b = new NpgsqlCommand("{|DBDRIFT701:missing_proc|}", c) { CommandType = CommandType.StoredProcedure };
                b.CommandType = CommandType.StoredProcedure;
                // Text, written and by default, agree: SQL.
                var d = new NpgsqlCommand("SELECT {|DBDRIFT201:nope|} FROM users", c) { CommandType = CommandType.Text };
                var e = c.CreateCommand();
                e.CommandText = "SELECT {|DBDRIFT201:nope|} FROM users";
                e.CommandType = CommandType.Text;
            }
        }
        """, Pg);

    [Test]
    public Task Locals_assigned_once_are_constant_and_squiggle_their_literal() => Verify.VerifyAsync(Usings + """
        class C
        {
            const string Select = "SELECT id, nope FROM users";
            void M(NpgsqlConnection c)
            {
                var sql = "SELECT {|DBDRIFT201:missing|} FROM users";
                c.Query<int>(sql);
                c.Query<int>(sql); // reported once, at the literal
                var where = " WHERE {|DBDRIFT201:gone|} = 1";
                var full = "SELECT id FROM users" + where;
                c.Execute(full);
                c.Query<int>({|DBDRIFT201:Select|}); // a const field elsewhere: reported at the use, locally
                const string Local = "DELETE FROM {|DBDRIFT101:accounts|}";
                c.Execute(Local);
                var interpolated = $"{Select} WHERE id = 1";
            }
        }
        """, Pg);

    [Test]
    public Task Locals_written_again_are_not_constant() => Verify.VerifyAsync(Usings + """
        class C
        {
            void M(NpgsqlConnection c, bool flag)
            {
                var sql = "SELECT nope FROM users";
                if (flag) sql = "SELECT id FROM users";
                c.Query<int>(sql);
                var sql2 = "SELECT nope FROM users";
                sql2 += " WHERE 1 = 1";
                c.Query<int>(sql2);
                var sql3 = "SELECT nope FROM users";
                Change(ref sql3);
                c.Query<int>(sql3);
                var sql4 = "SELECT nope FROM users";
                Action a = () => sql4 = "x";
                c.Query<int>(sql4);
                string sql5;
                sql5 = "SELECT nope FROM users";
                c.Query<int>(sql5);
            }
            static void Change(ref string s) { }
        }
        """, Pg);

    [Test]
    public Task Interpolated_strings_with_constant_holes_are_constant() => Verify.VerifyAsync(Usings + """"
        class C
        {
            const string Table = "users";
            void M(NpgsqlConnection c, int id)
            {
                c.Query<int>($"SELECT {|DBDRIFT201:nope|} FROM {Table}");
                c.Query<int>($@"SELECT {|DBDRIFT201:nope2|}
                               FROM {Table}");
                c.Query<int>($"SELECT nope FROM users WHERE id = {id}"); // not constant
                c.Query<int>($"""
                    SELECT id,
                           {|DBDRIFT201:nope3|}
                    FROM {Table}
                    """);
                c.Query<int>($"""SELECT {|DBDRIFT201:nope4|} FROM {Table}""");
            }
        }
        """", Pg);

    [Test]
    public Task Utf8_literals_do_not_break_the_analyzer() => Verify.VerifyAsync(Usings + """"
        class C
        {
            static void Run(ReadOnlySpan<byte> sql) { }
            void M()
            {
                Run("SELECT nope FROM users"u8);
                ReadOnlySpan<byte> raw = """
                    SELECT nope FROM users
                    """u8;
            }
        }
        """", Pg);

    [Test]
    public Task Sqlite_functions_registered_by_the_application_are_not_reported() => Verify.VerifyAsync("""
        using Dapper;
        using Microsoft.Data.Sqlite;
        class C
        {
            void M(SqliteConnection c)
            {
                c.CreateFunction("slugify", (string s) => s.ToLowerInvariant());
                c.Query<string>("SELECT slugify(email) FROM users");
                c.Query<string>("SELECT {|DBDRIFT701:shout|}(email) FROM users");
                c.Query<string>("SELECT upper(email), json_extract('{}', '$.a'), coalesce(display_name, email) FROM users");
            }
        }
        """, Sqlite);

    [Test]
    public Task Temporary_tables_created_by_the_application_are_not_unknown() => Verify.VerifyAsync(Usings + """
        class C
        {
            const string Create = "CREATE TEMP TABLE IF NOT EXISTS staging_users (id int, email text)";
            void M(NpgsqlConnection c)
            {
                c.Execute(Create);
                c.Query<int>("SELECT id FROM staging_users");
                c.Query<int>("SELECT id FROM {|DBDRIFT101:staging_orders|}");
            }
        }
        """, Pg);

    [Test]
    public Task Sqlite_attach_makes_unqualified_unknown_tables_unjudged() => Verify.VerifyAsync("""
        using Dapper;
        using Microsoft.Data.Sqlite;
        class C
        {
            void M(SqliteConnection c)
            {
                c.Execute("ATTACH DATABASE 'archive.db' AS archive");
                c.Query<int>("SELECT id FROM archived_orders");
                c.Query<int>("SELECT {|DBDRIFT201:nope|} FROM users");
            }
        }
        """, Sqlite);
}
