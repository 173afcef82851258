using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EfCore;

/// <summary>
/// Compiles user code against .NET 8 reference assemblies plus the real EF Core 8 assemblies
/// (EF Core, Relational, SQLite, Npgsql, Pomelo) and runs an analyzer with a snapshot, the
/// way the build does. Used by the markup tests (through <see cref="EfVerifier{TAnalyzer}"/>)
/// and by the database tests.
/// </summary>
internal static class EfTestCompilation
{
    /// <summary>The EF Core assemblies (and what their public API exposes) from the test's own output.</summary>
    public static readonly ImmutableArray<MetadataReference> EfReferences = BuildEfReferences();

    private static ImmutableArray<MetadataReference> BuildEfReferences()
    {
        var anchors = new[]
        {
            typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly,
            typeof(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions).Assembly,
            typeof(Microsoft.EntityFrameworkCore.SqliteDbContextOptionsBuilderExtensions).Assembly,
            typeof(Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions).Assembly,
            typeof(Microsoft.EntityFrameworkCore.MySqlDbContextOptionsBuilderExtensions).Assembly,
            typeof(Microsoft.EntityFrameworkCore.KeylessAttribute).Assembly,
        };
        var dir = Path.GetDirectoryName(anchors[0].Location)!;
        var files = anchors.Select(a => a.Location)
            .Concat(Directory.GetFiles(dir, "Microsoft.Extensions.*.dll"))
            .Distinct()
            .ToList();
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference>? _net80;

    public static async Task<ImmutableArray<MetadataReference>> AllReferencesAsync()
    {
        _net80 ??= await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return _net80.Value.AddRange(EfReferences).AddRange(TestReferences.DataAccess.Select(Net80Build));
    }

    /// <summary>
    /// The test runs on .NET 10 and so loads the newest build of a library (MySqlConnector's net9.0),
    /// which references System.Data.Common 9 (CS1705 against .NET 8 reference assemblies): use the
    /// package's net8.0 build for compilations instead, as a .NET 8 application would.
    /// </summary>
    private static MetadataReference Net80Build(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference pe || pe.FilePath == null) return reference;
        var assembly = typeof(MySqlConnector.MySqlConnection).Assembly;
        if (!string.Equals(Path.GetFileName(pe.FilePath), Path.GetFileName(assembly.Location), StringComparison.OrdinalIgnoreCase)) return reference;
        var version = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0];
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var net8 = Path.Combine(root, "mysqlconnector", version ?? "", "lib", "net8.0", "MySqlConnector.dll");
        return File.Exists(net8) ? MetadataReference.CreateFromFile(net8) : reference;
    }

    public static async Task<CSharpCompilation> CompileAsync(IEnumerable<(string Path, string Text)> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.CSharp12), s.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "UserCode",
            trees,
            await AllReferencesAsync(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) Assert.Fail("the test source does not compile:\n" + string.Join("\n", errors.Take(20)));
        return compilation;
    }

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(CSharpCompilation compilation, DiagnosticAnalyzer analyzer, string snapshotJson)
    {
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("schema.snapshot.json", snapshotJson)));
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        var crashes = all.Where(d => d.Id == "AD0001").ToList();
        if (crashes.Count > 0) Assert.Fail("the analyzer crashed: " + crashes[0].GetMessage());
        return all.Where(d => d.Id.StartsWith("DBDRIFT", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>"DBDRIFT501 ShopContext.Tags": the ID and the symbol whose declaration the diagnostic sits on.</summary>
    public static string Describe(Diagnostic d, Compilation compilation)
    {
        var tree = d.Location.SourceTree!;
        var model = compilation.GetSemanticModel(tree);
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        ISymbol? symbol = null;
        for (var n = node; n != null && symbol == null; n = n.Parent)
        {
            symbol = model.GetDeclaredSymbol(n);
        }
        var name = symbol switch
        {
            INamedTypeSymbol t => t.Name,
            null => "?",
            _ => symbol.ContainingType.Name + "." + symbol.Name,
        };
        return d.Id + " " + name;
    }
}
