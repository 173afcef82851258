using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EfCore;

/// <summary>DbContexts that derive from a context in a referenced assembly (ASP.NET Core Identity, frameworks).</summary>
public class EfBaseContextTests
{
    private const string Library = """
        #nullable enable
        using Microsoft.EntityFrameworkCore;
        namespace Microsoft.AspNetCore.Identity.EntityFrameworkCore
        {
            public class IdentityUser { public string Id { get; set; } = ""; public string? UserName { get; set; } }
            public class IdentityDbContext<TUser> : DbContext where TUser : IdentityUser
            {
                public DbSet<TUser> Users { get; set; } = null!;
                protected override void OnModelCreating(ModelBuilder builder) => builder.Entity<TUser>().ToTable("AspNetUsers");
            }
        }
        namespace Some.Framework
        {
            public class FrameworkDbContext : DbContext
            {
                protected override void OnModelCreating(ModelBuilder builder) { }
            }
        }
        """;

    private const string App = """
        #nullable enable
        using Microsoft.EntityFrameworkCore;
        using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
        public class AppUser : IdentityUser { public string DisplayName { get; set; } = ""; }
        public class Note { public int Id { get; set; } public string Text { get; set; } = ""; public string Missing { get; set; } = ""; }
        public class AppDbContext : IdentityDbContext<AppUser>
        {
            public DbSet<Note> Notes => Set<Note>();
            protected override void OnModelCreating(ModelBuilder builder)
            {
                base.OnModelCreating(builder);
                builder.Entity<Note>().ToTable("notes");
            }
        }
        public class OtherContext : Some.Framework.FrameworkDbContext
        {
            public DbSet<Note> Memos => Set<Note>();
            protected override void OnModelCreating(ModelBuilder builder) => base.OnModelCreating(builder);
        }
        """;

    [Test]
    public async Task Identity_entities_are_skipped_and_the_application_entities_checked()
    {
        var references = await EfTestCompilation.AllReferencesAsync();
        var library = CSharpCompilation.Create("IdentityLike", new[] { CSharpSyntaxTree.ParseText(Library) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.That(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var app = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText(App, path: "App.cs") },
            references.Add(MetadataReference.CreateFromImage(image.ToArray())),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.That(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);

        var snapshot = TestSnapshots.SqliteJson("""
            CREATE TABLE "AspNetUsers" ("Id" TEXT PRIMARY KEY, "UserName" TEXT NULL);
            CREATE TABLE notes ("Id" INTEGER PRIMARY KEY, "Text" TEXT NOT NULL);
            CREATE TABLE "Memos" ("Id" INTEGER PRIMARY KEY, "Text" TEXT NOT NULL);
            """);
        var diagnostics = await EfTestCompilation.RunAsync(app, new EfModelDriftAnalyzer(), snapshot);
        var described = diagnostics.Select(d => EfTestCompilation.Describe(d, app)).ToList();
        // AppUser.DisplayName is missing too, but Identity maps AppUser: not judged. OtherContext's base
        // may configure anything: not judged. AppDbContext's own Note is.
        Assert.That(described, Is.EqualTo(new[] { "DBDRIFT501 Note.Missing" }), string.Join("\n", diagnostics));
    }
}
