using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaDrift.Analyzers.EfCore;

namespace SchemaDrift.Tests.EfCore;

/// <summary>
/// Type and namespace names are built from the symbols' own names (not ToDisplayString, which is
/// costly at every call site): they must spell what the compiler's display of them spells.
/// </summary>
public class ClrTypeNameTests
{
    private const string Source = """
        namespace Outer.Inner.Deep { public class Row { } public enum Kind { A } }
        namespace Single { public class Item { } }
        public class Top { }
        public class Uses
        {
            public Outer.Inner.Deep.Row R;
            public Single.Item I;
            public Top T;
            public System.Guid G;
            public System.DateTimeOffset D;
            public System.Collections.Generic.List<int> L;
            public int[] A;
            public System.Net.IPAddress Ip;
        }
        """;

    [Test]
    public async Task Namespaces_and_metadata_names_read_as_the_compiler_displays_them()
    {
        var references = await EfTestCompilation.AllReferencesAsync();
        var compilation = CSharpCompilation.Create("Names", new[] { CSharpSyntaxTree.ParseText(Source) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var uses = compilation.GetTypeByMetadataName("Uses")!;
        var types = uses.GetMembers().OfType<IFieldSymbol>().Select(f => f.Type).ToList();
        Assert.That(types, Has.Count.EqualTo(8));
        foreach (var type in types)
        {
            var element = type is IArrayTypeSymbol a ? a.ElementType : type;
            var expectedNamespace = element.ContainingNamespace.IsGlobalNamespace ? "" : element.ContainingNamespace.ToDisplayString();
            Assert.That(ClrTypes.NamespaceName(element.ContainingNamespace), Is.EqualTo(expectedNamespace), type.ToDisplayString());
        }
        Assert.That(ClrTypes.NamespaceName(compilation.GlobalNamespace), Is.EqualTo(""));
        Assert.That(ClrTypes.NamespaceName(null), Is.EqualTo(""));
        Assert.That(types.Select(ClrTypes.MetadataName), Is.EqualTo(new[]
        {
            "Outer.Inner.Deep.Row", "Single.Item", "Top", "System.Guid", "System.DateTimeOffset",
            "System.Collections.Generic.List`1", "System.Int32[]", "System.Net.IPAddress",
        }));
    }
}
