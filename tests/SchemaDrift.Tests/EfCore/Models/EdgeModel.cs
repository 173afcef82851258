#nullable enable
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// Mapping corners EF Core handles in ways that are easy to get wrong from source: the database EF
// creates from this model must give no diagnostic at all (precision check against EF itself).
namespace SchemaDrift.Tests.EfCore.Models.Edge
{
    public enum Priority : byte { Low, High }

    public enum Kind { Standard, Express }

    public abstract class AuditedBase
    {
        public DateTime CreatedAt { get; set; }
        public string? CreatedBy { get; set; }
    }

    public class Project : AuditedBase
    {
        public int Id { get; set; }
        public string Name { get; private set; } = "";
        public string Code { get; init; } = "";
        public Project? Parent { get; set; }
        public int? ParentId { get; set; }
        public ICollection<Project> Children { get; set; } = new HashSet<Project>();
        public virtual ICollection<WorkItem> Items { get; set; } = new List<WorkItem>();
        public List<string> Labels { get; set; } = new();
        public int[] Scores { get; set; } = Array.Empty<int>();
        public Settings Settings { get; set; } = new();
        public byte[]? Logo { get; set; }
        [Timestamp] public byte[]? RowVersion { get; set; }
    }

    public class Settings
    {
        public bool Public { get; set; }
        public Limits Limits { get; set; } = new();
    }

    public class Limits
    {
        public int MaxItems { get; set; }
        public TimeSpan? Timeout { get; set; }
    }

    public abstract class WorkItem
    {
        public long Id { get; set; }
        [Required] public string Title { get; set; } = "";
        public Priority Priority { get; set; }
        public Kind Kind { get; set; }
        public int? ProjectId { get; set; }
        public Project Project { get; set; } = null!;
        public DateOnly? Due { get; set; }
        public TimeOnly? At { get; set; }
        public char Flag { get; set; }
        public decimal Estimate { get; set; }
    }

    public abstract class Ticket : WorkItem
    {
        public string? Reporter { get; set; }
    }

    public class Bug : Ticket
    {
        public int Severity { get; set; }
    }

    public class Feature : Ticket
    {
        public string? Spec { get; set; }
        public int Severity { get; set; }
    }

    public class Chore : WorkItem
    {
        public ulong Counter { get; set; }
    }

    public class Person
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public Badge? Badge { get; set; }
        public List<Project> Watching { get; set; } = new();
    }

    public class Badge
    {
        public int Id { get; set; }
        public Guid PersonId { get; set; }
        public Person Person { get; set; } = null!;
        [Column(TypeName = "TEXT")] public string Number { get; set; } = "";
    }

    public record Comment
    {
        public int Id { get; set; }
        public string Body { get; set; } = "";
        public long WorkItemId { get; set; }
        public WorkItem? WorkItem { get; set; }
    }

    public class EdgeContext : DbContext
    {
        public EdgeContext(DbContextOptions<EdgeContext> options) : base(options) { }

        public DbSet<Project> Projects => Set<Project>();
        public DbSet<WorkItem> WorkItems => Set<WorkItem>();
        public DbSet<Bug> Bugs => Set<Bug>();
        public DbSet<Feature> Features => Set<Feature>();
        public DbSet<Chore> Chores => Set<Chore>();
        public DbSet<Person> People => Set<Person>();
        public DbSet<Comment> Comments => Set<Comment>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<Project>(b =>
            {
                b.HasIndex(p => p.Code).IsUnique();
                b.OwnsOne(p => p.Settings, s => s.OwnsOne(x => x.Limits));
                b.Property(p => p.CreatedAt).HasDefaultValue(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                b.HasMany(p => p.Children).WithOne(p => p.Parent).HasForeignKey(p => p.ParentId);
            });
            modelBuilder.Entity<WorkItem>().Property(w => w.Kind).HasConversion<string>().HasMaxLength(16);
            modelBuilder.Entity<WorkItem>().HasDiscriminator<string>("ItemType").HasValue<Bug>("bug").HasValue<Feature>("feature").HasValue<Chore>("chore");
            modelBuilder.Entity<Person>().HasMany(p => p.Watching).WithMany().UsingEntity("Watchers");
            modelBuilder.Entity<Comment>().Property<DateTime>("LastEdited");
        }
    }
}
