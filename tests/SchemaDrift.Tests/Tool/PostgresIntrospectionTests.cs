using System.Diagnostics;
using Npgsql;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tests.Tool;

/// <summary>Reads <see cref="PostgresTestSchema"/> from a real PostgreSQL server and checks the snapshot fact by fact.</summary>
[Category("Database")]
public class PostgresIntrospectionTests
{
    private const string Pg = SqlProviders.Postgres;
    private string _role = null!;
    private TestDatabase _db = null!;
    private SchemaSnapshot _s = null!;
    private int _queries;

    [OneTimeSetUp]
    public async Task LoadSchema()
    {
        TestDatabase.ServerConnectionString(Pg);
        _role = "sd_app_" + Guid.NewGuid().ToString("N")[..8];
        _db = await CreateShopAsync(_role);
        // Statistics for the cache flavor: a row estimate for tenants.
        await _db.ExecuteAsync("INSERT INTO tenants VALUES (1, 'a'), (2, 'b'), (3, 'c'); ANALYZE tenants;");
        await using var opened = await _db.OpenReaderAsync();
        var clock = Stopwatch.StartNew();
        _s = await opened.Reader.ReadAsync(CancellationToken.None);
        _queries = opened.Reader.QueryCount;
        TestContext.Progress.WriteLine("PostgreSQL shop schema: " + _s.Tables.Count + " relations read with " + _queries + " queries in " + clock.ElapsedMilliseconds + " ms");
    }

    [OneTimeTearDown]
    public async Task DropSchema()
    {
        if (_db != null) await _db.DisposeAsync();
        if (_role != null) await DropRoleAsync(_role);
    }

    /// <summary>A database holding the shop schema, including the index left INVALID by a failed concurrent build.</summary>
    private static async Task<TestDatabase> CreateShopAsync(string role)
    {
        await ServerSqlAsync("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE " + role + "; END IF; END $$");
        var db = await TestDatabase.CreateAsync(Pg, PostgresTestSchema.Sql.Replace("{role}", role));
        var failed = Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync(PostgresTestSchema.FailedConcurrentIndex));
        Assert.That(failed!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        return db;
    }

    private static async Task ServerSqlAsync(string sql)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString(Pg)) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static Task DropRoleAsync(string role) => ServerSqlAsync("DROP ROLE IF EXISTS " + role);

    [Test]
    public void Database_schemas_and_default_schema()
    {
        Assert.That(_s.Provider, Is.EqualTo("postgres"));
        Assert.That(_s.Database, Is.EqualTo(_db.Name));
        Assert.That(_s.Schemas, Is.EqualTo(new[] { "billing", "public" }));
        Assert.That(_s.DefaultSchema, Is.EqualTo("public"));
        Assert.That(_s.ServerVersion, Does.Match(@"^\d+"));
        Assert.That(_s.CaseSensitiveTableNames, Is.Null);
    }

    [Test]
    public void Tables_views_materialized_views_and_partitions()
    {
        var names = _s.Tables.Select(t => t.Schema + "." + t.Name + ":" + SnapshotSerializer.KindName(t.Kind)).ToArray();
        Assert.That(names, Is.EqualTo(new[]
        {
            "billing.invoices:table", "billing.payments:table", "billing.payments_2024:table",
            "public.Mixed Case Table:table", "public.Odd View:view", "public.Users:table", "public.active_customers:view",
            "public.audit_log:table", "public.customers:table", "public.dup:table", "public.order:table", "public.order_items:table",
            "public.orders:table", "public.product_sales:materialized_view", "public.products:table",
            "public." + PostgresTestSchema.Name63 + ":table", "public.tenants:table", "public.users:table",
        }));
        Assert.That(_s.Table("billing", "payments").Partitioned, Is.True);
        Assert.That(_s.Table("billing", "payments_2024").Partitioned, Is.False);
        Assert.That(_s.Table("public", "customers").Comment, Is.EqualTo("People who buy things"));
        Assert.That(_s.Table("public", "active_customers").Definition, Does.Contain("FROM customers c").And.Contain("WHERE (c.created_at >"));
        Assert.That(_s.Table("public", "product_sales").Definition, Does.Contain("sum(i.quantity) AS sold"));
        Assert.That(_s.Table("public", "product_sales").Column("sold").Type, Is.EqualTo("bigint"));
        Assert.That(_s.Table("public", "customers").Definition, Is.Null);
    }

    [Test]
    public void Column_types_families_nullability_defaults_and_sizes()
    {
        var customers = _s.Table("public", "customers");
        Assert.That(customers.Columns.Select(c => c.Name), Is.EqualTo(new[] { "id", "tenant_id", "email", "display_name", "created_at" }));
        Assert.That(customers.Columns.Select(c => c.Ordinal), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));

        var email = customers.Column("email");
        Assert.That((email.Type, email.Family, email.Nullable, email.MaxLength, email.Comment),
            Is.EqualTo(("email_address", "string", false, (int?)254, "Login e-mail")), "a domain keeps its name; the base type decides family and length");
        Assert.That((customers.Column("created_at").Type, customers.Column("created_at").Family, customers.Column("created_at").Default),
            Is.EqualTo(("timestamp with time zone", "datetimeoffset", "now()")));
        Assert.That(customers.Column("tenant_id").Default, Is.EqualTo("1"));
        Assert.That(customers.Column("display_name").Collation, Is.EqualTo("C"));
        Assert.That(customers.Column("tenant_id").Collation, Is.Null);

        var products = _s.Table("public", "products");
        Assert.That((products.Column("sku").Type, products.Column("sku").Family, products.Column("sku").MaxLength),
            Is.EqualTo(("character varying(32)", "string", (int?)32)));
        var price = products.Column("price");
        Assert.That((price.Type, price.Family, price.Precision, price.Scale, price.Nullable), Is.EqualTo(("numeric(10,2)", "decimal", (int?)10, (int?)2, false)));
        Assert.That((products.Column("tags").Type, products.Column("tags").Family, products.Column("tags").Default), Is.EqualTo(("text[]", "array", "'{}'::text[]")));
        Assert.That((products.Column("attributes").Family, products.Column("attributes").Nullable), Is.EqualTo(("json", true)));
        Assert.That(products.Column("discontinued").Default, Is.EqualTo("false"));
        Assert.That(products.Column("released").Default, Is.EqualTo("'2024-01-31'::date"));

        var placedAt = _s.Table("public", "orders").Column("placed_at");
        Assert.That((placedAt.Type, placedAt.Family, placedAt.Default),
            Is.EqualTo(("timestamp(3) without time zone", "datetime", "'2020-01-01 00:00:00'::timestamp without time zone")));
        Assert.That(_s.Table("public", "order_items").Column("line_no").Family, Is.EqualTo("int16"));
    }

    [Test]
    public void Identity_serial_and_generated_columns()
    {
        var id = _s.Table("public", "customers").Column("id");
        Assert.That((id.Identity, id.Default, id.Nullable, id.PrimaryKey), Is.EqualTo(("always", (string?)null, false, true)));
        Assert.That(_s.Table("public", "orders").Column("id").Identity, Is.EqualTo("by_default"));
        var serial = _s.Table("public", "products").Column("id");
        Assert.That((serial.Type, serial.Identity, serial.Default), Is.EqualTo(("integer", (string?)null, "nextval('products_id_seq'::regclass)")));
        Assert.That(_s.Table("billing", "invoices").Column("id").Default, Is.EqualTo("nextval('billing.invoices_id_seq'::regclass)"));
        var total = _s.Table("public", "order_items").Column("line_total");
        Assert.That((total.Generated, total.GenerationExpression, total.Default), Is.EqualTo(("stored", "((quantity)::numeric * unit_price)", (string?)null)));
    }

    [Test]
    public void Enums_and_enum_columns()
    {
        Assert.That(_s.Enums.Select(e => e.Schema + "." + e.Name + "=" + string.Join("|", e.Values)), Is.EqualTo(new[]
        {
            "billing.Currency Code=EUR|USD|it's",
            "public.order_status=pending|paid|shipped|cancelled",
        }));
        var status = _s.Table("public", "orders").Column("status");
        Assert.That((status.Type, status.Family, status.EnumType, status.Default),
            Is.EqualTo(("order_status", "enum", "public.order_status", "'pending'::order_status")));
        var currency = _s.Table("billing", "invoices").Column("currency");
        Assert.That((currency.Type, currency.Family, currency.EnumType), Is.EqualTo(("billing.\"Currency Code\"", "enum", "billing.Currency Code")));
    }

    [Test]
    public void Primary_unique_and_foreign_keys()
    {
        var items = _s.Table("public", "order_items");
        Assert.That(items.PrimaryKey!.Name, Is.EqualTo("order_items_pkey"));
        Assert.That(items.PrimaryKey.Columns, Is.EqualTo(new[] { "order_id", "line_no" }));
        Assert.That(items.Columns.Where(c => c.PrimaryKey).Select(c => c.Name), Is.EqualTo(new[] { "order_id", "line_no" }));

        var toOrders = items.ForeignKey("order_items_order_id_fkey");
        Assert.That((toOrders.ReferencedSchema, toOrders.ReferencedTable, toOrders.OnDelete, toOrders.OnUpdate, toOrders.Validated),
            Is.EqualTo(("public", "orders", "CASCADE", "RESTRICT", true)));
        Assert.That(toOrders.Columns, Is.EqualTo(new[] { "order_id" }));
        Assert.That(toOrders.ReferencedColumns, Is.EqualTo(new[] { "id" }));
        var toProducts = items.ForeignKey("order_items_product_fk");
        Assert.That((toProducts.OnDelete, toProducts.OnUpdate, toProducts.Validated), Is.EqualTo(("SET NULL", "NO ACTION", false)), "NOT VALID");
        var crossSchema = _s.Table("billing", "invoices").ForeignKey("invoices_order_id_fkey");
        Assert.That((crossSchema.ReferencedSchema, crossSchema.ReferencedTable, crossSchema.OnDelete), Is.EqualTo(("public", "orders", "SET NULL")));

        var customers = _s.Table("public", "customers");
        Assert.That(customers.UniqueConstraints.Select(u => u.Name + "(" + string.Join(",", u.Columns) + ")"),
            Is.EqualTo(new[] { "customers_email_key(tenant_id,email)" }));
        Assert.That(customers.ForeignKey("customers_tenant_id_fkey").OnDelete, Is.EqualTo("NO ACTION"));
        Assert.That(_s.Table("public", "order").PrimaryKey, Is.Null);
    }

    [Test]
    public void Indexes_with_order_expressions_predicates_methods_and_validity()
    {
        var orders = _s.Table("public", "orders");
        Assert.That(orders.Indexes.Select(i => i.Name), Is.EqualTo(new[] { "orders_customer_placed_idx", "orders_pending_idx", "orders_pkey" }));
        var composite = orders.Index("orders_customer_placed_idx");
        Assert.That(composite.Keys(), Is.EqualTo(new[] { "customer_id", "placed_at DESC" }));
        Assert.That((composite.Unique, composite.Primary, composite.Method, composite.Predicate, composite.Valid), Is.EqualTo((false, false, "btree", (string?)null, true)));
        Assert.That(orders.Index("orders_pending_idx").Predicate, Is.EqualTo("(status = 'pending'::order_status)"));
        Assert.That((orders.Index("orders_pkey").Primary, orders.Index("orders_pkey").Unique), Is.EqualTo((true, true)));

        var lower = _s.Table("public", "customers").Index("customers_email_lower_idx");
        Assert.That((lower.Keys().Single(), lower.Unique), Is.EqualTo(("expr:lower(email::text)", true)));
        var partialUnique = _s.Table("billing", "invoices").Index("invoices_open_number_idx");
        Assert.That((partialUnique.Keys().Single(), partialUnique.Unique, partialUnique.Predicate), Is.EqualTo(("number", true, "(NOT paid)")));
        Assert.That(_s.Table("public", "audit_log").Index("audit_log_action_hash").Method, Is.EqualTo("hash"));
        Assert.That(_s.Table("public", "products").Index("products_tags_gin").Method, Is.EqualTo("gin"));
        var invalid = _s.Table("public", "dup").Index("dup_v_unique");
        Assert.That((invalid.Valid, invalid.Unique), Is.EqualTo((false, true)), "left behind by a failed CREATE INDEX CONCURRENTLY");
    }

    [Test]
    public void Check_constraints_as_the_catalog_prints_them()
    {
        Assert.That(_s.Table("public", "customers").Checks.Select(c => c.Name + ": " + c.Expression),
            Is.EqualTo(new[] { "customers_name_len: (char_length(display_name) <= 200)" }));
        Assert.That(_s.Table("public", "products").Checks.Select(c => c.Name + ": " + c.Expression),
            Is.EqualTo(new[] { "products_price_check: (price >= (0)::numeric)" }));
        Assert.That(_s.Table("public", "order_items").Checks.Single().Expression, Is.EqualTo("(quantity > 0)"));
    }

    [Test]
    public void Functions_procedures_overloads_and_their_settings()
    {
        Assert.That(_s.Routines.Select(r => r.Schema + "." + r.Name + ":" + r.Kind), Is.EqualTo(new[]
        {
            "billing.archive_orders:procedure", "public.audit_trigger:function", "public.order_total:function",
            "public.order_total:function", "public.place_order:function",
        }));
        var place = _s.Routine("public", "place_order", "p_customer bigint, p_note text DEFAULT NULL::text");
        Assert.That(place.ArgumentTypes, Is.EqualTo(new[] { "bigint", "text" }));
        Assert.That((place.DefaultedArguments, place.ReturnType, place.Language, place.SecurityDefiner, place.SearchPath, place.Volatility),
            Is.EqualTo((1, "bigint", "plpgsql", true, "public, pg_temp", "volatile")));
        var total1 = _s.Routine("public", "order_total", "p_order bigint");
        Assert.That((total1.ReturnType, total1.Language, total1.Volatility, total1.SecurityDefiner, total1.SearchPath),
            Is.EqualTo(("numeric", "sql", "stable", false, (string?)null)));
        Assert.That(_s.Routine("public", "order_total", "p_order bigint, p_tax numeric").Volatility, Is.EqualTo("immutable"));
        var archive = _s.Routine("billing", "archive_orders", "IN before date, INOUT archived integer DEFAULT 0");
        Assert.That((archive.ReturnType, archive.DefaultedArguments, string.Join(",", archive.ArgumentTypes)), Is.EqualTo(((string?)null, 1, "date,integer")));
        Assert.That(_s.Routine("public", "audit_trigger", "").ReturnType, Is.EqualTo("trigger"));
    }

    [Test]
    public void Triggers_with_timing_events_level_function_and_state()
    {
        var audit = _s.Table("public", "orders").Trigger("orders_audit");
        Assert.That((audit.Timing, string.Join(",", audit.Events), audit.Level, audit.Function, audit.FunctionExists, audit.Enabled),
            Is.EqualTo(("AFTER", "INSERT,UPDATE", "ROW", "public.audit_trigger", true, true)));
        Assert.That(audit.Definition, Does.StartWith("CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON public.orders"));
        var touch = _s.Table("public", "customers").Trigger("customers_touch");
        Assert.That((touch.Timing, string.Join(",", touch.Events), touch.Enabled), Is.EqualTo(("BEFORE", "UPDATE", false)));
        var truncate = _s.Table("public", "audit_log").Trigger("audit_truncate");
        Assert.That((string.Join(",", truncate.Events), truncate.Level), Is.EqualTo(("TRUNCATE", "STATEMENT")));
        Assert.That(_s.Table("public", "orders").Triggers, Has.Count.EqualTo(1), "the internal triggers behind foreign keys are not listed");
    }

    [Test]
    public void Row_level_security_flags_and_policies()
    {
        var orders = _s.Table("public", "orders");
        Assert.That((orders.RlsEnabled, orders.RlsForced), Is.EqualTo(((bool?)true, (bool?)true)));
        Assert.That((_s.Table("public", "customers").RlsEnabled, _s.Table("public", "customers").RlsForced), Is.EqualTo(((bool?)false, (bool?)false)));
        Assert.That(_s.Table("public", "active_customers").RlsEnabled, Is.Null, "views have no RLS flags");

        Assert.That(orders.Policies.Select(p => p.Name), Is.EqualTo(new[] { "orders_insert", "tenant_isolation" }));
        var insert = orders.Policies[0];
        Assert.That((insert.Command, insert.Permissive, string.Join(",", insert.Roles), insert.Using, insert.WithCheck),
            Is.EqualTo(("INSERT", false, _role, (string?)null, "(status = 'pending'::order_status)")));
        var select = orders.Policies[1];
        Assert.That((select.Command, select.Permissive, string.Join(",", select.Roles), select.Using, select.WithCheck),
            Is.EqualTo(("SELECT", true, "public", "(tenant_id = (current_setting('app.tenant'::text))::integer)", (string?)null)));
    }

    [Test]
    public void Hostile_identifiers_come_back_exactly()
    {
        var mixed = _s.Table("public", "Mixed Case Table");
        Assert.That(mixed.Columns.Select(c => c.Name), Is.EqualTo(new[] { "Id", "select", "Space Column", "quote\"d", "naïve_日本語" }));
        Assert.That(mixed.PrimaryKey!.Columns, Is.EqualTo(new[] { "Id" }));
        Assert.That(mixed.PrimaryKey.Name, Is.EqualTo("Mixed Case Table_pkey"));
        Assert.That(_s.Table("public", "users").Columns.Select(c => c.Name), Is.EqualTo(new[] { "id", "Email", "email" }));
        Assert.That(_s.Table("public", "Users").Columns.Select(c => c.Name), Is.EqualTo(new[] { "id" }), "users and \"Users\" are different tables");
        Assert.That(_s.Table("public", "order").Columns.Select(c => c.Name), Is.EqualTo(new[] { "group", "from" }));
        var longName = _s.Table("public", PostgresTestSchema.Name63);
        Assert.That((longName.Name.Length, longName.Columns.Single().Name), Is.EqualTo((63, PostgresTestSchema.Column63)));
        Assert.That(_s.Table("public", "Odd View").Definition, Does.Contain("\"Mixed Case Table\""));
    }

    [Test]
    public void Statistics_are_in_the_cache_flavor_only()
    {
        Assert.That(_s.Table("public", "tenants").RowEstimate, Is.EqualTo(3));
        Assert.That(_s.Table("public", "orders").RowEstimate, Is.Null, "never analyzed: unknown, not zero");
        Assert.That(_s.Table("public", "tenants").Index("tenants_pkey").Scans, Is.Not.Null);
        var cache = SnapshotSerializer.Write(_s, SnapshotFlavor.Cache);
        var committed = SnapshotSerializer.Write(_s, SnapshotFlavor.Committed);
        Assert.That(cache, Does.Contain("\"rowEstimate\"").And.Contain("\"scans\"").And.Contain(_db.Name));
        Assert.That(committed, Does.Not.Contain("\"rowEstimate\"").And.Not.Contain("\"scans\"").And.Not.Contain(_db.Name).And.Not.Contain("serverVersion"));
    }

    [Test]
    public void Query_count_is_small()
    {
        Assert.That(_queries, Is.InRange(5, 12));
    }

    [Test]
    public async Task Equal_schemas_give_identical_committed_json()
    {
        var first = SnapshotSerializer.Write(_s, SnapshotFlavor.Committed);
        var again = SnapshotSerializer.Write(await _db.ReadAsync(), SnapshotFlavor.Committed);
        Assert.That(again, Is.EqualTo(first), "two reads of one database");
        await using var twin = await CreateShopAsync(_role);
        // Same schema, different history: a dropped column leaves a gap in attnum that must not show.
        await twin.ExecuteAsync("ALTER TABLE tenants DROP COLUMN name; ALTER TABLE tenants ADD COLUMN name text NOT NULL;");
        var twinJson = SnapshotSerializer.Write(await twin.ReadAsync(), SnapshotFlavor.Committed);
        Assert.That(twinJson, Is.EqualTo(first), "a second database built from the same script");
    }
}
