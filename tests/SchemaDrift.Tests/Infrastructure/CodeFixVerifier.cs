using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SchemaDrift.Tests.Infrastructure;

/// <summary>Code fix tests: markup before, expected source after, the snapshot as an AdditionalFile.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, string snapshotJson, int? actionIndex = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Net80,
            CodeActionIndex = actionIndex,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.DataAccess);
        test.TestState.AdditionalFiles.Add(("schema.snapshot.json", snapshotJson));
        test.FixedState.AdditionalFiles.Add(("schema.snapshot.json", snapshotJson));
        return test;
    }

    public static Task VerifyAsync(string source, string fixedSource, string snapshotJson, int? actionIndex = null) =>
        Create(source, fixedSource, snapshotJson, actionIndex).RunAsync(CancellationToken.None);
}
