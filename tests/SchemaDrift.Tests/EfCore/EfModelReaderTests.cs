using Microsoft.CodeAnalysis.CSharp;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Tests.EndToEnd;

namespace SchemaDrift.Tests.EfCore;

/// <summary>The model the reader builds from source, compared with what EF Core itself builds at run time.</summary>
public class EfModelReaderTests
{
    internal static async Task<List<EfModel>> ReadAsync(CSharpCompilation compilation)
    {
        var symbols = new EfSymbols(compilation);
        var facts = CompilationFacts.Scan(compilation, symbols, CancellationToken.None);
        return EfModelReader.Read(symbols, facts, CancellationToken.None);
    }

    internal static string Dump(IEnumerable<EfModel> models)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var m in models)
        {
            sb.AppendLine(m.Context.Name + (m.SkipReason != null ? " SKIP " + m.SkipReason : ""));
            foreach (var e in m.Entities.OrderBy(e => e.Table).ThenBy(e => e.Type.Name))
            {
                sb.AppendLine("  " + e + (e.SkipReason != null ? " SKIP " + e.SkipReason : "") + (e.ColumnsComplete ? "" : " (incomplete)"));
                foreach (var c in e.Columns) sb.AppendLine("    " + c.Name + " " + c.Origin + " " + c.Kind + " req=" + c.Required + " nn=" + c.NonNullableMember + (c.NullableByMapping ? " nullable-by-mapping" : "") + (c.MaxLength != null ? " max=" + c.MaxLength : "") + " enum=" + c.EnumStorage);
                if (e.PossibleColumns.Count > 0) sb.AppendLine("    possible: " + string.Join(", ", e.PossibleColumns.OrderBy(x => x)));
            }
        }
        return sb.ToString();
    }

    [Test]
    public async Task Dump_test_models()
    {
        var dir = Path.Combine(TestPackage.RepoRoot, "tests", "SchemaDrift.Tests", "EfCore", "Models");
        var compilation = await EfTestCompilation.CompileAsync(Directory.GetFiles(dir, "*.cs").Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
        TestContext.Out.WriteLine(Dump(await ReadAsync(compilation)));
    }
}
