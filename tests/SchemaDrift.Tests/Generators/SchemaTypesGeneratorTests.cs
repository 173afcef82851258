using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Analyzers.Generators;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Generators;

/// <summary>The typed-schema source generator: its output, that it compiles, that it is incremental, and that the analyzers read its constants as SQL.</summary>
public class SchemaTypesGeneratorTests
{
    private static readonly SchemaSnapshot Postgres = BuildPostgres();

    private static SchemaSnapshot BuildPostgres()
    {
        var s = TestSnapshots.Build(SqlProviders.Postgres, "public",
            "users(id bigint, email text, display_name text null, status order_status, \"Sign Up\" timestamp null)",
            "\"OrderLines\"(id integer, users integer, \"order\" integer)",
            "audit.events(id uuid, payload jsonb null)");
        s.Tables[0].Columns.Single(c => c.Name == "status").EnumType = "public.order_status";
        s.Tables[0].Columns.Single(c => c.Name == "status").Family = "enum";
        var e = new EnumInfo { Schema = "public", Name = "order_status" };
        e.Values.AddRange(new[] { "new", "paid", "shipped" });
        s.Enums.Add(e);
        return s;
    }

    private static GeneratorDriver Driver(bool enabled = true, string rootNamespace = "Shop.Data", AdditionalText? snapshot = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new SchemaTypesGenerator().AsSourceGenerator() },
            new[] { snapshot ?? new InMemoryAdditionalText("schema.snapshot.json", SnapshotSerializer.Write(Postgres, SnapshotFlavor.Committed)) },
            (CSharpParseOptions)CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            Settings(enabled, rootNamespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static TestOptions Settings(bool enabled, string rootNamespace = "Shop.Data") =>
        new(new Dictionary<string, string>
        {
            ["build_property.SchemaDriftGenerateTypes"] = enabled ? "true" : "false",
            ["build_property.RootNamespace"] = rootNamespace,
        });

    private static async Task<CSharpCompilation> CompilationAsync(params string[] sources)
    {
        var references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(TestReferences.DataAccess);
        return CSharpCompilation.Create("consumer", sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), "File" + i + ".cs")),
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    [Test]
    public async Task Generates_names_quoted_for_the_dialect_row_types_and_enums_that_compile()
    {
        var compilation = await CompilationAsync("class Unrelated { }");
        Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.That(generatorDiagnostics, Is.Empty);
        var generated = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("SchemaDrift.Db.g.cs", StringComparison.Ordinal)).ToString();

        Assert.That(generated, Does.Contain("namespace Shop.Data"));
        Assert.That(generated, Does.Contain("public static partial class Users"));
        Assert.That(generated, Does.Contain("public const string Table = \"users\";"));
        Assert.That(generated, Does.Contain("public const string Email = \"email\";"));
        Assert.That(generated, Does.Contain("public const string SignUp = \"\\\"Sign Up\\\"\";"), "names the dialect must quote are quoted");
        Assert.That(generated, Does.Contain("public const string Table = \"\\\"OrderLines\\\"\";"), "PostgreSQL folds unquoted names: mixed case is quoted");
        Assert.That(generated, Does.Contain("public const string Order = \"\\\"order\\\"\";"), "reserved words are quoted");
        Assert.That(generated, Does.Contain("public int Users { get; init; }"), "a column may share the name of another table's class");
        Assert.That(generated, Does.Contain("public const string Table = \"audit.events\";"), "other schemas are qualified");
        Assert.That(generated, Does.Contain("public long Id { get; init; }"));
        Assert.That(generated, Does.Contain("public string Email { get; init; } = default!;"));
        Assert.That(generated, Does.Contain("public string? DisplayName { get; init; }"));
        Assert.That(generated, Does.Contain("public OrderStatusEnum Status { get; init; }"), "labels that parse back exactly make an enum property");
        Assert.That(generated, Does.Contain("public global::System.Guid Id { get; init; }"));
        Assert.That(generated, Does.Contain("public enum OrderStatusEnum"));

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, string.Join("\n", errors) + "\n" + generated);
    }

    [Test]
    public async Task Nothing_is_generated_unless_asked()
    {
        var compilation = await CompilationAsync("class Unrelated { }");
        Driver(enabled: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.That(output.SyntaxTrees.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_snapshot_is_not_read_unless_types_are_generated_and_is_read_once_they_are()
    {
        // Every build of a project with a large snapshot would otherwise copy its whole text for nothing.
        var compilation = await CompilationAsync("class Unrelated { }");
        var snapshot = new InMemoryAdditionalText("schema.snapshot.json", SnapshotSerializer.Write(Postgres, SnapshotFlavor.Committed));
        var driver = Driver(enabled: false, snapshot: snapshot).RunGenerators(compilation);
        Assert.That(driver.GetRunResult().GeneratedTrees, Is.Empty);
        Assert.That(snapshot.Reads, Is.Zero, "the generator read the snapshot with SchemaDriftGenerateTypes=false");

        driver = driver.WithUpdatedAnalyzerConfigOptions(Settings(enabled: true)).RunGenerators(compilation);
        Assert.That(driver.GetRunResult().GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)), Is.EqualTo(new[] { "SchemaDrift.Db.g.cs" }),
            "turning the setting on in the same session generates the types");
        Assert.That(snapshot.Reads, Is.EqualTo(1));
    }

    [Test]
    public async Task Editing_unrelated_code_does_no_generator_work()
    {
        var compilation = await CompilationAsync("class Unrelated { }", "class Other { }");
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("class Unrelated { int x; }", CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), "File0.cs"));
        driver = driver.RunGenerators(edited);
        var run = driver.GetRunResult().Results.Single();
        var reasons = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.That(reasons, Is.Not.Empty);
        Assert.That(reasons, Is.All.EqualTo(IncrementalStepRunReason.Cached), "the output step was not re-run");
    }

    [Test]
    public async Task Interpolations_of_the_generated_names_are_constant_sql_for_the_analyzers()
    {
        var compilation = await CompilationAsync("""
            using Dapper;
            using Shop.Data;
            class Repo
            {
                const string Good = $"SELECT {Db.Users.Email} FROM {Db.Users.Table} WHERE {Db.Users.Id} = @id";
                const string Bad = $"SELECT {Db.Users.Email}, nickname FROM {Db.Users.Table}";
                object A(Npgsql.NpgsqlConnection c) => c.Query<string>(Good, new { id = 1 });
                object B(Npgsql.NpgsqlConnection c) => c.Query<string>(Bad);
            }
            """);
        Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var snapshot = new InMemoryAdditionalText("schema.snapshot.json", SnapshotSerializer.Write(Postgres, SnapshotFlavor.Committed));
        var diagnostics = await output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SqlDriftAnalyzer()),
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(snapshot))).GetAnalyzerDiagnosticsAsync();
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);
        Assert.That(diagnostics.Select(d => d.Id + ":" + d.GetMessage()), Is.EqualTo(new[] { "DBDRIFT201:Column 'nickname' does not exist in table 'users'" }));
    }

    [Test]
    public void Identifiers_are_valid_csharp_for_hostile_names()
    {
        Assert.That(SchemaTypesWriter.Pascal("user_name"), Is.EqualTo("UserName"));
        Assert.That(SchemaTypesWriter.Pascal("Sign Up"), Is.EqualTo("SignUp"));
        Assert.That(SchemaTypesWriter.Pascal("2fa"), Is.EqualTo("_2fa"));
        Assert.That(SchemaTypesWriter.Pascal("class"), Is.EqualTo("Class"));
        Assert.That(SchemaTypesWriter.Pascal("\"quoted\" name"), Is.EqualTo("QuotedName"));
        Assert.That(SchemaTypesWriter.Pascal("été"), Is.EqualTo("Été"));
        Assert.That(SchemaTypesWriter.Pascal("---"), Is.EqualTo("Unnamed"));
    }

    private sealed class TestOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public TestOptions(Dictionary<string, string> global) => _global = new Options(global);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            // The NotNullWhen attribute is ambiguous here (the product assemblies carry internal polyfills).
#pragma warning disable CS8765
            public override bool TryGetValue(string key, out string? value) => _values.TryGetValue(key, out value);
#pragma warning restore CS8765
        }
    }
}
