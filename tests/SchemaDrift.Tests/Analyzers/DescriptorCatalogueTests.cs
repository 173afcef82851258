using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Tests.EndToEnd;

namespace SchemaDrift.Tests.Analyzers;

/// <summary>Every diagnostic ID has a rule page, a help link to it, and a release-tracking entry.</summary>
public class DescriptorCatalogueTests
{
    private static IEnumerable<DiagnosticDescriptor> Supported() =>
        typeof(Descriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Concat(Descriptors.All)
            .GroupBy(d => d.Id)
            .Select(g => g.First());

    public static IEnumerable<string> Ids() => Supported().Select(d => d.Id).OrderBy(i => i);

    [TestCaseSource(nameof(Ids))]
    public void Has_a_rule_page_a_help_link_and_a_release_entry(string id)
    {
        var descriptor = Supported().Single(d => d.Id == id);
        var page = Path.Combine(TestPackage.RepoRoot, "docs", "rules", id + ".md");
        Assert.That(File.Exists(page), "missing " + page);
        Assert.That(File.ReadAllText(page), Does.StartWith("# " + id + ":"));
        Assert.That(descriptor.HelpLinkUri, Does.EndWith("/docs/rules/" + id + ".md"));
        var releases = File.ReadAllText(Path.Combine(TestPackage.RepoRoot, "src", "Analyzers", "AnalyzerReleases.Unshipped.md")) +
                       File.ReadAllText(Path.Combine(TestPackage.RepoRoot, "src", "Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.That(releases, Does.Match(@"(?m)^" + id + @" \| " + descriptor.Category + @" \| " + descriptor.DefaultSeverity));
        Assert.That(descriptor.Title.ToString(), Is.Not.Empty);
        Assert.That(descriptor.Description.ToString(), Is.Not.Empty);
    }

    [Test]
    public void Every_catalogued_descriptor_is_reported_by_some_analyzer()
    {
        var reported = typeof(Descriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .ToHashSet();
        Assert.That(Descriptors.All.Select(d => d.Id).Where(id => !reported.Contains(id)), Is.Empty);
    }

    [Test]
    public void Every_audit_rule_of_the_seed_has_a_descriptor_with_its_catalogued_severity()
    {
        var known = Supported().ToDictionary(d => d.Id);
        foreach (var rule in SchemaDrift.Core.Audit.AuditRules.AllRules)
        {
            Assert.That(known.ContainsKey(rule.Id), "no analyzer supports " + rule.Id);
            var expected = rule.Severity == SchemaDrift.Core.Audit.AuditSeverity.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;
            Assert.That(known[rule.Id].DefaultSeverity, Is.EqualTo(expected), rule.Id);
            Assert.That(known[rule.Id].Category, Is.EqualTo(AuditDescriptors.Category), rule.Id);
            Assert.That(known[rule.Id].Title.ToString(), Is.EqualTo(rule.Title), rule.Id);
        }
        Assert.That(SchemaDrift.Core.Audit.AuditRules.AllRules, Has.Count.EqualTo(8 + 9 + 8 + 7 + 5 + 5), "the seed's audit tables");
    }

    [Test]
    public void Every_rule_page_belongs_to_a_known_id()
    {
        // The tool's migration codes (DBMIG, DBPUSH) have pages too, without a Roslyn descriptor.
        var known = Ids().Concat(SchemaDrift.Core.Migrations.MigrationCodes.All).ToHashSet();
        var pages = Directory.GetFiles(Path.Combine(TestPackage.RepoRoot, "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.That(pages.Where(p => !known.Contains(p!)), Is.Empty, "rule pages without a descriptor");
    }
}
