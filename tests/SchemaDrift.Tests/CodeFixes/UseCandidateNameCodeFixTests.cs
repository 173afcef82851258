using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.CodeFixes.Fixes;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.CodeFixVerifier<SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer, SchemaDrift.CodeFixes.Fixes.UseCandidateNameCodeFix>;

namespace SchemaDrift.Tests.CodeFixes;

public class UseCandidateNameCodeFixTests
{
    private static readonly string Sqlite = TestSnapshots.SqliteJson("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT, email TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER);
        """);

    private static readonly string Postgres = TestSnapshots.Json(TestSnapshots.Build(SqlProviders.Postgres, "public",
        "users(id int, display_name text, \"Email Address\" text)"));

    private const string Head = "using Dapper;\nusing Microsoft.Data.Sqlite;\nclass C\n{\n    void M(SqliteConnection c)\n    {\n";
    private const string Tail = "\n    }\n}\n";

    [Test]
    public Task Replaces_the_column_inside_a_regular_string() => Verify.VerifyAsync(
        Head + """        c.Query("SELECT {|DBDRIFT401:displayName|} FROM users");""" + Tail,
        Head + """        c.Query("SELECT display_name FROM users");""" + Tail,
        Sqlite);

    [Test]
    public Task Replaces_a_table_name() => Verify.VerifyAsync(
        Head + """        c.Query("SELECT id FROM {|DBDRIFT401:order|}s2");""".Replace("{|DBDRIFT401:order|}s2", "{|DBDRIFT401:orderz|}") + Tail,
        Head + """        c.Query("SELECT id FROM orders");""" + Tail,
        Sqlite);

    [Test]
    public Task Keeps_verbatim_strings_and_their_quote_escaping() => Verify.VerifyAsync(
        Head + "        c.Query(@\"SELECT {|DBDRIFT401:\"\"displayName\"\"|}\n                  FROM users\");" + Tail,
        Head + "        c.Query(@\"SELECT \"\"display_name\"\"\n                  FROM users\");" + Tail,
        Postgres); // on SQLite an unknown "name" is a string literal, so PostgreSQL shows the quoting

    [Test]
    public Task Works_in_multi_line_raw_strings() => Verify.VerifyAsync(
        Head + "        c.Query(\"\"\"\n            SELECT id,\n                   {|DBDRIFT401:display_nam|}\n            FROM users\n            \"\"\");" + Tail,
        Head + "        c.Query(\"\"\"\n            SELECT id,\n                   display_name\n            FROM users\n            \"\"\");" + Tail,
        Sqlite);

    [Test]
    public Task Quotes_a_postgres_name_that_needs_quotes_and_escapes_it_for_the_literal() => Verify.VerifyAsync(
        Head + """        c.Query("SELECT {|DBDRIFT401:email_address|} FROM users");""" + Tail,
        Head + """        c.Query("SELECT \"Email Address\" FROM users");""" + Tail,
        Postgres);

    [Test]
    public async Task Fix_all_in_document_takes_the_closest_candidate_everywhere()
    {
        var test = Verify.Create(
            Head + """
                    c.Query("SELECT {|DBDRIFT401:displayName|} FROM users");
                    c.Query("SELECT id, {|DBDRIFT401:emial|} FROM users WHERE {|DBDRIFT401:displayname|} = 'x'");
            """ + Tail,
            Head + """
                    c.Query("SELECT display_name FROM users");
                    c.Query("SELECT id, email FROM users WHERE display_name = 'x'");
            """ + Tail,
            Sqlite);
        test.NumberOfFixAllIterations = 1;
        test.CodeActionEquivalenceKey = UseCandidateNameCodeFix.EquivalenceKeyPrefix + "0";
        await test.RunAsync(CancellationToken.None);
    }

    [Test]
    public Task A_const_local_is_fixed_where_it_is_declared() => Verify.VerifyAsync(
        Head + "        const string Sql = \"SELECT {|DBDRIFT401:displayName|} FROM users\";\n        c.Query(Sql);" + Tail,
        Head + "        const string Sql = \"SELECT display_name FROM users\";\n        c.Query(Sql);" + Tail,
        Sqlite);

    [Test]
    public Task No_fix_is_offered_when_the_sql_comes_from_a_const_field_elsewhere() => Verify.VerifyAsync(
        "using Dapper;\nusing Microsoft.Data.Sqlite;\nclass C\n{\n    const string Sql = \"SELECT displayName FROM users\";\n    void M(SqliteConnection c) => c.Query({|DBDRIFT401:Sql|});\n}\n",
        "using Dapper;\nusing Microsoft.Data.Sqlite;\nclass C\n{\n    const string Sql = \"SELECT displayName FROM users\";\n    void M(SqliteConnection c) => c.Query({|DBDRIFT401:Sql|});\n}\n",
        Sqlite);
}
