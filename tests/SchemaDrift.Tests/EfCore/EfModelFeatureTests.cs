using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.EfCore.EfVerifier<SchemaDrift.Analyzers.Analyzers.EfModelDriftAnalyzer>;

namespace SchemaDrift.Tests.EfCore;

/// <summary>Fluent API, conventions and the precision rules (skip rather than guess), one feature per test.</summary>
public class EfModelFeatureTests
{
    private const string U = Verify.Usings;

    private static string Sqlite(string ddl) => TestSnapshots.SqliteJson(ddl);

    private static SchemaSnapshot Pg(params string[] tables) => TestSnapshots.Build(SqlProviders.Postgres, "public", tables);

    private static SchemaSnapshot My(params string[] tables) => TestSnapshots.Build(SqlProviders.MySql, "shop", tables);

    /// <summary>Fills MaxLength from "varchar(n)" the way the readers do.</summary>
    private static string Json(SchemaSnapshot s)
    {
        foreach (var c in s.Tables.SelectMany(t => t.Columns))
        {
            var open = c.Type.IndexOf('(');
            if (open > 0 && c.Type.Contains("char") && int.TryParse(c.Type[(open + 1)..c.Type.IndexOf(')')], out var n)) c.MaxLength = n;
        }
        return TestSnapshots.Json(s);
    }

    private static DiagnosticResult Info(string id, int markup) => new DiagnosticResult(id, DiagnosticSeverity.Info).WithLocation(markup);

    [Test]
    public Task Fluent_table_and_column_names_and_configuration_classes_are_followed() => Verify.VerifyAsync(U + """
        public class Order { public int Id { get; set; } public string Reference { get; set; } = ""; public decimal Amount { get; set; } public string? Scratch { get; set; } }
        public class {|#0:Line|} { public int LineNo { get; set; } public int OrderId { get; set; } public int {|DBDRIFT501:Qty|} { get; set; } }
        public class OrderConfig : IEntityTypeConfiguration<Order>
        {
            public void Configure(EntityTypeBuilder<Order> b)
            {
                b.ToTable("sales_orders");
                b.Property(o => o.Reference).HasColumnName("ref").HasMaxLength(40);
                b.Ignore(o => o.Scratch);
            }
        }
        public class ShopContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Line> Lines => Set<Line>();
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShopContext).Assembly);
                modelBuilder.Entity<Line>(b =>
                {
                    b.ToTable("order_lines");
                    b.HasKey(l => new { l.OrderId, l.LineNo });
                    b.Property(l => l.Qty).HasColumnName("quantity");
                });
            }
        }
        """, Sqlite("""
        CREATE TABLE sales_orders ("Id" INTEGER PRIMARY KEY, ref TEXT NOT NULL, "Amount" TEXT NOT NULL);
        CREATE TABLE order_lines ("LineNo" INTEGER NOT NULL, "OrderId" INTEGER NOT NULL, qty INTEGER NOT NULL, PRIMARY KEY ("OrderId", "LineNo"));
        """),
        Info("DBDRIFT601", 0).WithArguments("order_lines", 1, "Line", "'qty'"));

    [Test]
    public Task Unknown_fluent_calls_and_dynamic_model_building_skip_rather_than_guess() => Verify.VerifyAsync(U + """
        public class Order { public int Id { get; set; } public string Missing { get; set; } = ""; }
        public class Item { public int Id { get; set; } public string AlsoMissing { get; set; } = ""; }
        public static class MyExtensions { public static EntityTypeBuilder<T> Magic<T>(this EntityTypeBuilder<T> b, string x) where T : class => b; }
        public class AContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (var entity in modelBuilder.Model.GetEntityTypes()) entity.SetTableName(entity.GetTableName()!.ToLowerInvariant());
            }
        }
        public class BContext : DbContext
        {
            public DbSet<Item> Items => Set<Item>();
            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Item>().ToTable(TableName());
            private static string TableName() => "Items";
        }
        """, Sqlite("""
        CREATE TABLE "Orders" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "Items" ("Id" INTEGER PRIMARY KEY);
        """));

    [Test]
    public Task A_context_none_of_whose_tables_exist_talks_to_another_database() => Verify.VerifyAsync(U + """
        public class LogEntry { public int Id { get; set; } public string Text { get; set; } = ""; }
        public class LogContext : DbContext { public DbSet<LogEntry> Entries => Set<LogEntry>(); }
        """, Sqlite("""CREATE TABLE "Customers" ("Id" INTEGER PRIMARY KEY);"""));

    [Test]
    public Task Nullability_with_nullable_reference_types_on_and_off() => Verify.VerifyAsync(new[] { U + """
        public class Person
        {
            public int Id { get; set; }
            public string {|#0:Name|} { get; set; } = "";
            public int {|#1:Age|} { get; set; }
            public string? {|#2:Nick|} { get; set; }
            public int? {|#3:Score|} { get; set; }
            [Required] public string? Email { get; set; }
            public string? Note { get; set; }
        }
        public class PeopleContext : DbContext
        {
            public DbSet<Person> People => Set<Person>();
            public DbSet<Legacy> Legacies => Set<Legacy>();
        }
        """, """
        #nullable disable
        public class Legacy
        {
            public int Id { get; set; }
            public string {|#4:Code|} { get; set; }
            public string Label { get; set; }
        }
        """ }, Sqlite("""
        CREATE TABLE "People" ("Id" INTEGER PRIMARY KEY, "Name" TEXT NULL, "Age" INTEGER NULL, "Nick" TEXT NOT NULL, "Score" INTEGER NOT NULL, "Email" TEXT NOT NULL, "Note" TEXT NOT NULL DEFAULT '');
        CREATE TABLE "Legacies" ("Id" INTEGER PRIMARY KEY, "Code" TEXT NOT NULL, "Label" TEXT NULL);
        """),
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("Person.Name", "People.Name", "the column allows NULL but the property is a non-nullable reference: EF Core reads NULL into it anyway"),
        Verify.Diagnostic("DBDRIFT301").WithLocation(1).WithArguments("Person.Age", "People.Age", "the column allows NULL and the member cannot hold it: reading a NULL row throws"),
        Info("DBDRIFT302", 2).WithArguments("Person.Nick", "People.Nick"),
        Info("DBDRIFT302", 3).WithArguments("Person.Score", "People.Score"),
        Info("DBDRIFT302", 4).WithArguments("Legacy.Code", "Legacies.Code"));

    [Test]
    public Task Postgres_type_mismatches_and_max_length() => Verify.VerifyAsync(U + """
        public class Account
        {
            public int {|#0:Id|} { get; set; }
            public Guid {|#1:ExternalId|} { get; set; }
            public DateTime {|#2:OpenedAt|} { get; set; }
            public decimal {|#3:Balance|} { get; set; }
            [MaxLength(100)] public string {|#4:Name|} { get; set; } = "";
            [MaxLength(20)] public string Code { get; set; } = "";
            public long Counter { get; set; }
            public DateTime ClosedAt { get; set; }
            [Column(TypeName = "jsonb")] public string Meta { get; set; } = "";
        }
        public class BankContext : DbContext { public DbSet<Account> Accounts => Set<Account>(); }
        """, Json(Pg("""
        Accounts("Id" bigint, "ExternalId" text, "OpenedAt" text, "Balance" float8, "Name" varchar(50), "Code" varchar(20), "Counter" integer, "ClosedAt" timestamptz, "Meta" jsonb)
        """)),
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("Account.Id", "Accounts.Id", "the column is bigint but the member is int: larger values overflow when read"),
        Verify.Diagnostic("DBDRIFT301").WithLocation(1).WithArguments("Account.ExternalId", "Accounts.ExternalId", "the column is text but the member is Guid: the driver cannot convert between them"),
        Verify.Diagnostic("DBDRIFT301").WithLocation(2).WithArguments("Account.OpenedAt", "Accounts.OpenedAt", "the column is text but the member is DateTime: the driver cannot convert between them"),
        Verify.Diagnostic("DBDRIFT301").WithLocation(3).WithArguments("Account.Balance", "Accounts.Balance", "the column is float8 (binary floating point) but the member is decimal: values are rounded"),
        Verify.Diagnostic("DBDRIFT303").WithLocation(4).WithArguments("Account.Name", 100, "Accounts.Name", 50));

    [Test]
    public Task MySql_bool_over_tinyint1_is_fine_and_int_enum_over_enum_column_is_not()
    {
        var snapshot = My("Shirts(Id int, InStock tinyint(1), Size varchar(10), Color VARCHAR(20))");
        var size = snapshot.Tables[0].Columns[2];
        size.Type = "enum('Small','Large')";
        size.Family = "enum";
        size.EnumValues = new List<string> { "Small", "Large" };
        return Verify.VerifyAsync(U + """
        public enum Size { Small, Large }
        public class Shirt
        {
            public int Id { get; set; }
            public bool InStock { get; set; }
            public Size {|#0:Size|} { get; set; }
            public string Color { get; set; } = "";
        }
        public class StoreContext : DbContext { public DbSet<Shirt> Shirts => Set<Shirt>(); }
        """, Json(snapshot),
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("Shirt.Size", "Shirts.Size", "the column is enum('Small','Large'): MySQL takes a number as the label's 1-based index, so stored values silently mean other labels"));
    }

    [Test]
    public Task MySql_enum_column_labels_are_checked_for_string_stored_enums()
    {
        var snapshot = My("Shirts(Id int, Size varchar(10))");
        var size = snapshot.Tables[0].Columns[1];
        size.Type = "enum('Small','Medium')";
        size.Family = "enum";
        size.EnumValues = new List<string> { "Small", "Medium" };
        return Verify.VerifyAsync(U + """
            public enum Size { Small, Medium, {|#0:Large|} }
            public class Shirt { public int Id { get; set; } public Size Size { get; set; } }
            public class StoreContext : DbContext
            {
                public DbSet<Shirt> Shirts => Set<Shirt>();
                protected override void OnModelCreating(ModelBuilder b) => b.Entity<Shirt>().Property(s => s.Size).HasConversion<string>();
            }
            """, Json(snapshot),
            Verify.Diagnostic("DBDRIFT801").WithLocation(0).WithArguments("Large", "the column's enum('Small','Medium')", "Shirts.Size", "'Small', 'Medium'"));
    }

    [Test]
    public Task Postgres_enum_labels_use_npgsql_translation_and_PgName()
    {
        var snapshot = Pg("Tickets(\"Id\" integer, \"State\" ticket_state)");
        snapshot.Tables[0].Columns[1].EnumType = "public.ticket_state";
        snapshot.Tables[0].Columns[1].Family = "enum";
        var e = new EnumInfo { Schema = "public", Name = "ticket_state" };
        e.Values.AddRange(new[] { "open", "in_progress", "done!" });
        snapshot.Enums.Add(e);
        return Verify.VerifyAsync(U + """
            using Npgsql;
            using NpgsqlTypes;
            public enum TicketState { Open, InProgress, [PgName("done!")] Done, {|#0:WontFix|} }
            public class Ticket { public int Id { get; set; } public TicketState State { get; set; } }
            public class DeskContext : DbContext
            {
                public DbSet<Ticket> Tickets => Set<Ticket>();
                protected override void OnModelCreating(ModelBuilder b) => b.HasPostgresEnum<TicketState>();
            }
            public static class Setup
            {
                public static NpgsqlDataSource Build(string cs) { var b = new NpgsqlDataSourceBuilder(cs); b.MapEnum<TicketState>(); return b.Build(); }
            }
            """, Json(snapshot),
            Verify.Diagnostic("DBDRIFT801").WithLocation(0).WithArguments("wont_fix", "the enum type public.ticket_state", "Tickets.State", "'open', 'in_progress', 'done!'"));
    }

    [Test]
    public Task Naming_convention_in_OnConfiguring_rewrites_conventional_names_only() => Verify.VerifyAsync(new[] { U + """
        public class {|#0:BlogPost|} { public int Id { get; set; } public string PostTitle { get; set; } = ""; [Column("Legacy")] public int LegacyValue { get; set; } public int {|DBDRIFT501:ViewCount|} { get; set; } }
        public class BlogContext : DbContext
        {
            public DbSet<BlogPost> BlogPosts => Set<BlogPost>();
            protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=x.db").UseSnakeCaseNamingConvention();
        }
        """, StubSource }, Sqlite("""CREATE TABLE blog_posts (id INTEGER PRIMARY KEY, post_title TEXT NOT NULL, "Legacy" INTEGER NOT NULL, "ViewCount" INTEGER NOT NULL);"""),
        Info("DBDRIFT601", 0).WithArguments("blog_posts", 1, "BlogPost", "'ViewCount'"));

    private const string StubSource = """
        namespace Microsoft.EntityFrameworkCore
        {
            public static class NamingConventionsExtensions
            {
                public static DbContextOptionsBuilder UseSnakeCaseNamingConvention(this DbContextOptionsBuilder b, System.Globalization.CultureInfo? culture = null) => b;
                public static DbContextOptionsBuilder UseLowerCaseNamingConvention(this DbContextOptionsBuilder b, System.Globalization.CultureInfo? culture = null) => b;
            }
        }
        """;

    [Test]
    public Task Two_naming_conventions_that_may_both_apply_skip_the_context() => Verify.VerifyAsync(new[] { U + """
        public class Thing { public int Id { get; set; } public string Missing { get; set; } = ""; }
        public class ThingContext : DbContext { public DbSet<Thing> Things => Set<Thing>(); }
        public static class Setup
        {
            public static void A(DbContextOptionsBuilder o) => o.UseSnakeCaseNamingConvention();
            public static void B(DbContextOptionsBuilder o) => o.UseLowerCaseNamingConvention();
        }
        """, StubSource }, Sqlite("""CREATE TABLE things (id INTEGER PRIMARY KEY);"""));

    [Test]
    public Task Tph_discriminator_and_derived_columns_live_in_the_root_table() => Verify.VerifyAsync(U + """
        public abstract class {|#0:Animal|} { public int Id { get; set; } public string Name { get; set; } = ""; }
        public class Dog : Animal { public int Barks { get; set; } }
        public class Cat : Animal { public bool {|#1:Indoor|} { get; set; } }
        public class ZooContext : DbContext
        {
            public DbSet<Animal> Animals => Set<Animal>();
            public DbSet<Dog> Dogs => Set<Dog>();
            public DbSet<Cat> Cats => Set<Cat>();
        }
        """, Sqlite("""CREATE TABLE "Animals" ("Id" INTEGER PRIMARY KEY, "Name" TEXT NOT NULL, "Barks" INTEGER NULL);"""),
        Verify.Diagnostic("DBDRIFT501").WithLocation(0).WithArguments("Column 'Discriminator' (TPH discriminator of Animal) in table 'Animals'", "sqlite", ""),
        Verify.Diagnostic("DBDRIFT501").WithLocation(1).WithArguments("Column 'Indoor' (Cat.Indoor) in table 'Animals'", "sqlite", ""));

    [Test]
    public Task Shadow_foreign_keys_are_expected_only_for_unambiguous_relationships() => Verify.VerifyAsync(U + """
        public class Author { public int Id { get; set; } public List<Book> Books { get; set; } = new(); }
        public class Book { public int Id { get; set; } public Author {|DBDRIFT501:Author|} { get; set; } = null!; public Person? Editor { get; set; } public Person? Reviewer { get; set; } }
        public class Person { public int Id { get; set; } public List<Book> Edited { get; set; } = new(); public List<Book> Reviewed { get; set; } = new(); }
        public class Post { public int Id { get; set; } public List<Tag> Tags { get; set; } = new(); }
        public class Tag { public int Id { get; set; } public List<Post> Posts { get; set; } = new(); }
        public class LibContext : DbContext
        {
            public DbSet<Author> Authors => Set<Author>();
            public DbSet<Book> Books => Set<Book>();
            public DbSet<Post> Posts => Set<Post>();
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Book>().HasOne(x => x.Editor).WithMany(p => p.Edited);
                b.Entity<Book>().HasOne(x => x.Reviewer).WithMany(p => p.Reviewed);
            }
        }
        """, Sqlite("""
        CREATE TABLE "Authors" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "Books" ("Id" INTEGER PRIMARY KEY, "EditorId" INTEGER NULL, "ReviewerId" INTEGER NULL);
        CREATE TABLE "Person" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "Posts" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "Tag" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "PostTag" ("PostsId" INTEGER NOT NULL, "TagsId" INTEGER NOT NULL);
        """));

    [Test]
    public Task Base_OnModelCreating_helpers_and_base_configuration_classes_are_followed() => Verify.VerifyAsync(U + """
        public abstract class Entity { public int Id { get; set; } public DateTime CreatedAt { get; set; } }
        public class {|#0:Invoice|} : Entity { public decimal Amount { get; set; } public string {|DBDRIFT501:Number|} { get; set; } = ""; }
        public class Refund : Entity { public decimal Amount { get; set; } }
        public abstract class EntityConfig<T> : IEntityTypeConfiguration<T> where T : Entity
        {
            public virtual void Configure(EntityTypeBuilder<T> builder) => builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        }
        public class InvoiceConfig : EntityConfig<Invoice>
        {
            public override void Configure(EntityTypeBuilder<Invoice> builder)
            {
                base.Configure(builder);
                builder.ToTable("invoices");
                builder.Property(i => i.Number).HasColumnName("invoice_no");
            }
        }
        public class RefundConfig : EntityConfig<Refund> { }
        public class BaseContext : DbContext
        {
            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        }
        public class BillingContext : BaseContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<Refund> Refunds => Set<Refund>();
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                base.OnModelCreating(modelBuilder);
                ConfigureRefunds(modelBuilder);
            }
            private void ConfigureRefunds(ModelBuilder modelBuilder) => modelBuilder.Entity<Refund>().ToTable("refunds");
        }
        """, Sqlite("""
        CREATE TABLE invoices ("Id" INTEGER PRIMARY KEY, created_at TEXT NOT NULL, "Amount" TEXT NOT NULL, invoice_number TEXT NOT NULL);
        CREATE TABLE refunds ("Id" INTEGER PRIMARY KEY, created_at TEXT NOT NULL, "Amount" TEXT NOT NULL);
        """),
        Info("DBDRIFT601", 0).WithArguments("invoices", 1, "Invoice", "'invoice_number'"));

    [Test]
    public Task A_naming_convention_configured_in_another_project_is_recognized_from_the_schema() => Verify.VerifyAsync(U + """
        public class OrderItem { public int Id { get; set; } public int UnitCount { get; set; } public decimal {|DBDRIFT501:UnitPrice|} { get; set; } }
        public class Customer { public int Id { get; set; } public string FullName { get; set; } = ""; }
        public class StoreContext : DbContext
        {
            public StoreContext(DbContextOptions<StoreContext> options) : base(options) { }
            public DbSet<OrderItem> OrderItems => Set<OrderItem>();
            public DbSet<Customer> Customers => Set<Customer>();
        }
        """, Sqlite("""
        CREATE TABLE order_items (id INTEGER PRIMARY KEY, unit_count INTEGER NOT NULL);
        CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL);
        """));

    [Test]
    public Task Row_versions_and_owned_types_reused_elsewhere_are_not_guessed() => Verify.VerifyAsync(U + """
        public class Money { public decimal Amount { get; set; } public string Currency { get; set; } = ""; }
        public class Order { public int Id { get; set; } public Money Total { get; set; } = null!; [Timestamp] public uint Version { get; set; } }
        public class Quote { public int Id { get; set; } public Money Price { get; set; } = null!; }
        public class SalesContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Quote> Quotes => Set<Quote>();
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Order>().OwnsOne(o => o.Total);
                b.Entity<Quote>().OwnsOne(q => q.Price);
            }
        }
        """, Sqlite("""
        CREATE TABLE "Orders" ("Id" INTEGER PRIMARY KEY, "Total_Amount" TEXT NOT NULL, "Total_Currency" TEXT NOT NULL);
        CREATE TABLE "Quotes" ("Id" INTEGER PRIMARY KEY, "Price_Amount" TEXT NOT NULL, "Price_Currency" TEXT NOT NULL);
        """));

    [Test]
    public Task Fields_and_get_only_properties_configured_explicitly_are_not_unmapped_columns() => Verify.VerifyAsync(U + """
        public class Account
        {
            private string _secret = "";
            public int Id { get; set; }
            public decimal Total => 0m;
            public virtual ICollection<Entry> Entries { get; set; } = new HashSet<Entry>();
        }
        public class Entry { public int Id { get; set; } public int AccountId { get; set; } public bool IsDeleted { get; set; } }
        public class LedgerContext : DbContext
        {
            public DbSet<Account> Accounts { get; set; } = null!;
            public DbSet<Entry> Entries { get; set; } = null!;
            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                base.OnModelCreating(modelBuilder);
                modelBuilder.Entity<Account>(b =>
                {
                    b.Property<string>("_secret").HasColumnName("secret");
                    b.Property(a => a.Total).HasField("_total");
                    b.HasMany(a => a.Entries).WithOne().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
                });
                modelBuilder.Entity<Entry>().HasQueryFilter(x => !x.IsDeleted).HasIndex(x => x.AccountId).IsUnique();
            }
        }
        """, Sqlite("""
        CREATE TABLE "Accounts" ("Id" INTEGER PRIMARY KEY, secret TEXT NOT NULL, "Total" TEXT NOT NULL);
        CREATE TABLE "Entries" ("Id" INTEGER PRIMARY KEY, "AccountId" INTEGER NOT NULL, "IsDeleted" INTEGER NOT NULL);
        """));

    [Test]
    public Task Value_converters_make_any_type_a_column() => Verify.VerifyAsync(U + """
        using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
        public readonly record struct OrderId(Guid Value);
        public class Money { public decimal Amount { get; set; } public string Currency { get; set; } = ""; }
        public class MoneyConverter : ValueConverter<Money, string>
        {
            public MoneyConverter() : base(m => m.Amount + " " + m.Currency, s => new Money()) { }
        }
        public class Order { public OrderId Id { get; set; } public Money Total { get; set; } = new(); public string {|DBDRIFT501:Note|} { get; set; } = ""; }
        public class OrdersContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
                configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
            protected override void OnModelCreating(ModelBuilder b) =>
                b.Entity<Order>().Property(o => o.Id).HasConversion(id => id.Value, v => new OrderId(v));
        }
        """, Sqlite("""CREATE TABLE "Orders" ("Id" TEXT PRIMARY KEY, "Total" TEXT NOT NULL);"""));

    [Test]
    public Task Nullable_foreign_keys_of_required_relationships_are_not_optional_columns() => Verify.VerifyAsync(U + """
        public class Customer { public int Id { get; set; } public List<Order> Orders { get; set; } = new(); }
        public class Order
        {
            public int Id { get; set; }
            public int? CustomerId { get; set; }
            public Customer Customer { get; set; } = null!;
            public int? SellerRef { get; set; }
            public Seller? Seller { get; set; }
            public string? {|#0:Comment|} { get; set; }
        }
        public class Seller { public int Id { get; set; } }
        public class ShopContext : DbContext
        {
            public DbSet<Customer> Customers => Set<Customer>();
            public DbSet<Order> Orders => Set<Order>();
            protected override void OnModelCreating(ModelBuilder b) =>
                b.Entity<Order>().HasOne(o => o.Seller).WithMany().HasForeignKey(o => o.SellerRef).IsRequired();
        }
        """, Sqlite("""
        CREATE TABLE "Customers" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "Seller" ("Id" INTEGER PRIMARY KEY);
        CREATE TABLE "Orders" ("Id" INTEGER PRIMARY KEY, "CustomerId" INTEGER NOT NULL, "SellerRef" INTEGER NOT NULL, "Comment" TEXT NOT NULL);
        """),
        Info("DBDRIFT302", 0).WithArguments("Order.Comment", "Orders.Comment"));

    [Test]
    public Task Default_schema_and_explicit_schemas_on_postgres() => Verify.VerifyAsync(U + """
        public class Invoice { public int Id { get; set; } public decimal Amount { get; set; } }
        public class Audit { public int Id { get; set; } public string Action { get; set; } = ""; }
        public class Rate { public int Id { get; set; } public decimal Value { get; set; } }
        public class SalesContext : DbContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<Audit> Audits => Set<Audit>();
            public DbSet<Rate> {|DBDRIFT501:Rates|} => Set<Rate>();
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.HasDefaultSchema("sales");
                b.Entity<Audit>().ToTable("audits", "audit");
            }
        }
        """, Json(TestSnapshots.Build(SqlProviders.Postgres, "public",
            "sales.\"Invoices\"(\"Id\" integer, \"Amount\" numeric)",
            "audit.audits(\"Id\" integer, \"Action\" text)",
            "\"Rates\"(\"Id\" integer, \"Value\" numeric)")));

    [Test]
    public Task Missing_tables_are_not_reported_when_the_snapshot_sees_only_some_tables()
    {
        var snapshot = TestSnapshots.Build(SqlProviders.MySql, "shop", "Orders(Id int, Total decimal, Size varchar(10))");
        snapshot.PartialVisibility = true;
        return Verify.VerifyAsync(U + """
            public class Order { public int Id { get; set; } public decimal Total { get; set; } public string Note { get; set; } = ""; [MaxLength(20)] public string {|DBDRIFT303:Size|} { get; set; } = ""; }
            public class Secret { public int Id { get; set; } }
            public class ShopContext : DbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Secret> Secrets => Set<Secret>();
            }
            """, Json(snapshot));
    }
}
