using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Analyzers;

/// <summary>
/// What the IDE asks on a keystroke: the analyzers' diagnostics for one document. Only
/// diagnostics the compiler files as "local" to that document come back; a finding filed as
/// non-local would be missing from the editor until a full build, and its code fix with it.
/// A squiggle on a local or const declared earlier in the member must be local too.
/// </summary>
public class LocalDiagnosticsTests
{
    private const string Source = """
        using Dapper;
        using Microsoft.Data.Sqlite;
        class C
        {
            void M(SqliteConnection c)
            {
                var sql = "SELECT missing FROM users";
                const string Delete = "DELETE FROM accounts";
                c.Query(sql);
                c.Execute(Delete);
                c.Query("SELECT nope FROM users");
                System.Func<int> later = () => c.Execute("UPDATE users SET gone = 1");
            }
        }
        """;

    [Test]
    public async Task Findings_anywhere_in_the_member_are_local_to_the_document()
    {
        var compilation = TestCompilations.Create("Local", Source);
        var tree = compilation.SyntaxTrees.Single();

        var snapshot = TestSnapshots.SqliteJson("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);");
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("schema.snapshot.json", snapshot)));
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SqlDriftAnalyzer()), options);

        var local = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None);
        var found = local.Select(d => d.Id + ":" + tree.GetText().ToString(d.Location.SourceSpan)).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.That(found, Is.EqualTo(new[] { "DBDRIFT101:accounts", "DBDRIFT201:gone", "DBDRIFT201:missing", "DBDRIFT201:nope" }));
    }
}
