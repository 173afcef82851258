using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Introspection.Sqlite;

namespace SchemaDrift.Tests.Tool;

/// <summary>Introspection of real SQLite files with the product's reader.</summary>
public class SqliteIntrospectionTests
{
    private const string Ddl = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email VARCHAR(120) NOT NULL UNIQUE,
            display_name TEXT DEFAULT 'anon',
            created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            CONSTRAINT email_has_at CHECK (instr(email, '@') > 0)
        );
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE ON UPDATE SET NULL,
            total NUMERIC(10,2),
            status TEXT NOT NULL CHECK (status IN ('new', 'paid', 'shipped')),
            total_with_tax REAL GENERATED ALWAYS AS (total * 1.2) VIRTUAL,
            stored_copy TEXT AS (upper(status)) STORED
        );
        CREATE INDEX ix_orders_user_status ON orders (user_id, status DESC) WHERE status <> 'shipped';
        CREATE TABLE "Order Lines" ("line id" INTEGER, "order" INTEGER REFERENCES orders, qty INT, PRIMARY KEY ("line id", "order")) WITHOUT ROWID;
        CREATE VIEW paid_orders AS SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = 'paid';
        CREATE TRIGGER orders_audit AFTER UPDATE OF status ON orders BEGIN SELECT 1; END;
        """;

    private static SchemaSnapshot Snapshot => TestSnapshots.FromSqlite(Ddl);

    [Test]
    public void Tables_views_and_columns_with_types_nullability_defaults_and_keys()
    {
        var s = Snapshot;
        Assert.That(s.Provider, Is.EqualTo("sqlite"));
        Assert.That(s.Tables.Select(t => t.Name), Is.EqualTo(new[] { "Order Lines", "orders", "paid_orders", "users" }), "sorted, sqlite_sequence excluded");

        var users = s.Tables.Single(t => t.Name == "users");
        Assert.That(users.Kind, Is.EqualTo(TableKind.Table));
        var id = users.Columns[0];
        Assert.That((id.Name, id.Type, id.Family, id.Nullable, id.PrimaryKey, id.Identity), Is.EqualTo(("id", "INTEGER", "int64", false, true, "autoincrement")));
        var email = users.Columns[1];
        Assert.That((email.Type, email.Family, email.Nullable, email.MaxLength), Is.EqualTo(("VARCHAR(120)", "string", false, (int?)120)));
        Assert.That(users.Columns[2].Default, Is.EqualTo("'anon'"));
        Assert.That(users.Columns[3].Family, Is.EqualTo("datetime"));
        Assert.That(users.PrimaryKey!.Columns, Is.EqualTo(new[] { "id" }));
        Assert.That(users.UniqueConstraints.Single().Columns, Is.EqualTo(new[] { "email" }));
        Assert.That(users.Checks.Single().Name, Is.EqualTo("email_has_at"));
        Assert.That(users.Checks.Single().Expression, Does.Contain("instr"));

        var view = s.Tables.Single(t => t.Name == "paid_orders");
        Assert.That(view.Kind, Is.EqualTo(TableKind.View));
        Assert.That(view.Columns.Select(c => c.Name), Is.EqualTo(new[] { "id", "email" }));
    }

    [Test]
    public void Foreign_keys_indexes_checks_generated_columns_and_triggers()
    {
        var orders = Snapshot.Tables.Single(t => t.Name == "orders");
        var fk = orders.ForeignKeys.Single();
        Assert.That((fk.ReferencedTable, fk.OnDelete, fk.OnUpdate), Is.EqualTo(("users", "CASCADE", "SET NULL")));
        Assert.That(fk.Columns, Is.EqualTo(new[] { "user_id" }));
        Assert.That(fk.ReferencedColumns, Is.EqualTo(new[] { "id" }));

        var ix = orders.Indexes.Single(i => i.Name == "ix_orders_user_status");
        Assert.That(ix.Columns.Select(c => (c.Name, c.Descending)), Is.EqualTo(new[] { ("user_id", false), ("status", true) }));
        Assert.That(ix.Predicate, Is.EqualTo("status <> 'shipped'"));
        Assert.That(ix.Unique, Is.False);

        Assert.That(orders.Checks.Single().Expression, Is.EqualTo("status IN ('new', 'paid', 'shipped')"));
        var generated = orders.Columns.Single(c => c.Name == "total_with_tax");
        Assert.That((generated.Generated, generated.GenerationExpression), Is.EqualTo(("virtual", "total * 1.2")));
        Assert.That(orders.Columns.Single(c => c.Name == "stored_copy").Generated, Is.EqualTo("stored"));
        Assert.That(orders.Columns.Single(c => c.Name == "total").Precision, Is.EqualTo(10));

        var trigger = orders.Triggers.Single();
        Assert.That((trigger.Name, trigger.Timing), Is.EqualTo(("orders_audit", "AFTER")));
        Assert.That(trigger.Events, Is.EqualTo(new[] { "UPDATE" }));
    }

    [Test]
    public void Without_rowid_tables_quoted_names_and_implicit_foreign_key_targets()
    {
        var lines = Snapshot.Tables.Single(t => t.Name == "Order Lines");
        Assert.That(lines.WithoutRowId, Is.True);
        Assert.That(lines.Columns.Select(c => c.Name), Is.EqualTo(new[] { "line id", "order", "qty" }));
        Assert.That(lines.Columns.Where(c => c.PrimaryKey).All(c => !c.Nullable), "WITHOUT ROWID primary keys are NOT NULL");
        Assert.That(lines.PrimaryKey!.Columns, Is.EqualTo(new[] { "line id", "order" }));
        var fk = lines.ForeignKeys.Single();
        Assert.That(fk.ReferencedColumns, Is.EqualTo(new[] { "id" }), "REFERENCES orders means orders' primary key");
    }

    [Test]
    public void Repeated_names_and_types_are_shared_but_never_confused()
    {
        // "Aa" and "BB" have the same hash in the reader's string pool; "Ä" and "A" differ only
        // past ASCII; the same column names and types repeat across tables.
        var s = TestSnapshots.FromSqlite("""
            CREATE TABLE "Aa" ("Aa" INTEGER, "BB" TEXT, "Ä" VARCHAR(3), "A" "Ä type", "Ünïcødé 名前" INTEGER);
            CREATE TABLE "BB" ("BB" TEXT, "Aa" INTEGER REFERENCES "Aa"("Aa"), "emoji 😀" TEXT);
            """);
        var aa = s.Tables.Single(t => t.Name == "Aa");
        var bb = s.Tables.Single(t => t.Name == "BB");
        Assert.That(aa.Columns.Select(c => (c.Name, c.Type)), Is.EqualTo(new[]
        {
            ("Aa", "INTEGER"), ("BB", "TEXT"), ("Ä", "VARCHAR(3)"), ("A", "Ä type"), ("Ünïcødé 名前", "INTEGER"),
        }));
        Assert.That(bb.Columns.Select(c => (c.Name, c.Type)), Is.EqualTo(new[] { ("BB", "TEXT"), ("Aa", "INTEGER"), ("emoji 😀", "TEXT") }));
        Assert.That((bb.ForeignKeys.Single().ReferencedTable, bb.ForeignKeys.Single().ReferencedColumns.Single()), Is.EqualTo(("Aa", "Aa")));
        Assert.That(aa.Columns[2].MaxLength, Is.EqualTo(3));
    }

    [Test]
    public void Catalog_queries_do_not_grow_with_the_number_of_tables()
    {
        int QueriesFor(int tables)
        {
            var ddl = string.Concat(Enumerable.Range(0, tables).Select(i => $"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT, p INTEGER REFERENCES t0(id)); CREATE INDEX ix{i} ON t{i}(v);"));
            var path = Path.Combine(Path.GetTempPath(), "sd-count-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                using (var c = new SqliteConnection("Data Source=" + path + ";Pooling=False"))
                {
                    c.Open();
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = ddl;
                    cmd.ExecuteNonQuery();
                }
                using var connection = SqliteSchemaReader.Open(path, 5);
                var reader = new SqliteSchemaReader(connection, path);
                var snapshot = reader.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
                Assert.That(snapshot.Tables, Has.Count.EqualTo(tables));
                return reader.QueryCount;
            }
            finally
            {
                File.Delete(path);
            }
        }

        var small = QueriesFor(3);
        Assert.That(QueriesFor(300), Is.EqualTo(small));
        Assert.That(small, Is.LessThanOrEqualTo(10));
    }

    [Test]
    public void Fingerprint_changes_with_the_schema_and_only_then()
    {
        var path = Path.Combine(Path.GetTempPath(), "sd-fp-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            void Exec(string sql)
            {
                using var c = new SqliteConnection("Data Source=" + path + ";Pooling=False");
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }
            string Fingerprint()
            {
                using var connection = SqliteSchemaReader.Open(path, 5);
                return new SqliteSchemaReader(connection, path).ReadFingerprintAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            Exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            var a = Fingerprint();
            Exec("INSERT INTO t VALUES (1)");
            Assert.That(Fingerprint(), Is.EqualTo(a), "data changes do not change the fingerprint");
            Exec("ALTER TABLE t ADD COLUMN v TEXT");
            Assert.That(Fingerprint(), Is.Not.EqualTo(a));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Missing_database_file_is_a_clear_error_and_is_not_created()
    {
        var path = Path.Combine(Path.GetTempPath(), "sd-missing-" + Guid.NewGuid().ToString("N") + ".db");
        var ex = Assert.Throws<IntrospectionException>(() => SqliteSchemaReader.Open(path, 5));
        Assert.That(ex!.Describe(), Does.Contain("does not exist").And.Contain("Create it first"));
        Assert.That(File.Exists(path), Is.False, "introspection must never create a database");
    }

    [Test]
    public void Committed_json_is_deterministic_and_round_trips()
    {
        var first = SnapshotSerializer.Write(Snapshot, SnapshotFlavor.Committed);
        var second = SnapshotSerializer.Write(Snapshot, SnapshotFlavor.Committed);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Not.Contain("capturedAtUtc").And.Not.Contain("fingerprint").And.Not.Contain("serverVersion"));

        var read = SnapshotSerializer.Read(first);
        Assert.That(read.Success, read.Message);
        Assert.That(SnapshotSerializer.Write(read.Snapshot!, SnapshotFlavor.Committed), Is.EqualTo(first));
    }
}

public class SnapshotComparisonTests
{
    [Test]
    public void MySql_snapshots_of_databases_with_different_names_but_the_same_schema_are_the_same()
    {
        SchemaSnapshot Make(string db)
        {
            var s = TestSnapshots.Build(SqlProviders.MySql, db, "users(id int, email varchar(100))", "orders(id int, user_id int)");
            var fk = new ForeignKeyInfo { Name = "fk", ReferencedSchema = db, ReferencedTable = "users" };
            fk.Columns.Add("user_id");
            fk.ReferencedColumns.Add("id");
            s.Tables[1].ForeignKeys.Add(fk);
            s.Tables.Add(new TableInfo { Schema = db, Name = "v", Kind = TableKind.View, Definition = "select `" + db + "`.`users`.`id` AS `id` from `" + db + "`.`users`" });
            return s;
        }

        Assert.That(SnapshotSerializer.SameSchema(Make("app_dev"), Make("app_ci")), Is.True);
        var changed = Make("app_ci");
        changed.Tables[0].Columns.RemoveAt(1);
        Assert.That(SnapshotSerializer.SameSchema(Make("app_dev"), changed), Is.False);
    }
}
