using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Analyzers.SnapshotNoticeAnalyzer>;

namespace SchemaDrift.Tests.Analyzers;

public class SnapshotNoticeAnalyzerTests
{
    private const string Source = "class C { }";

    [TestCase("", "empty")]
    [TestCase("{ \"format\": \"schemadrift-snapshot\", \"formatVersion\": 1, \"provider\": \"sqlite\", \"tables\": [", "not valid JSON")]
    [TestCase("{ \"format\": \"schemadrift-snapshot\", \"formatVersion\": 99, \"provider\": \"sqlite\" }", "newer than this SchemaDrift reads")]
    [TestCase("{ \"formatVersion\": 1 }", "not a SchemaDrift snapshot")]
    [TestCase("[1, 2, 3]", "not a SchemaDrift snapshot")]
    public async Task Unusable_snapshot_gives_one_notice_that_says_why(string json, string reason)
    {
        var diagnostics = await RunAsync(json);
        Assert.That(diagnostics, Has.Length.EqualTo(1));
        Assert.That(diagnostics[0].GetMessage(), Does.Contain(reason));
        Assert.That(diagnostics[0].GetMessage(), Does.Contain("SchemaDriftSnapshot").Or.Contain("Update the SchemaDrift package"));
    }

    [Test]
    public Task Good_snapshot_gives_no_notice() => Verify.VerifyAsync(Source, TestSnapshots.SqliteJson("CREATE TABLE t (id INTEGER);"));

    [Test]
    public Task Unusable_snapshot_silences_the_sql_rules() =>
        AnalyzerVerifier<SqlDriftAnalyzer>.VerifyAsync("""
            using Dapper;
            class C { void M(System.Data.IDbConnection c) => c.Query("SELECT nope FROM nothing"); }
            """, "{ broken", "schema.snapshot.json");

    private static async Task<Diagnostic[]> RunAsync(string json)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("t",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Source) },
            options: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(
            System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("schema.snapshot.json", json)));
        var withAnalyzers = compilation.WithAnalyzers(
            System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new SnapshotNoticeAnalyzer()), options);
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        return all.Where(d => d.Id.StartsWith("DBDRIFT", StringComparison.Ordinal) || d.Id == "AD0001").ToArray();
    }
}
