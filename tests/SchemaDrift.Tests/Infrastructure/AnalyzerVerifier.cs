using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SchemaDrift.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer over test source with markup ({|DBDRIFT201:name|}) and a snapshot
/// supplied as an AdditionalFile, the way the build supplies it, against .NET 8
/// reference assemblies plus Dapper, EF Core (relational) and the ADO.NET providers.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, string snapshotJson, params DiagnosticResult[] expected) =>
        VerifyAsync(source, snapshotJson, "schema.snapshot.json", expected);

    public static async Task VerifyAsync(string source, string? snapshotJson, string snapshotPath, params DiagnosticResult[] expected)
    {
        var test = Create(source, snapshotJson, snapshotPath);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string source, string? snapshotJson, string snapshotPath = "schema.snapshot.json")
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Net80,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.DataAccess);
        if (snapshotJson != null) test.TestState.AdditionalFiles.Add((snapshotPath, snapshotJson));
        return test;
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);
}

internal static class TestReferences
{
    /// <summary>.NET 8 reference assemblies (restored once from NuGet by the testing library and cached).</summary>
    public static readonly ReferenceAssemblies Net80 = ReferenceAssemblies.Net.Net80;

    /// <summary>The data-access libraries user code calls (the test project's own copies).</summary>
    public static readonly ImmutableArray<MetadataReference> DataAccess = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Dapper.SqlMapper).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Data.Sqlite.SqliteCommand).Assembly.Location),
        MetadataReference.CreateFromFile(Net8Build(typeof(Npgsql.NpgsqlCommand).Assembly.Location)),
        MetadataReference.CreateFromFile(Net8Build(typeof(MySqlConnector.MySqlCommand).Assembly.Location)),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions).Assembly.Location));

    /// <summary>
    /// The package's net8.0 build from the NuGet cache: the copy in the test's output folder may be a
    /// newer target's build that references framework assemblies newer than .NET 8's.
    /// </summary>
    private static string Net8Build(string loaded)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
                   Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var name = Path.GetFileNameWithoutExtension(loaded);
        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(loaded).ProductVersion?.Split('+')[0];
        var net8 = Path.Combine(root, name.ToLowerInvariant(), version ?? "", "lib", "net8.0", name + ".dll");
        return File.Exists(net8) ? net8 : loaded;
    }
}
