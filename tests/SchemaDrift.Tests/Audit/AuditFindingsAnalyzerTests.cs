using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Core.Audit;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Audit.AuditFindingsAnalyzer>;

namespace SchemaDrift.Tests.Audit;

/// <summary>
/// Audit findings become diagnostics with their own IDs, on their line of the audit file, and
/// .editorconfig severities apply to them although they have no C# location.
/// </summary>
public class AuditFindingsAnalyzerTests
{
    private const string Path = "obj/schemadrift/audit.json";
    private const string Source = "class C { }";

    private static string AuditJson()
    {
        var result = new AuditResult { Provider = "postgres", Database = "app", Live = true, CreatedAtUtc = "2026-01-01T00:00:00Z" };
        result.Findings.Add(AuditFinding.OnTable(AuditRules.MissingPrimaryKey, "public", "audit_log", "Table has no primary key.", "Add one."));
        result.Findings.Add(AuditFinding.OnColumn(AuditRules.UnindexedForeignKey, "public", "comments", "user_id", "No index.", "Index it."));
        result.Skipped.Add(new AuditSkip("DBIDX005", "no statistics"));
        return AuditFile.Write(result);
    }

    /// <summary>The 1-based line of a finding in the file, as the analyzer reports it.</summary>
    private static int LineOf(string json, string id) =>
        json.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("\"id\": \"" + id + "\"", StringComparison.Ordinal)).i + 1;

    private static DiagnosticResult At(string json, string id, DiagnosticSeverity severity)
    {
        var line = LineOf(json, id);
        var length = json.Split('\n')[line - 1].Length;
        return new DiagnosticResult(id, severity).WithSpan(Path, line, 1, line, length + 1);
    }

    private static async Task RunAsync(string? editorconfig, string json, params DiagnosticResult[] expected)
    {
        var test = Verify.Create(Source, null);
        test.TestState.AdditionalFiles.Add((Path, json));
        if (editorconfig != null) test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorconfig));
        test.ExpectedDiagnostics.AddRange(expected);
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        await test.RunAsync(CancellationToken.None);
    }

    [Test]
    public Task Each_finding_is_a_diagnostic_on_its_line_with_the_default_severity()
    {
        var json = AuditJson();
        return RunAsync(null, json,
            At(json, "DBSCHEMA001", DiagnosticSeverity.Warning).WithMessage("public.audit_log: Table has no primary key. Add one."),
            At(json, "DBIDX001", DiagnosticSeverity.Info).WithMessage("public.comments.user_id: No index. Index it."));
    }

    [Test]
    public Task Editorconfig_for_the_csharp_files_sets_the_severity()
    {
        var json = AuditJson();
        return RunAsync("root = true\n[*.cs]\ndotnet_diagnostic.DBSCHEMA001.severity = error\ndotnet_diagnostic.DBIDX001.severity = warning\n", json,
            At(json, "DBSCHEMA001", DiagnosticSeverity.Error),
            At(json, "DBIDX001", DiagnosticSeverity.Warning));
    }

    [Test]
    public Task Editorconfig_none_suppresses_a_finding()
    {
        var json = AuditJson();
        return RunAsync("root = true\n[*.cs]\ndotnet_diagnostic.DBSCHEMA001.severity = none\n", json,
            At(json, "DBIDX001", DiagnosticSeverity.Info));
    }

    [Test]
    public Task Editorconfig_category_severity_applies()
    {
        var json = AuditJson();
        return RunAsync("root = true\n[*.cs]\ndotnet_analyzer_diagnostic.category-SchemaDrift.Audit.severity = none\n", json);
    }

    [Test]
    public Task Unknown_ids_and_files_of_a_newer_format_are_ignored()
    {
        var json = AuditJson().Replace("\"DBIDX001\"", "\"DBNOPE999\"");
        var newer = AuditJson().Replace("\"formatVersion\": 1", "\"formatVersion\": 99");
        return Task.WhenAll(
            RunAsync(null, json, At(json, "DBSCHEMA001", DiagnosticSeverity.Warning)),
            RunAsync(null, newer));
    }

    [Test]
    public void The_audit_file_round_trips_with_line_numbers()
    {
        var json = AuditJson();
        var entries = AuditFile.ReadFindings(json, out var problem);
        Assert.That(problem, Is.Null);
        Assert.That(entries.Select(e => e.Id), Is.EqualTo(new[] { "DBSCHEMA001", "DBIDX001" }));
        Assert.That(entries[0].Line + 1, Is.EqualTo(LineOf(json, "DBSCHEMA001")));
        Assert.That(entries[1].Object, Is.EqualTo("public.comments.user_id"));
        Assert.That(json, Does.Contain("\"findingId\": \"DB-SCHEMA-001\""));
        Assert.That(AuditFile.ReadHeader(json, out _)!.GetString("database"), Is.EqualTo("app"));
    }
}
