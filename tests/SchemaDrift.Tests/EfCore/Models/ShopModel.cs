#nullable enable
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// A realistic EF Core model used twice: EF Core itself creates the database from it
// (EnsureCreated on SQLite, PostgreSQL, MariaDB), and the analyzer reads the same file
// from source. Conventions, annotations, fluent configuration, IEntityTypeConfiguration,
// owned and complex types, an owned collection, TPH, shadow keys, a one-to-one, a
// many-to-many, a string-stored enum with a CHECK constraint and a PostgreSQL enum.
namespace SchemaDrift.Tests.EfCore.Models.Shop
{
    public enum OrderStatus { Pending, Paid, Shipped, Cancelled }

    public enum CustomerTier { Standard, Silver, Gold }

    public class Customer
    {
        public int Id { get; set; }
        [MaxLength(200)] public string Name { get; set; } = "";
        [Column("email_address")] [MaxLength(320)] public string Email { get; set; } = "";
        public string? Phone { get; set; }
        public CustomerTier Tier { get; set; }
        public DateTime CreatedAt { get; set; }
        public Address BillingAddress { get; set; } = null!;
        public Address? ShippingAddress { get; set; }
        public List<Order> Orders { get; set; } = new();
        [NotMapped] public string? Scratch { get; set; }
        public string DisplayName => Name + " <" + Email + ">";
    }

    [Owned]
    public class Address
    {
        [MaxLength(200)] public string Street { get; set; } = "";
        public string City { get; set; } = "";
        public string? PostalCode { get; set; }
    }

    public class Order
    {
        public int Id { get; set; }
        public int CustomerId { get; set; }
        public Customer Customer { get; set; } = null!;
        public OrderStatus Status { get; set; }
        public decimal Total { get; set; }
        public DateTime PlacedAt { get; set; }
        public string? Notes { get; set; }
        public List<OrderLine> Lines { get; set; } = new();
        public Payment? Payment { get; set; }
    }

    public class OrderLine
    {
        public int Id { get; set; }
        public Product Product { get; set; } = null!;
        public int Quantity { get; set; }
        public decimal UnitPrice { get; set; }
    }

    [Table("products")]
    public class Product
    {
        public int ProductId { get; set; }
        [Required, StringLength(100)] public string Sku { get; set; } = "";
        public string Title { get; set; } = "";
        public decimal Price { get; set; }
        public Category? Category { get; set; }
        public List<Tag> Tags { get; set; } = new();
        public Dimensions Size { get; set; } = new();
    }

    public class Dimensions
    {
        public double Width { get; set; }
        public double Height { get; set; }
    }

    public class Category
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public List<Product> Products { get; set; } = new();
    }

    public class Tag
    {
        public int Id { get; set; }
        public string Label { get; set; } = "";
        public List<Product> Products { get; set; } = new();
    }

    public class Payment
    {
        public int Id { get; set; }
        public int OrderId { get; set; }
        public Order Order { get; set; } = null!;
        public decimal Amount { get; set; }
        public string Provider { get; set; } = "";
    }

    public abstract class Document
    {
        public int Id { get; set; }
        public string Title { get; set; } = "";
        public DateTime CreatedAt { get; set; }
    }

    public class Invoice : Document
    {
        public decimal Amount { get; set; }
        public int OrderRef { get; set; }
    }

    public class CreditNote : Document
    {
        public string Reason { get; set; } = "";
    }

    public class Supplier
    {
        [Key] public Guid Code { get; set; }
        public string Name { get; set; } = "";
        public List<PhoneNumber> Phones { get; set; } = new();
    }

    public class PhoneNumber
    {
        public string Number { get; set; } = "";
        public string? Kind { get; set; }
    }

    public class AuditEntry
    {
        public long Id { get; set; }
        public string Action { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }

    public class ShopContext : DbContext
    {
        public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }

        public DbSet<Customer> Customers => Set<Customer>();
        public DbSet<Order> Orders => Set<Order>();
        public DbSet<Product> Products => Set<Product>();
        public DbSet<Category> Categories => Set<Category>();
        public DbSet<Tag> Tags => Set<Tag>();
        public DbSet<Payment> Payments => Set<Payment>();
        public DbSet<Document> Documents => Set<Document>();
        public DbSet<Invoice> Invoices => Set<Invoice>();
        public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
        public DbSet<Supplier> Suppliers => Set<Supplier>();
        public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.HasPostgresEnum<CustomerTier>();
            modelBuilder.ApplyConfiguration(new OrderConfiguration());
            modelBuilder.Entity<Customer>(b =>
            {
                b.OwnsOne(c => c.BillingAddress, a => a.Property(x => x.City).HasColumnName("billing_city"));
                b.Property(c => c.Phone).HasMaxLength(30);
            });
            modelBuilder.Entity<Product>().ComplexProperty(p => p.Size);
            modelBuilder.Entity<Supplier>().OwnsMany(s => s.Phones);
            modelBuilder.Entity<AuditEntry>().ToTable("audit_log").Property<string>("UserName").HasMaxLength(100);
            modelBuilder.Entity<Document>().HasDiscriminator<string>("DocumentType");
        }
    }

    public class OrderConfiguration : IEntityTypeConfiguration<Order>
    {
        public void Configure(EntityTypeBuilder<Order> builder)
        {
            builder.ToTable("orders", t => t.HasCheckConstraint("CK_orders_status", "status IN ('Pending', 'Paid', 'Shipped', 'Cancelled')"));
            builder.Property(o => o.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            builder.Property(o => o.Total).HasPrecision(12, 2);
            builder.HasOne(o => o.Payment).WithOne(p => p.Order).HasForeignKey<Payment>(p => p.OrderId);
        }
    }
}
