using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.CodeFixes.Fixes;
using SchemaDrift.Tests.EfCore;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.CodeFixes;

/// <summary>DBDRIFT501 with a similar column: "Map to column '…'" in the style the project already uses; afterwards the model matches.</summary>
public class MapToColumnCodeFixTests
{
    private static readonly string Schema = TestSnapshots.SqliteJson("""
        CREATE TABLE "Customers" ("Id" INTEGER PRIMARY KEY, "EmailAddress" TEXT NOT NULL, "Name" TEXT NULL);
        """);

    private static Task VerifyAsync(string source, string fixedSource)
    {
        var test = new CSharpCodeFixTest<EfModelDriftAnalyzer, MapToColumnCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Net80,
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.AddRange(TestReferences.DataAccess);
            state.AdditionalReferences.AddRange(EfTestCompilation.EfReferences);
            state.AdditionalFiles.Add(("schema.snapshot.json", Schema));
        }
        test.DisabledDiagnostics.AddRange(new[] { "DBDRIFT601", "DBDRIFT302" });
        return test.RunAsync(CancellationToken.None);
    }

    [Test]
    public Task Adds_a_column_attribute_by_default() => VerifyAsync(
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Customer
        {
            public int Id { get; set; }
            public string {|DBDRIFT501:EmailAdress|} { get; set; } = "";
            public string? Name { get; set; }
        }
        public class ShopContext : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
        """,
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Customer
        {
            public int Id { get; set; }
            [Column("EmailAddress")]
            public string EmailAdress { get; set; } = "";
            public string? Name { get; set; }
        }
        public class ShopContext : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
        """);

    [Test]
    public Task Uses_fluent_HasColumnName_when_the_project_maps_that_way() => VerifyAsync(
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Customer
        {
            public int Id { get; set; }
            public string {|DBDRIFT501:EmailAdress|} { get; set; } = "";
            public string? FullName { get; set; }
        }
        public class ShopContext : DbContext
        {
            public DbSet<Customer> Customers => Set<Customer>();
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().Property(c => c.FullName).HasColumnName("Name");
            }
        }
        """,
        EfVerifier<EfModelDriftAnalyzer>.Usings + """
        public class Customer
        {
            public int Id { get; set; }
            public string EmailAdress { get; set; } = "";
            public string? FullName { get; set; }
        }
        public class ShopContext : DbContext
        {
            public DbSet<Customer> Customers => Set<Customer>();
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().Property(c => c.FullName).HasColumnName("Name");
                modelBuilder.Entity<Customer>().Property(e => e.EmailAdress).HasColumnName("EmailAddress");
            }
        }
        """);
}
