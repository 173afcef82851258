using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EfCore;

/// <summary>Markup tests ({|DBDRIFT501:Name|}) for code that uses EF Core, compiled against the real EF Core 8 assemblies.</summary>
internal static class EfVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public const string Usings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        """;

    public static async Task VerifyAsync(string source, string snapshotJson, params DiagnosticResult[] expected)
    {
        var test = Create(source, snapshotJson);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static async Task VerifyAsync(string[] sources, string snapshotJson, params DiagnosticResult[] expected)
    {
        var test = Create(sources[0], snapshotJson);
        for (var i = 1; i < sources.Length; i++) test.TestState.Sources.Add(("File" + i + ".cs", sources[i]));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string source, string snapshotJson)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Net80,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.DataAccess);
        test.TestState.AdditionalReferences.AddRange(EfTestCompilation.EfReferences);
        test.TestState.AdditionalFiles.Add(("schema.snapshot.json", snapshotJson));
        return test;
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);
}
