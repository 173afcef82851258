using SchemaDrift.Analyzers.Analyzers;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.EfCore.EfVerifier<SchemaDrift.Analyzers.Analyzers.EfModelDriftAnalyzer>;

namespace SchemaDrift.Tests.EfCore;

public class EfModelDriftAnalyzerTests
{
    private const string U = Verify.Usings;

    private static readonly string Blog = TestSnapshots.SqliteJson("""
        CREATE TABLE "Blogs" ("Id" INTEGER NOT NULL PRIMARY KEY, "Title" TEXT NOT NULL, "Url" TEXT NULL);
        CREATE TABLE "Posts" ("Id" INTEGER NOT NULL PRIMARY KEY, "Title" TEXT NOT NULL, "BlogId" INTEGER NOT NULL, "Views" INTEGER NOT NULL);
        """);

    [Test]
    public Task Matching_model_gives_no_diagnostics() => Verify.VerifyAsync(U + """
        public class Blog { public int Id { get; set; } public string Title { get; set; } = ""; public string? Url { get; set; } public List<Post> Posts { get; set; } = new(); }
        public class Post { public int Id { get; set; } public string Title { get; set; } = ""; public Blog Blog { get; set; } = null!; public int Views { get; set; } }
        public class BlogContext : DbContext
        {
            public DbSet<Blog> Blogs => Set<Blog>();
            public DbSet<Post> Posts => Set<Post>();
        }
        """, Blog);

    [Test]
    public Task Missing_table_and_column_are_reported_on_the_dbset_and_the_property() => Verify.VerifyAsync(U + """
        public class Blog { public int Id { get; set; } public string Title { get; set; } = ""; public string? Url { get; set; } public DateTime {|DBDRIFT501:CreatedAt|} { get; set; } }
        public class Author { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class BlogContext : DbContext
        {
            public DbSet<Blog> Blogs => Set<Blog>();
            public DbSet<Author> {|DBDRIFT501:Authors|} => Set<Author>();
        }
        """, Blog);

    [Test]
    public Task Extra_columns_are_listed_once_on_the_entity() => Verify.VerifyAsync(U + """
        public class Blog { public int Id { get; set; } public string Title { get; set; } = ""; public string? Url { get; set; } }
        public class {|DBDRIFT601:Post|} { public int Id { get; set; } public string Title { get; set; } = ""; public int BlogId { get; set; } }
        public class BlogContext : DbContext
        {
            public DbSet<Blog> Blogs => Set<Blog>();
            public DbSet<Post> Posts => Set<Post>();
        }
        """, Blog);
}
