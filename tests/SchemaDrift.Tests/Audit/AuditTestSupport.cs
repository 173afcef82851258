using SchemaDrift.Core.Audit;

namespace SchemaDrift.Tests.Audit;

/// <summary>Compares an audit result with the expected "ID object" lines and prints what the run cost.</summary>
internal static class AuditTestSupport
{
    public static List<string> Lines(IEnumerable<AuditFinding> findings) =>
        findings.Select(f => f.Id + " " + f.Object).OrderBy(s => s, StringComparer.Ordinal).ToList();

    public static void AssertFindings(AuditResult result, params string[] expected)
    {
        var actual = Lines(result.Findings);
        var details = string.Join("\n", result.Findings.Select(f => "  " + f.Id + " " + f.Object + " — " + f.Finding));
        var skipped = string.Join("\n", result.Skipped.Select(s => "  skipped " + s.Ids + ": " + s.Reason));
        Assert.That(actual, Is.EqualTo(expected.OrderBy(s => s, StringComparer.Ordinal).ToList()), "findings:\n" + details + "\n" + skipped);
    }

    public static void Report(string what, AuditResult result)
    {
        TestContext.Progress.WriteLine(what + ": " + result.Findings.Count + " findings, " + result.Queries + " queries in " + result.ElapsedMilliseconds + " ms");
        // SCHEMADRIFT_AUDIT_PRINT=1 shows the tables a user would see.
        if (Environment.GetEnvironmentVariable("SCHEMADRIFT_AUDIT_PRINT") == "1") TestContext.Progress.WriteLine(AuditMarkdown.Tables(result));
    }

    /// <summary>Thresholds small enough that a test database can cross them in seconds.</summary>
    public static AuditOptions SmallThresholds() => new()
    {
        LargeTableRows = 5000,
        SeqScanMinRows = 2000,
    };
}
