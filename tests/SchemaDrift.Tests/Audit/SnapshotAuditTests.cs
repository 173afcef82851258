using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using static SchemaDrift.Tests.Audit.AuditTestSupport;

namespace SchemaDrift.Tests.Audit;

/// <summary>The snapshot checks' precision: what they must not report, on hand-built snapshots.</summary>
public class SnapshotAuditTests
{
    /// <summary>Every table gets an id primary key, timestamps and an UPDATE trigger: a clean baseline to add one problem to.</summary>
    private static SchemaSnapshot Clean(string provider, string schema, params string[] tables)
    {
        var specs = tables.Select(t => t.Replace(")", ", created_at timestamptz, updated_at timestamptz)")).ToArray();
        var s = TestSnapshots.Build(provider, schema, specs);
        foreach (var t in s.Tables)
        {
            if (t.Columns.Any(c => c.Name == "id"))
            {
                t.PrimaryKey = new PrimaryKeyInfo { Name = t.Name + "_pkey" };
                t.PrimaryKey.Columns.Add("id");
                t.Columns.Single(c => c.Name == "id").PrimaryKey = true;
            }
            foreach (var c in t.Columns.Where(c => c.Name is "created_at" or "updated_at")) c.Default = "now()";
            var trigger = new TriggerInfo { Name = t.Name + "_updated_at", Timing = "BEFORE", Function = "public.set_updated_at" };
            trigger.Events.Add("UPDATE");
            t.Triggers.Add(trigger);
            if (provider == SqlProviders.Postgres) t.RlsEnabled = false;
        }
        return s;
    }

    private static TableInfo T(SchemaSnapshot s, string name) => s.Tables.Single(t => t.Name == name);

    private static void Fk(SchemaSnapshot s, string table, string column, string target, bool index = true)
    {
        var fk = new ForeignKeyInfo { Name = table + "_" + column + "_fkey", ReferencedTable = target };
        fk.Columns.Add(column);
        fk.ReferencedColumns.Add("id");
        T(s, table).ForeignKeys.Add(fk);
        if (index) AddIndex(s, table, table + "_" + column + "_idx", column);
    }

    private static IndexInfo AddIndex(SchemaSnapshot s, string table, string name, params string[] columns)
    {
        var i = new IndexInfo { Name = name, Method = "btree" };
        foreach (var c in columns) i.Columns.Add(new IndexColumnInfo { Name = c });
        T(s, table).Indexes.Add(i);
        return i;
    }

    private static List<string> Audit(SchemaSnapshot s, AuditOptions? options = null, AuditFacts? facts = null) =>
        Lines(SnapshotAudit.Run(s, options, facts));

    [Test]
    public void A_clean_baseline_has_no_finding() =>
        Assert.That(Audit(Clean("postgres", "public", "users(id int8, email text)", "posts(id int8, user_id int8, title text)").Also(s => Fk(s, "posts", "user_id", "users"))), Is.Empty);

    [TestCase("user_id", NamingStyle.Snake)]
    [TestCase("USER_ID", NamingStyle.Snake)]
    [TestCase("userId", NamingStyle.Camel)]
    [TestCase("UserId", NamingStyle.Pascal)]
    [TestCase("Id", NamingStyle.Pascal)]
    [TestCase("User_Id", NamingStyle.Mixed)]
    [TestCase("id", NamingStyle.Neutral)]
    [TestCase("URL", NamingStyle.Neutral)]
    [TestCase("_private", NamingStyle.Neutral)]
    public void Naming_styles(string name, NamingStyle style) => Assert.That(AuditNaming.StyleOf(name), Is.EqualTo(style));

    [Test]
    public void An_ef_core_pascal_case_schema_is_consistent_and_its_migrations_table_is_ignored()
    {
        var s = TestSnapshots.Build("postgres", "public",
            "Users(Id int4, Email text, CreatedAt timestamptz, UpdatedAt timestamptz)",
            "__EFMigrationsHistory(MigrationId text, ProductVersion text)");
        var users = T(s, "Users");
        users.PrimaryKey = new PrimaryKeyInfo { Name = "PK_Users" };
        users.PrimaryKey.Columns.Add("Id");
        users.Columns[0].PrimaryKey = true;
        foreach (var c in users.Columns.Where(c => c.Name.EndsWith("At"))) c.Default = "now()";
        users.Triggers.Add(new TriggerInfo { Name = "t", Timing = "BEFORE", Events = { "UPDATE" } });
        Assert.That(Audit(s), Is.Empty);
    }

    [Test]
    public void Implicit_relations_need_exactly_one_target_with_a_compatible_key()
    {
        var s = Clean("postgres", "public",
            "statuses(id int8, name text)", "status(id int8, name text)", "orders(id int8, status_id int8, customer_id text, userId int4, account_id int8)",
            "customers(id int8)", "users(id int8)", "accounts(id int8)");
        Fk(s, "orders", "account_id", "accounts");
        // status_id: "status" and "statuses" both exist; customer_id: text against an integer key; account_id: has a foreign key.
        Assert.That(Audit(s), Is.EqualTo(new[] { "DBSCHEMA003 public.orders", "DBSCHEMA007 public.orders.userId" }));
    }

    [Test]
    public void Rls_is_only_demanded_where_api_roles_can_reach_or_rls_is_in_use()
    {
        var s = Clean("postgres", "public", "notes(id int8, body text)");
        Assert.That(Audit(s), Is.Empty, "a plain database that never uses RLS");
        Assert.That(Audit(s, facts: new AuditFacts { ApiRoles = true }), Is.EqualTo(new[] { "DBRLS001 public.notes" }));
        var configured = new AuditOptions { ExposedSchemasConfigured = true };
        Assert.That(Audit(s, configured), Is.EqualTo(new[] { "DBRLS001 public.notes" }));
        configured.ExposedSchemas.Clear();
        configured.ExposedSchemas.Add("api");
        Assert.That(Audit(s, configured), Is.Empty, "public is not exposed when the user lists other schemas");
    }

    [Test]
    public void Public_read_and_admin_only_policies_are_not_overly_permissive()
    {
        var s = Clean("postgres", "public", "products(id int8, name text)");
        var t = T(s, "products");
        t.RlsEnabled = true;
        t.Policies.Add(new PolicyInfo { Name = "read_all", Command = "SELECT", Using = "true", Roles = { "public" } });
        t.Policies.Add(new PolicyInfo { Name = "admin_all", Command = "ALL", Using = "true", WithCheck = "true", Roles = { "service_role" } });
        Assert.That(Audit(s), Is.Empty);
        t.Policies.Add(new PolicyInfo { Name = "anyone_writes", Command = "INSERT", WithCheck = "(true)", Roles = { "public" } });
        Assert.That(Audit(s), Is.EqualTo(new[] { "DBRLS003 public.products [policy anyone_writes]" }));
    }

    [TestCase("(user_id = ( SELECT auth.uid() AS uid))", "")]
    [TestCase("(user_id = auth.uid())", "auth.uid()")]
    [TestCase("((tenant_id)::text = current_setting('app.tenant'::text))", "current_setting(…)")]
    [TestCase("(tenant_id = ( SELECT (current_setting('app.tenant'::text))::bigint AS current_setting))", "")]
    [TestCase("(note = 'auth.uid()'::text)", "")]
    [TestCase("((auth.jwt() ->> 'role'::text) = 'admin'::text)", "auth.jwt()")]
    public void Per_row_auth_calls(string expression, string expected) =>
        Assert.That(string.Join(",", PolicyExpressions.PerRowCalls(expression)), Is.EqualTo(expected));

    [Test]
    public void Indexes_that_differ_in_predicate_method_or_uniqueness_are_not_duplicates()
    {
        var s = Clean("postgres", "public", "docs(id int8, title text, body text, deleted_at timestamptz)");
        AddIndex(s, "docs", "docs_title", "title");
        AddIndex(s, "docs", "docs_title_live", "title").Predicate = "(deleted_at IS NULL)";
        AddIndex(s, "docs", "docs_title_hash", "title").Method = "hash";
        AddIndex(s, "docs", "docs_title_body_unique", "title", "body").Unique = true;
        var pkTwin = AddIndex(s, "docs", "docs_id_key", "id");
        pkTwin.Unique = true;
        T(s, "docs").UniqueConstraints.Add(new UniqueConstraintInfo { Name = "docs_id_key", Columns = { "id" } });
        AddIndex(s, "docs", "docs_pkey", "id").Primary = true;
        // docs_title is a prefix of the unique (title, body) index: redundant. Nothing else is.
        Assert.That(Audit(s), Is.EqualTo(new[] { "DBIDX004 public.docs [index docs_title]" }));
    }

    [Test]
    public void Partitions_and_extension_objects_are_not_the_applications_design()
    {
        var s = Clean("postgres", "public", "events(id int8, kind text)", "events_2026(kind text)", "spatial_stuff(srid int4)");
        s.Routines.Add(new RoutineInfo { Schema = "public", Name = "ext_fn", Arguments = "", SecurityDefiner = true });
        var facts = new AuditFacts();
        facts.Partitions.Add("public.events_2026");
        facts.ExtensionTables.Add("public.spatial_stuff");
        facts.ExtensionRoutines.Add("public.ext_fn()");
        Assert.That(Audit(s, facts: facts), Is.Empty);
        Assert.That(Audit(s), Does.Contain("DBSCHEMA001 public.events_2026").And.Contain("DBFUNC001 public.ext_fn() [function]"));
    }

    [Test]
    public void A_self_reference_is_a_tree_and_a_three_table_cycle_is_one_finding()
    {
        var s = Clean("postgres", "public", "categories(id int8, parent_id int8)", "a(id int8, b_id int8)", "b(id int8, c_id int8)", "c(id int8, a_id int8)");
        Fk(s, "categories", "parent_id", "categories");
        Fk(s, "a", "b_id", "b");
        Fk(s, "b", "c_id", "c");
        Fk(s, "c", "a_id", "a");
        Assert.That(Audit(s), Is.EqualTo(new[] { "DBSCHEMA008 public.a ↔ public.b ↔ public.c" }));
    }

    [Test]
    public void The_same_snapshot_gives_the_same_findings_in_the_same_order()
    {
        var s = Clean("mysql", "shop", "orders(id int, customer_id int)", "customers(id int)", "logs(message text)");
        var first = SnapshotAudit.Run(s).Select(f => f.Id + f.Object + f.Finding).ToList();
        var second = SnapshotAudit.Run(s).Select(f => f.Id + f.Object + f.Finding).ToList();
        Assert.That(first, Is.EqualTo(second));
        Assert.That(first, Has.Count.GreaterThan(0));
    }

    [Test]
    public void Seed_spelling_of_ids() =>
        Assert.That(AuditRules.AllRules.Select(r => r.SeedId).Take(3), Is.EqualTo(new[] { "DB-SCHEMA-001", "DB-SCHEMA-002", "DB-SCHEMA-003" }));
}

internal static class SnapshotTestExtensions
{
    public static SchemaSnapshot Also(this SchemaSnapshot s, Action<SchemaSnapshot> change)
    {
        change(s);
        return s;
    }
}
