#nullable enable
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

// A second context in the same application, with snake_case names (EFCore.NamingConventions),
// configured where real applications do it: AddDbContext-style options in a setup class.
namespace SchemaDrift.Tests.EfCore.Models.Blogging
{
    public class Blog
    {
        public int Id { get; set; }
        [MaxLength(120)] public string Title { get; set; } = "";
        public string? HomePageUrl { get; set; }
        public DateTime CreatedOn { get; set; }
        public List<Post> Posts { get; set; } = new();
    }

    public class Post
    {
        public int Id { get; set; }
        public string Title { get; set; } = "";
        public string Body { get; set; } = "";
        public DateTime? PublishedAt { get; set; }
        public int BlogId { get; set; }
        public Blog Blog { get; set; } = null!;
        public AuthorInfo Author { get; set; } = null!;
        public List<Comment> Comments { get; set; } = new();
    }

    [Owned]
    public class AuthorInfo
    {
        public string DisplayName { get; set; } = "";
        public string? EmailAddress { get; set; }
    }

    public class Comment
    {
        public int Id { get; set; }
        public string Text { get; set; } = "";
        public bool IsApproved { get; set; }
    }

    public class BloggingContext : DbContext
    {
        public BloggingContext(DbContextOptions<BloggingContext> options) : base(options) { }

        public DbSet<Blog> Blogs => Set<Blog>();
        public DbSet<Post> Posts => Set<Post>();
    }

    public static class BloggingSetup
    {
        public static DbContextOptions<BloggingContext> Sqlite(string connectionString) =>
            new DbContextOptionsBuilder<BloggingContext>().UseSqlite(connectionString).UseSnakeCaseNamingConvention().Options;

        public static DbContextOptions<BloggingContext> Postgres(string connectionString) =>
            new DbContextOptionsBuilder<BloggingContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;

        public static DbContextOptions<BloggingContext> MySql(string connectionString) =>
            new DbContextOptionsBuilder<BloggingContext>().UseMySql(connectionString, ServerVersion.AutoDetect(connectionString)).UseSnakeCaseNamingConvention().Options;
    }
}
