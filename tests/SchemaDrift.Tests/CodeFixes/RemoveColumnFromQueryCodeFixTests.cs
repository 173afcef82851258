using Verify = SchemaDrift.Tests.Infrastructure.CodeFixVerifier<SchemaDrift.Analyzers.Analyzers.SqlDriftAnalyzer, SchemaDrift.CodeFixes.Fixes.RemoveColumnFromQueryCodeFix>;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.CodeFixes;

/// <summary>"Remove '&lt;column&gt;' from the query" leaves valid SQL, and afterwards the analyzer reports nothing there.</summary>
public class RemoveColumnFromQueryCodeFixTests
{
    private static readonly string Schema = TestSnapshots.SqliteJson("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, display_name TEXT);");

    private const string Head = "using Dapper;\nusing Microsoft.Data.Sqlite;\nclass C\n{\n    void M(SqliteConnection c)\n    {\n";
    private const string Tail = "\n    }\n}\n";

    [TestCase("SELECT id, {|DBDRIFT201:shoe_size|}, email FROM users", "SELECT id, email FROM users")]
    [TestCase("SELECT {|DBDRIFT201:shoe_size|}, email FROM users", "SELECT email FROM users")]
    [TestCase("SELECT id, {|DBDRIFT201:shoe_size|} FROM users", "SELECT id FROM users")]
    [TestCase("UPDATE users SET email = @e, {|DBDRIFT201:shoe_size|} = 42 WHERE id = @id", "UPDATE users SET email = @e WHERE id = @id")]
    [TestCase("INSERT INTO users (email, {|DBDRIFT201:shoe_size|}, display_name) VALUES (@e, 42, @d)", "INSERT INTO users (email, display_name) VALUES (@e, @d)")]
    public Task Removes_the_column_and_keeps_valid_sql(string before, string after) => Verify.VerifyAsync(
        Head + "        c.Execute(\"" + before + "\");" + Tail,
        Head + "        c.Execute(\"" + after + "\");" + Tail,
        Schema);

    [Test]
    public Task Works_in_verbatim_and_raw_multi_line_strings() => Verify.VerifyAsync(
        Head + "        c.Query(@\"SELECT id,\n                         {|DBDRIFT201:shoe_size|},\n                         email\n                  FROM users\");\n        c.Query(\"\"\"\n            SELECT id, {|DBDRIFT201:hat_size|}\n            FROM users\n            \"\"\");" + Tail,
        Head + "        c.Query(@\"SELECT id,\n                         email\n                  FROM users\");\n        c.Query(\"\"\"\n            SELECT id\n            FROM users\n            \"\"\");" + Tail,
        Schema);

    [Test]
    public async Task Fix_all_removes_every_missing_column()
    {
        var test = Verify.Create(
            Head + "        c.Query(\"SELECT {|DBDRIFT201:shoe_size|}, id, {|DBDRIFT201:hat_size|}, email FROM users\");\n        c.Execute(\"UPDATE users SET {|DBDRIFT201:hat_size|} = 1, email = @e\");" + Tail,
            Head + "        c.Query(\"SELECT id, email FROM users\");\n        c.Execute(\"UPDATE users SET email = @e\");" + Tail,
            Schema);
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync(CancellationToken.None);
    }

    [Test]
    public Task Not_offered_where_removal_would_change_the_meaning() => Verify.VerifyAsync(
        Head + "        c.Query(\"SELECT id FROM users WHERE {|DBDRIFT201:shoe_size|} > 3\");" + Tail,
        Head + "        c.Query(\"SELECT id FROM users WHERE {|DBDRIFT201:shoe_size|} > 3\");" + Tail,
        Schema);
}
