using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer>;

namespace SchemaDrift.Tests.Analyzers;

/// <summary>Each SQL rule in each dialect: what it reports, where, and what it stays quiet about.</summary>
public class RuleTests
{
    private static readonly string Pg = TestSnapshots.Json(TestSnapshots
        .Build("postgres", "public",
            "users(id int4, email text, display_name text null, status text)",
            "orders(id int4, user_id int4, status order_status, total numeric null)",
            "\"Accounts\"(\"Id\" int4, \"OwnerName\" text)",
            "audit.events(id int4, kind text)")
        .WithPgEnum("order_status", ["pending", "paid", "shipped"], "orders.status")
        .WithRoutine("order_total")
        .WithRoutine("archive_orders", "procedure")
        .WithRoutine("audit.log_event"));

    private static readonly string My = TestSnapshots.Json(TestSnapshots
        .Build("mysql", "shop",
            "users(id int, email varchar, display_name varchar null)",
            "orders(id int, user_id int, status varchar, total decimal null)")
        .WithMySqlEnum("orders.status", "pending", "paid", "shipped")
        .WithRoutine("order_total")
        .WithRoutine("archive_orders", "procedure"));

    private static readonly string Lite = TestSnapshots.SqliteJson("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, status TEXT, total NUMERIC);
        """);

    private const string NpgsqlUsings = "using Dapper;\nusing Npgsql;\n";
    private const string MySqlUsings = "using Dapper;\nusing MySqlConnector;\n";
    private const string SqliteUsings = "using Dapper;\nusing Microsoft.Data.Sqlite;\n";

    // ------------------------------------------------------------ DBDRIFT101 / 201 / 401 per dialect

    [Test]
    public Task Postgres_folds_unquoted_names_and_matches_quoted_ones_exactly() => Verify.VerifyAsync(NpgsqlUsings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Query("SELECT ID, Email FROM Users");
                c.Query("SELECT \"Id\", \"OwnerName\" FROM \"Accounts\"");
                c.Query("SELECT {|DBDRIFT401:\"Email\"|} FROM users");
                c.Query("SELECT {|DBDRIFT401:OwnerName|} FROM \"Accounts\"");
                c.Query("SELECT * FROM {|DBDRIFT401:Accounts|}");
                c.Query("SELECT id, kind FROM audit.events");
                c.Query("SELECT id FROM audit.{|DBDRIFT101:missing|}");
                c.Query("SELECT id FROM other_schema.anything");
            }
        }
        """, Pg);

    [Test]
    public Task Postgres_columns_resolve_across_joins_ctes_and_derived_tables() => Verify.VerifyAsync(NpgsqlUsings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Query("SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id");
                c.Query("SELECT o.{|DBDRIFT201:email|} FROM orders o JOIN users u ON u.id = o.user_id");
                c.Query("WITH t AS (SELECT id AS k FROM users) SELECT k FROM t");
                c.Query("WITH t AS (SELECT id AS k FROM users) SELECT {|DBDRIFT201:id|} FROM t");
                c.Query("SELECT d.n FROM (SELECT count(*) AS n FROM orders) d");
                c.Query("SELECT d.{|DBDRIFT201:total|} FROM (SELECT count(*) AS n FROM orders) d");
                c.Query("SELECT email AS e FROM users ORDER BY e");
                c.Query("SELECT email AS e FROM users WHERE {|DBDRIFT201:e|} = 'x'");
                c.Query("SELECT {|DBDRIFT201:x.id|} FROM users u");
            }
        }
        """, Pg);

    [Test]
    public Task MySql_quotes_with_backticks_and_compares_columns_case_insensitively() => Verify.VerifyAsync(MySqlUsings + """
        class C
        {
            void M(MySqlConnection c)
            {
                c.Query("SELECT `Email`, ID FROM `users` WHERE `display_name` IS NULL");
                c.Query("SELECT \"email\" FROM users"); // a string on MySQL
                c.Query("SELECT {|DBDRIFT201:`nickname`|} FROM users # comment");
                c.Query("SELECT id FROM {|DBDRIFT101:customers|}");
                c.Query("SELECT id FROM other_db.customers");
                c.Query("INSERT INTO users (email) VALUES ('a') ON DUPLICATE KEY UPDATE {|DBDRIFT401:displayname|} = VALUES(email)");
            }
        }
        """, My);

    [Test]
    public Task Sqlite_lets_where_use_select_aliases_and_reads_unknown_double_quoted_names_as_strings() => Verify.VerifyAsync(SqliteUsings + """
        class C
        {
            void M(SqliteConnection c)
            {
                c.Query("SELECT email AS e FROM users WHERE e LIKE 'a%'");
                c.Query("SELECT \"nickname\" FROM users");
                c.Query("SELECT [email], `id`, rowid FROM users");
                c.Query("SELECT {|DBDRIFT201:[nickname]|} FROM users");
                c.Query("SELECT id FROM users; SELECT {|DBDRIFT201:nope|} FROM orders");
            }
        }
        """, Lite);

    // ------------------------------------------------------------ DBDRIFT701

    [Test]
    public Task Unknown_functions_are_reported_built_ins_and_snapshot_routines_are_not() => Verify.VerifyAsync(NpgsqlUsings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Query("SELECT lower(email), coalesce(display_name, email), now(), gen_random_uuid(), order_total(id) FROM users");
                c.Query("SELECT {|DBDRIFT701:calc_tax|}(total) FROM orders");
                c.Query("SELECT {|DBDRIFT701:order_totl|}(id) FROM orders");
                c.Query("SELECT audit.log_event(1), log_event(2)");
                c.Query("SELECT audit.{|DBDRIFT701:log_events|}(1)");
                c.Query("SELECT ext.anything(1)"); // a schema the snapshot does not know: not judged
                c.Query("SELECT {|DBDRIFT701:\"Lower\"|}(email) FROM users");
                c.Query("SELECT * FROM generate_series(1, 3) AS g(n)");
                c.Query("SELECT * FROM {|DBDRIFT701:user_orders|}(1)");
                c.Execute("CALL archive_orders(30)");
                c.Execute("CALL {|DBDRIFT701:archive_order|}(30)");
                c.Query("SELECT order_status 'paid', count(*) FILTER (WHERE total > 1) FROM orders");
            }
        }
        """, Pg);

    [Test]
    public Task MySql_built_ins_are_case_insensitive() => Verify.VerifyAsync(MySqlUsings + """
        class C
        {
            void M(MySqlConnection c)
            {
                c.Query("SELECT IFNULL(display_name, email), CONCAT_WS(',', id, email), DATE_FORMAT(NOW(), '%Y'), ORDER_TOTAL(id) FROM users");
                c.Query("SELECT {|DBDRIFT701:CALC_TAX|}(total) FROM orders");
                c.Execute("CALL archive_orders(1)");
                c.Execute("CALL {|DBDRIFT701:archive|}(1)");
            }
        }
        """, My);

    [Test]
    public Task Sqlite_functions_are_checked_against_the_engine_list() => Verify.VerifyAsync(SqliteUsings + """
        class C
        {
            void M(SqliteConnection c)
            {
                c.Query("SELECT ifnull(display_name, email), printf('%d', id), json_extract('{}', '$.a'), iif(id > 1, 1, 0) FROM users");
                c.Query("SELECT {|DBDRIFT701:order_total|}(id) FROM orders");
                c.Query("SELECT key, value FROM json_each('[1]')");
            }
        }
        """, Lite);

    // ------------------------------------------------------------ DBDRIFT801

    [Test]
    public Task Postgres_enum_literals_must_be_labels() => Verify.VerifyAsync(NpgsqlUsings + """
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Query("SELECT id FROM orders WHERE status = 'paid' OR status IN ('pending', 'shipped')");
                c.Query("SELECT id FROM orders WHERE status = {|DBDRIFT801:'delivered'|}");
                c.Query("SELECT id FROM orders o WHERE {|DBDRIFT801:'Paid'|} = o.status");
                c.Query("SELECT id FROM orders WHERE status IN ('paid', {|DBDRIFT801:'refunded'|})");
                c.Execute("UPDATE orders SET status = {|DBDRIFT801:'sent'|} WHERE id = 1");
                c.Execute("INSERT INTO orders (user_id, status) VALUES (1, {|DBDRIFT801:'payed'|})");
                c.Execute("INSERT INTO orders VALUES (1, 1, {|DBDRIFT801:'open'|}, 0)");
                c.Execute("INSERT INTO orders (user_id, status) VALUES (1, 'paid') ON CONFLICT (id) DO UPDATE SET status = {|DBDRIFT801:'done'|}");
                c.Query("SELECT id FROM users WHERE status = 'anything'"); // a text column
                c.Query("SELECT id FROM orders WHERE status::text = 'anything'");
                c.Query("SELECT id FROM orders WHERE status = @status");
            }
        }
        """, Pg);

    [Test]
    public Task MySql_enum_literals_compare_case_insensitively() => Verify.VerifyAsync(MySqlUsings + """
        class C
        {
            void M(MySqlConnection c)
            {
                c.Query("SELECT id FROM orders WHERE status = 'PAID' OR status = ''");
                c.Query("SELECT id FROM orders WHERE status = {|DBDRIFT801:'delivered'|}");
                c.Execute("UPDATE orders SET status = {|DBDRIFT801:'sent'|} WHERE id = 1");
                c.Execute("INSERT INTO orders SET user_id = 1, status = {|DBDRIFT801:'open'|}");
            }
        }
        """, My);

    // ------------------------------------------------------------ properties for code fixes

    [Test]
    public async Task Diagnostics_carry_the_data_code_fixes_need()
    {
        const string source = """
            using Dapper;
            using Npgsql;
            class C
            {
                void M(NpgsqlConnection c)
                {
                    c.Query("SELECT id, nickname, email FROM users");
                    c.Execute("INSERT INTO users (email, nickname) VALUES ('a', 'b')");
                    c.Execute("UPDATE users SET email = 'a', nickname = 'b' WHERE id = 1");
                    c.Query("SELECT id FROM orders WHERE status = 'delivered'");
                }
            }
            """;
        var diagnostics = await RunAsync(source, Pg);
        var text = source;

        var select = diagnostics.Single(d => d.Location.GetLineSpan().StartLinePosition.Line == 6);
        Assert.That(select.Id, Is.EqualTo(DiagnosticIds.UnknownColumn));
        Assert.That(select.Properties[PropertyKeys.Kind], Is.EqualTo("column"));
        Assert.That(select.Properties[PropertyKeys.Name], Is.EqualTo("nickname"));
        Assert.That(select.Properties[PropertyKeys.Table], Is.EqualTo("users"));
        Assert.That(select.Properties[PropertyKeys.Dialect], Is.EqualTo("postgres"));
        Assert.That(select.Properties[PropertyKeys.Clause], Is.EqualTo("SelectList"));
        Assert.That(select.Properties[PropertyKeys.Api], Is.EqualTo("Dapper"));
        Assert.That(Cut(text, select.Properties[PropertyKeys.RemoveSpan]!), Is.EqualTo("nickname, "));

        var insert = diagnostics.Single(d => d.Location.GetLineSpan().StartLinePosition.Line == 7);
        Assert.That(insert.Properties[PropertyKeys.Clause], Is.EqualTo("InsertColumns"));
        Assert.That(Cut(text, insert.Properties[PropertyKeys.RemoveSpan]!), Is.EqualTo(", nickname"));
        Assert.That(Cut(text, insert.Properties[PropertyKeys.PairedRemoveSpan]!), Is.EqualTo(", 'b'"));

        var update = diagnostics.Single(d => d.Location.GetLineSpan().StartLinePosition.Line == 8);
        Assert.That(update.Properties[PropertyKeys.Clause], Is.EqualTo("SetTarget"));
        Assert.That(Cut(text, update.Properties[PropertyKeys.RemoveSpan]!), Is.EqualTo(", nickname = 'b'"));

        var label = diagnostics.Single(d => d.Id == DiagnosticIds.InvalidEnumValue);
        Assert.That(label.Properties[PropertyKeys.Column], Is.EqualTo("status"));
        Assert.That(label.Properties[PropertyKeys.Detail], Is.EqualTo("public.order_status"));
        Assert.That(label.Properties[PropertyKeys.LabelCount], Is.EqualTo("3"));
        Assert.That(label.Properties[PropertyKeys.LabelPrefix + "1"], Is.EqualTo("paid"));
        Assert.That(label.Properties[PropertyKeys.Clause], Is.EqualTo("Where"));
    }

    private static string Cut(string text, string span)
    {
        var parts = span.Split(',');
        return text.Substring(int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static async Task<IReadOnlyList<Diagnostic>> RunAsync(string source, string snapshot)
    {
        var tree = CSharpSyntaxTree.ParseText(source, path: "Test0.cs");
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create("T", [tree], references.AddRange(TestReferences.DataAccess),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions([new InMemoryAdditionalText("schema.snapshot.json", snapshot)]);
        var diagnostics = await compilation.WithAnalyzers([new SqlDriftAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        return diagnostics;
    }
}
