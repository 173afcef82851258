using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.CodeFixes.Fixes;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.EfCore;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.CodeFixes;

/// <summary>DBDRIFT301 "Change type to …": the member gets the type the compatibility table prefers, and the rule is then quiet.</summary>
public class ChangeMemberTypeCodeFixTests
{
    private static async Task VerifyAsync<TAnalyzer>(string source, string fixedSource, string snapshot, string? second = null, string? secondFixed = null)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, ChangeMemberTypeCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Net80,
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.AddRange(TestReferences.DataAccess);
            state.AdditionalReferences.AddRange(EfTestCompilation.EfReferences);
            state.AdditionalFiles.Add(("schema.snapshot.json", snapshot));
        }
        if (second != null)
        {
            test.TestState.Sources.Add(("Models.cs", second));
            test.FixedState.Sources.Add(("Models.cs", secondFixed!));
        }
        // Informational rules on the same members are not what this test is about.
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        test.DisabledDiagnostics.AddRange(new[] { "DBDRIFT302", "DBDRIFT601", "DBDRIFT502" });
        await test.RunAsync(CancellationToken.None);
    }

    private static readonly string Pg = TestSnapshots.Json(TestSnapshots.Build(SqlProviders.Postgres, "public",
        "\"Orders\"(\"Id\" integer, \"Quantity\" bigint, \"Note\" text null)", "users(id bigint, name text)"));

    [Test]
    public Task Entity_property_narrower_than_its_column_becomes_the_column_type() => VerifyAsync<EfModelDriftAnalyzer>(
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Order
        {
            public int Id { get; set; }
            public int {|DBDRIFT301:Quantity|} { get; set; }
            public string? Note { get; set; }
        }
        public class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        """,
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Order
        {
            public int Id { get; set; }
            public long Quantity { get; set; }
            public string? Note { get; set; }
        }
        public class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        """, Pg);

    [Test]
    public Task Non_nullable_member_over_a_nullable_column_gets_the_annotation() => VerifyAsync<EfModelDriftAnalyzer>(
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Order
        {
            public int Id { get; set; }
            public long Quantity { get; set; }
            public string {|DBDRIFT301:Note|} { get; set; } = "";
        }
        public class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        """,
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Order
        {
            public int Id { get; set; }
            public long Quantity { get; set; }
            public string? Note { get; set; } = "";
        }
        public class ShopContext : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        """, Pg);

    [Test]
    public Task Dapper_result_member_in_another_file_is_changed_there() => VerifyAsync<DapperResultAnalyzer>(
        """
        using Dapper;
        using Npgsql;
        class Repo
        {
            object M(NpgsqlConnection c) => c.Query<{|DBDRIFT301:User|}>("SELECT id, name FROM users");
        }
        """,
        """
        using Dapper;
        using Npgsql;
        class Repo
        {
            object M(NpgsqlConnection c) => c.Query<User>("SELECT id, name FROM users");
        }
        """, Pg,
        "public class User { public int Id { get; set; } public string Name { get; set; } = \"\"; }",
        "public class User { public long Id { get; set; } public string Name { get; set; } = \"\"; }");
}
