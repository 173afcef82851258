using System.Collections.Immutable;
using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// Loads the analyzer assemblies from the packed .nupkg into this test process, which
/// runs Roslyn 4.8 (the compiler Visual Studio 2022 17.8 hosts), the way an IDE loads
/// them: proof that they load there (no CS8032) and run without AD0001.
/// </summary>
[Category("EndToEnd")]
public class RoslynHostTests
{
    [Test]
    public async Task Packed_analyzers_load_and_run_on_Roslyn_4_8()
    {
        Assert.That(typeof(Compilation).Assembly.GetName().Version, Is.EqualTo(new Version(4, 8, 0, 0)), "this test must run on Roslyn 4.8");

        var folder = Path.Combine(Path.GetTempPath(), "schemadrift-roslyn48-" + Guid.NewGuid().ToString("N")[..8]);
        using (var zip = ZipFile.OpenRead(TestPackage.File))
        {
            foreach (var e in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)))
            {
                Directory.CreateDirectory(folder);
                e.ExtractToFile(Path.Combine(folder, e.Name));
            }
        }

        var loadErrors = new List<string>();
        var analyzers = new List<DiagnosticAnalyzer>();
        foreach (var dll in Directory.GetFiles(folder, "*.dll"))
        {
            var reference = new AnalyzerFileReference(dll, new FolderLoader());
            reference.AnalyzerLoadFailed += (_, e) => loadErrors.Add(e.Message);
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }
        Assert.That(loadErrors, Is.Empty);
        Assert.That(analyzers.Select(a => a.GetType().Name), Does.Contain("SqlDriftAnalyzer"));

        var source = """
            using Dapper;
            class C { void M(System.Data.IDbConnection c) => c.Execute("DELETE FROM users WHERE nickname = 'x'"); }
            """;
        var references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(TestReferences.DataAccess);
        var compilation = CSharpCompilation.Create("consumer", new[] { CSharpSyntaxTree.ParseText(source) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var snapshot = new InMemoryAdditionalText("schema.snapshot.json", TestSnapshots.SqliteJson("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);"));
        var diagnostics = await compilation.WithAnalyzers(analyzers.ToImmutableArray(),
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(snapshot))).GetAllDiagnosticsAsync();

        Assert.That(diagnostics.Where(d => d.Id is "AD0001" or "CS8032"), Is.Empty, string.Join("\n", diagnostics));
        Assert.That(diagnostics.Where(d => d.Id.StartsWith("DBDRIFT", StringComparison.Ordinal)).Select(d => d.Id), Is.EqualTo(new[] { "DBDRIFT201" }));
    }

    /// <summary>Loads analyzer dependencies from the analyzer's own folder, as the compiler does.</summary>
    private sealed class FolderLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
