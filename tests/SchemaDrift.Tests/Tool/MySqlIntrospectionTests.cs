using System.Diagnostics;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Introspection.MySql;

namespace SchemaDrift.Tests.Tool;

/// <summary>Reads <see cref="MySqlTestSchema"/> from a real MariaDB/MySQL server and checks the snapshot fact by fact.</summary>
[Category("Database")]
public class MySqlIntrospectionTests
{
    private TestDatabase _db = null!;
    private SchemaSnapshot _s = null!;
    private string _schema = null!;
    private int _queries;
    private bool _mariaDb;

    [OneTimeSetUp]
    public async Task LoadSchema()
    {
        _db = await TestDatabase.CreateAsync(SqlProviders.MySql, MySqlTestSchema.Sql);
        await _db.ExecuteAsync("INSERT INTO tenants VALUES (1, 'a'), (2, 'b'), (3, 'c'); ANALYZE TABLE tenants;");
        await using var opened = await _db.OpenReaderAsync();
        var clock = Stopwatch.StartNew();
        _s = await opened.Reader.ReadAsync(CancellationToken.None);
        _queries = opened.Reader.QueryCount;
        _schema = _db.Name;
        _mariaDb = MySqlFlavor.Parse(_s.ServerVersion).IsMariaDb;
        TestContext.Progress.WriteLine("MySQL shop schema (" + _s.ServerVersion + "): " + _s.Tables.Count + " relations read with " + _queries + " queries in " + clock.ElapsedMilliseconds + " ms");
    }

    [OneTimeTearDown]
    public async Task DropSchema()
    {
        if (_db != null) await _db.DisposeAsync();
    }

    private TableInfo T(string name) => _s.Table(_schema, name);

    [Test]
    public void Database_is_the_one_schema_and_table_name_case_is_recorded()
    {
        Assert.That((_s.Provider, _s.Database, _s.DefaultSchema), Is.EqualTo(("mysql", _schema, _schema)));
        Assert.That(_s.Schemas, Is.EqualTo(new[] { _schema }));
        Assert.That(_s.CaseSensitiveTableNames, Is.True, "lower_case_table_names = 0 on Linux");
        Assert.That(SnapshotSerializer.Write(_s, SnapshotFlavor.Committed), Does.Contain("\"caseSensitiveTableNames\": true"));
        Assert.That(_s.Enums, Is.Empty, "MySQL enums are inline on the column");
    }

    [Test]
    public void Tables_views_and_partitioning()
    {
        Assert.That(_s.Tables.Select(t => t.Name + ":" + SnapshotSerializer.KindName(t.Kind)), Is.EqualTo(new[]
        {
            "Mixed Case Table:table", "Odd View:view", "active_customers:view", "audit_log:table", "customers:table",
            "order:table", "order_items:table", "orders:table", "products:table", MySqlTestSchema.Name64 + ":table", "tenants:table",
        }));
        Assert.That(T("audit_log").Partitioned, Is.True);
        Assert.That(T("orders").Partitioned, Is.False);
        Assert.That(T("customers").Comment, Is.EqualTo("People who buy things"));
        Assert.That(T("orders").Comment, Is.Null);
        Assert.That(T("active_customers").Definition, Does.Contain("from `" + _schema + "`.`customers` `c` where `c`.`created_at` > '2000-01-01'"));
        Assert.That(T("active_customers").Comment, Is.Null);
    }

    [Test]
    public void Column_types_families_nullability_defaults_and_sizes()
    {
        var customers = T("customers");
        Assert.That(customers.Columns.Select(c => c.Name + ":" + c.Ordinal), Is.EqualTo(new[]
        {
            "id:1", "tenant_id:2", "email:3", "display_name:4", "created_at:5", "preferences:6",
        }));
        var email = customers.Column("email");
        Assert.That((email.Type, email.Family, email.Nullable, email.MaxLength, email.Default, email.Collation),
            Is.EqualTo(("varchar(254)", "string", false, (int?)254, (string?)null, (string?)null)));
        Assert.That(customers.Column("display_name").Collation, Is.EqualTo("utf8mb4_bin"), "differs from the table's utf8mb4_unicode_ci");
        Assert.That(customers.Column("tenant_id").Default, Is.EqualTo("1"));
        Assert.That(customers.Column("created_at").Default, Is.EqualTo(_mariaDb ? "current_timestamp()" : "CURRENT_TIMESTAMP"));
        Assert.That(customers.Column("preferences").Family, Is.EqualTo("json"), "MariaDB's JSON is LONGTEXT + json_valid check");

        var products = T("products");
        var price = products.Column("price");
        Assert.That((price.Type, price.Family, price.Precision, price.Scale), Is.EqualTo(("decimal(10,2)", "decimal", (int?)10, (int?)2)));
        Assert.That((products.Column("is_visible").Type, products.Column("is_visible").Family), Is.EqualTo(("tinyint(1)", "bool")));
        Assert.That(products.Column("id").Type, Does.StartWith("bigint").And.EndWith("unsigned"));
        Assert.That((products.Column("description").Type, products.Column("description").Nullable, products.Column("description").Default),
            Is.EqualTo(("text", true, (string?)null)), "a nullable column without default has no default, whatever the server prints");
        var placedAt = T("orders").Column("placed_at");
        Assert.That((placedAt.Type, placedAt.Family, placedAt.Nullable), Is.EqualTo(("datetime(3)", "datetime", false)));
        Assert.That(T("orders").Column("note").Comment, Is.EqualTo("free text"));
        Assert.That(T("audit_log").Column("at").Default, Is.EqualTo(_mariaDb ? "'2020-01-01 00:00:00'" : "2020-01-01 00:00:00"), "read in UTC");
        Assert.That(T("active_customers").Column("id").Default, Is.Null, "view columns have no defaults");
    }

    [Test]
    public void Enum_and_set_values()
    {
        var status = T("products").Column("status");
        Assert.That((status.Type, status.Family, status.Default), Is.EqualTo(("enum('active','discontinued','it''s')", "enum", _mariaDb ? "'active'" : "active")));
        Assert.That(status.EnumValues, Is.EqualTo(new[] { "active", "discontinued", "it's" }));
        var flags = T("products").Column("flags");
        Assert.That((flags.Family, string.Join("|", flags.EnumValues!)), Is.EqualTo(("set", "new|sale")));
        Assert.That(T("orders").Column("status").EnumValues, Is.EqualTo(new[] { "pending", "paid", "shipped" }));
        Assert.That(T("orders").Column("note").EnumValues, Is.Null);
    }

    [Test]
    public void Auto_increment_and_generated_columns()
    {
        Assert.That(T("orders").Column("id").Identity, Is.EqualTo("auto_increment"));
        Assert.That(T("tenants").Column("id").Identity, Is.Null);
        var stored = T("order_items").Column("line_total");
        Assert.That((stored.Generated, stored.GenerationExpression, stored.Default), Is.EqualTo(("stored", "`quantity` * `unit_price`", (string?)null)));
        var virtualColumn = T("order_items").Column("is_bulk");
        Assert.That((virtualColumn.Generated, virtualColumn.GenerationExpression), Is.EqualTo(("virtual", "`quantity` >= 100")));
    }

    [Test]
    public void Primary_unique_and_foreign_keys()
    {
        var items = T("order_items");
        Assert.That((items.PrimaryKey!.Name, string.Join(",", items.PrimaryKey.Columns)), Is.EqualTo(("PRIMARY", "order_id,line_no")));
        Assert.That(items.Columns.Where(c => c.PrimaryKey).Select(c => c.Name), Is.EqualTo(new[] { "order_id", "line_no" }));
        var toOrders = items.ForeignKey("order_items_order_fk");
        Assert.That((toOrders.ReferencedSchema, toOrders.ReferencedTable, string.Join(",", toOrders.ReferencedColumns), toOrders.OnDelete),
            Is.EqualTo((_schema, "orders", "id", "CASCADE")));
        Assert.That(items.ForeignKey("order_items_product_fk").OnDelete, Is.EqualTo("SET NULL"));
        var ordersFk = T("orders").ForeignKey("orders_customer_fk");
        Assert.That((string.Join(",", ordersFk.Columns), ordersFk.OnDelete, ordersFk.OnUpdate), Is.EqualTo(("customer_id", "CASCADE", "RESTRICT")));
        Assert.That(T("customers").UniqueConstraints.Select(u => u.Name + "(" + string.Join(",", u.Columns) + ")"),
            Is.EqualTo(new[] { "customers_email_key(tenant_id,email)" }));
        Assert.That(T("audit_log").PrimaryKey!.Columns, Is.EqualTo(new[] { "id", "at" }));
        Assert.That(T("order").PrimaryKey, Is.Null);
    }

    [Test]
    public void Indexes_with_order_prefixes_and_methods()
    {
        var orders = T("orders");
        Assert.That(orders.Indexes.Select(i => i.Name), Is.EqualTo(new[] { "PRIMARY", "orders_customer_placed_idx" }).Or.EqualTo(new[] { "PRIMARY", "orders_customer_fk", "orders_customer_placed_idx" }));
        var composite = orders.Index("orders_customer_placed_idx");
        Assert.That((string.Join(",", composite.Keys()), composite.Unique, composite.Method), Is.EqualTo(("customer_id,placed_at DESC", false, "btree")));
        var primary = orders.Index("PRIMARY");
        Assert.That((primary.Primary, primary.Unique), Is.EqualTo((true, true)));
        var fullText = T("products").Index("products_name_ft");
        Assert.That((string.Join(",", fullText.Keys()), fullText.Method), Is.EqualTo(("name,description", "fulltext")));
        Assert.That(T("products").Index("products_sku_key").Unique, Is.True);
        Assert.That(T("customers").Index("customers_name_prefix").Keys(), Is.EqualTo(new[] { "display_name" }), "a prefix index keys the column");
        Assert.That(T("order_items").Index("order_items_product_fk").Keys(), Is.EqualTo(new[] { "product_id" }), "InnoDB's own index for the foreign key");
    }

    [Test]
    public void Check_constraints()
    {
        Assert.That(T("order_items").Checks.Select(c => c.Name + ": " + c.Expression), Is.EqualTo(new[] { "order_items_quantity_positive: `quantity` > 0" }));
        Assert.That(T("customers").Checks.Select(c => c.Name), Does.Contain("customers_name_len"));
        Assert.That(T("customers").Checks.Single(c => c.Name == "customers_name_len").Expression, Is.EqualTo("char_length(`display_name`) <= 200"));
        Assert.That(T("products").Checks.Single().Expression, Is.EqualTo("`price` >= 0"), "a column-level check");
        Assert.That(T("products").Checks.Single().Validated, Is.True);
    }

    [Test]
    public void Functions_and_procedures()
    {
        Assert.That(_s.Routines.Select(r => r.Name + ":" + r.Kind), Is.EqualTo(new[] { "archive_orders:procedure", "order_total:function" }));
        var total = _s.Routines.Single(r => r.Name == "order_total");
        Assert.That(total.Arguments, Does.Match(@"^p_order bigint(\(20\))?$"));
        Assert.That((total.ReturnType, total.Language, total.SecurityDefiner, total.Volatility, total.SearchPath, total.DefaultedArguments),
            Is.EqualTo(("decimal(12,2)", "SQL", true, "immutable", (string?)null, 0)));
        var archive = _s.Routines.Single(r => r.Name == "archive_orders");
        Assert.That(archive.Arguments, Does.Match(@"^p_before date, OUT p_count int(\(11\))?$"));
        Assert.That(archive.ArgumentTypes[0], Is.EqualTo("date"));
        Assert.That((archive.ReturnType, archive.SecurityDefiner, archive.Volatility), Is.EqualTo(((string?)null, false, "volatile")));
    }

    [Test]
    public void Triggers_with_timing_events_and_bodies()
    {
        var audit = T("orders").Trigger("orders_audit");
        Assert.That((audit.Timing, string.Join(",", audit.Events), audit.Level, audit.Function, audit.Enabled),
            Is.EqualTo(("AFTER", "INSERT", "ROW", (string?)null, true)));
        Assert.That(audit.Definition, Is.EqualTo("INSERT INTO audit_log (table_name, action, at) VALUES ('orders', 'insert', '2024-06-01')"));
        var touch = T("customers").Trigger("customers_touch");
        Assert.That((touch.Timing, string.Join(",", touch.Events)), Is.EqualTo(("BEFORE", "UPDATE")));
        Assert.That(touch.Definition, Does.Contain("SET NEW.email = LOWER(NEW.email);"));
    }

    [Test]
    public void Hostile_identifiers_come_back_exactly()
    {
        Assert.That(T("Mixed Case Table").Columns.Select(c => c.Name), Is.EqualTo(new[] { "Id", "select", "Space Column", "back`tick", "quote\"d", "naïve_日本語" }));
        Assert.That(T("order").Columns.Select(c => c.Name), Is.EqualTo(new[] { "group", "from" }));
        var longName = T(MySqlTestSchema.Name64);
        Assert.That((longName.Name.Length, longName.Columns.Single().Name), Is.EqualTo((64, MySqlTestSchema.Column64)));
        Assert.That(T("Odd View").Columns.Select(c => c.Name), Is.EqualTo(new[] { "Id", "select" }));
        Assert.That(T("Odd View").Column("select").Collation, Is.Null, "same collation as the database");
    }

    [Test]
    public void Row_estimates_are_in_the_cache_flavor_only()
    {
        Assert.That(T("tenants").RowEstimate, Is.EqualTo(3));
        Assert.That(T("active_customers").RowEstimate, Is.Null);
        Assert.That(SnapshotSerializer.Write(_s, SnapshotFlavor.Cache), Does.Contain("\"rowEstimate\":3"));
        Assert.That(SnapshotSerializer.Write(_s, SnapshotFlavor.Committed), Does.Not.Contain("rowEstimate").And.Not.Contain("serverVersion"));
    }

    [Test]
    public void Query_count_is_small()
    {
        Assert.That(_queries, Is.InRange(5, 12));
    }

    [Test]
    public async Task Two_reads_give_identical_committed_json()
    {
        var again = await _db.ReadAsync();
        Assert.That(SnapshotSerializer.Write(again, SnapshotFlavor.Committed), Is.EqualTo(SnapshotSerializer.Write(_s, SnapshotFlavor.Committed)));
    }

}

/// <summary>The parts of the MySQL reader that need no server.</summary>
public class MySqlReaderUnitTests
{
    [TestCase("enum('a','b')", new[] { "a", "b" })]
    [TestCase("enum('it''s','x,y','(z)')", new[] { "it's", "x,y", "(z)" })]
    [TestCase(@"set('back\\slash','')", new[] { @"back\slash", "" })]
    public void Enum_labels_are_unescaped(string columnType, string[] labels)
    {
        Assert.That(MySqlSchemaReader.ParseLabels(columnType), Is.EqualTo(labels));
    }

    [TestCase("10.11.6-MariaDB-0+deb12u1", true, "10.11.6", false, true)]
    [TestCase("5.5.5-10.4.1-MariaDB", true, "10.4.1", false, true)]
    [TestCase("8.0.36", false, "8.0.36", true, true)]
    [TestCase("8.0.12-log", false, "8.0.12", false, false)]
    [TestCase("5.7.44", false, "5.7.44", false, false)]
    public void Server_flavor_decides_which_catalog_columns_exist(string version, bool mariaDb, string parsed, bool indexExpressions, bool checks)
    {
        var flavor = MySqlFlavor.Parse(version);
        Assert.That((flavor.IsMariaDb, flavor.Version.ToString(), flavor.HasIndexExpressions, flavor.HasCheckConstraints),
            Is.EqualTo((mariaDb, parsed, indexExpressions, checks)));
    }
}
