using Npgsql;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;
using SchemaDrift.Tool.Audit;
using static SchemaDrift.Tests.Audit.AuditTestSupport;

namespace SchemaDrift.Tests.Audit;

/// <summary>
/// The audit on a real PostgreSQL server: a schema seeded with one instance of each problem
/// (every finding at its object, nothing else), and a clean schema with RLS, triggers and
/// indexes done right that produces no finding at all.
/// </summary>
[Category("Database")]
public class PostgresAuditTests
{
    private const string Pg = SqlProviders.Postgres;
    private const string Role = "sd_audit_app_user";

    /// <summary>What a well-kept table has: key, timestamps, the trigger that maintains updated_at.</summary>
    private static string Table(string name, string columns, string schema = "app") => @"
CREATE TABLE " + schema + "." + name + @" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY," + (columns.Length > 0 ? "\n  " + columns + "," : "") + @"
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now());
CREATE TRIGGER " + name + "_updated_at BEFORE UPDATE ON " + schema + "." + name + " FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();";

    /// <summary>Row-level security done right: ownership checked once per query, every command covered.</summary>
    private static string Policies(string table, params string[] commands)
    {
        var sql = "ALTER TABLE public." + table + " ENABLE ROW LEVEL SECURITY;\n";
        foreach (var c in commands.Length == 0 ? new[] { "SELECT", "INSERT", "UPDATE", "DELETE" } : commands)
        {
            var clause = c == "INSERT" ? "WITH CHECK" : "USING";
            sql += "CREATE POLICY " + table + "_" + c.ToLowerInvariant() + " ON public." + table + " FOR " + c + " TO " + Role + " " + clause +
                   " (user_id = (SELECT current_setting('app.user_id')::bigint));\n";
        }
        return sql;
    }

    private const string Prelude = @"
CREATE SCHEMA app;
CREATE FUNCTION app.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;";

    private static readonly string Seeded = Prelude + @"
CREATE FUNCTION app.log_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;" +
        Table("users", "email text NOT NULL UNIQUE") +
        Table("roles", "name text NOT NULL UNIQUE") +
        Table("customers", "name text NOT NULL") + @"
-- DBSCHEMA001: no primary key (append-only: created_at only)
CREATE TABLE app.audit_log (message text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
-- DBSCHEMA002: no timestamps
CREATE TABLE app.settings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key text NOT NULL UNIQUE, value text);" +
        // DBSCHEMA003: one camelCase column among snake_case ones
        Table("profiles", "user_id bigint NOT NULL REFERENCES app.users (id), display_name text, \"avatarUrl\" text") + @"
CREATE INDEX profiles_user_id_idx ON app.profiles (user_id);
-- DBSCHEMA004: nullable creation timestamp
CREATE TABLE app.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text,
  created_at timestamptz NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TRIGGER notes_updated_at BEFORE UPDATE ON app.notes FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- DBSCHEMA005: creation timestamp without default
CREATE TABLE app.tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
  created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TRIGGER tags_updated_at BEFORE UPDATE ON app.tags FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();" +
        // DBSCHEMA006: 20 columns
        Table("wide_things", string.Join(", ", Enumerable.Range(1, 17).Select(i => "c" + i + " text"))) +
        // DBSCHEMA007 (no data) and DBSCHEMA007 + DBINT004 (a customer that does not exist)
        Table("invoices", "customer_id bigint NOT NULL, total numeric NOT NULL") +
        Table("orders", "customer_id bigint NOT NULL") + @"
INSERT INTO app.orders (customer_id) VALUES (999);" +
        // DBSCHEMA008: teams and members reference each other
        Table("teams", "name text NOT NULL, lead_id bigint") +
        Table("members", "team_id bigint NOT NULL REFERENCES app.teams (id)") + @"
ALTER TABLE app.teams ADD CONSTRAINT teams_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES app.members (id);
CREATE INDEX teams_lead_id_idx ON app.teams (lead_id);
CREATE INDEX members_team_id_idx ON app.members (team_id);" +
        // DBIDX001: foreign key without index
        Table("comments", "user_id bigint NOT NULL REFERENCES app.users (id), body text NOT NULL") +
        // DBIDX004: a duplicate and a redundant prefix
        Table("products", "sku text NOT NULL, category text NOT NULL, price numeric NOT NULL") + @"
CREATE INDEX products_sku_a ON app.products (sku);
CREATE INDEX products_sku_b ON app.products (sku);
CREATE INDEX products_category ON app.products (category);
CREATE INDEX products_category_price ON app.products (category, price);" +
        // DBIDX005: an index never used on a table read often (the reads come later)
        Table("events", "kind text NOT NULL") + @"
CREATE INDEX events_kind_idx ON app.events (kind);
INSERT INTO app.events (kind) SELECT 'k' || g FROM generate_series(1, 10) g;" +
        // DBIDX008: the failed concurrent unique index is created below
        Table("dups", "code text NOT NULL") + @"
INSERT INTO app.dups (code) VALUES ('a'), ('a');" +
        // DBINT001: orphans under a NOT VALID foreign key
        Table("line_items", "order_id bigint NOT NULL, quantity int NOT NULL") + @"
CREATE INDEX line_items_order_id_idx ON app.line_items (order_id);
INSERT INTO app.line_items (order_id, quantity) VALUES (12345, 1), (12345, 2);
ALTER TABLE app.line_items ADD CONSTRAINT line_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES app.orders (id) NOT VALID;" +
        // DBINT003: NULL where a NOT VALID CHECK (… IS NOT NULL) requires a value
        Table("drafts", "title text") + @"
INSERT INTO app.drafts (title) VALUES (NULL), ('ok');
ALTER TABLE app.drafts ADD CONSTRAINT drafts_title_required CHECK (title IS NOT NULL) NOT VALID;" +
        // DBINT005: a row violating a NOT VALID check
        Table("prices", "amount numeric NOT NULL") + @"
INSERT INTO app.prices (amount) VALUES (-1), (5);
ALTER TABLE app.prices ADD CONSTRAINT prices_amount_positive CHECK (amount > 0) NOT VALID;
-- DBINT006: a join table whose user foreign key has no ON DELETE action
CREATE TABLE app.user_roles (
  user_id bigint NOT NULL REFERENCES app.users (id),
  role_id bigint NOT NULL REFERENCES app.roles (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role_id));
CREATE INDEX user_roles_role_id_idx ON app.user_roles (role_id);
-- DBFUNC001: SECURITY DEFINER without search_path (not executable by PUBLIC, so no DBFUNC002)
CREATE FUNCTION app.definer_fn() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
REVOKE EXECUTE ON FUNCTION app.definer_fn() FROM PUBLIC;
-- DBFUNC002: SECURITY DEFINER with a fixed search_path, but executable by PUBLIC
CREATE FUNCTION app.public_definer() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = '' AS 'SELECT 1';" +
        // DBFUNC004: a disabled trigger
        Table("documents", "title text NOT NULL") + @"
CREATE TRIGGER documents_log AFTER INSERT ON app.documents FOR EACH ROW EXECUTE FUNCTION app.log_insert();
ALTER TABLE app.documents DISABLE TRIGGER documents_log;
-- DBFUNC005: updated_at that nothing maintains
CREATE TABLE app.articles (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());" +
        // DBPERF001 (5,000 rows in the test's thresholds), analyzed
        Table("measurements", "value int NOT NULL") + @"
INSERT INTO app.measurements (value) SELECT g FROM generate_series(1, 6000) g;
ANALYZE app.measurements;" +
        // DBPERF002: many rows, never analyzed (autovacuum off for it)
        Table("readings", "value int NOT NULL").Replace("updated_at timestamptz NOT NULL DEFAULT now());", "updated_at timestamptz NOT NULL DEFAULT now()) WITH (autovacuum_enabled = false);") + @"
INSERT INTO app.readings (value) SELECT g FROM generate_series(1, 2000) g;" +
        // DBPERF004: sequential scans on a large table (the scans come later)
        Table("big_scans", "value int NOT NULL") + @"
INSERT INTO app.big_scans (value) SELECT g FROM generate_series(1, 2500) g;
ANALYZE app.big_scans;
-- DBRLS001 (policies, RLS off; in a schema the API does not expose)
CREATE TABLE app.secrets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL REFERENCES app.users (id), value text,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TRIGGER secrets_updated_at BEFORE UPDATE ON app.secrets FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
CREATE INDEX secrets_user_id_idx ON app.secrets (user_id);
CREATE POLICY secrets_owner ON app.secrets FOR ALL TO " + Role + @" USING (user_id = (SELECT current_setting('app.user_id')::bigint));" +
        // DBRLS001: RLS disabled in the exposed schema
        Table("public_notes", "body text", "public") +
        // DBRLS002: RLS enabled, no policy
        Table("locked", "body text", "public") + @"
ALTER TABLE public.locked ENABLE ROW LEVEL SECURITY;" +
        // DBRLS003: UPDATE USING (true)
        Table("posts", "user_id bigint NOT NULL, body text", "public") + Policies("posts", "SELECT", "INSERT", "DELETE") + @"
CREATE POLICY posts_update_any ON public.posts FOR UPDATE TO " + Role + @" USING (true);" +
        // DBRLS004: DELETE policy that ignores the owner
        Table("tasks", "user_id bigint NOT NULL, status text NOT NULL", "public") + Policies("tasks", "SELECT", "INSERT", "UPDATE") + @"
CREATE POLICY tasks_delete_done ON public.tasks FOR DELETE TO " + Role + @" USING (status = 'done');" +
        // DBRLS005: current_setting() per row
        Table("messages", "user_id bigint NOT NULL, body text", "public") + Policies("messages", "INSERT", "UPDATE", "DELETE") + @"
CREATE POLICY messages_select ON public.messages FOR SELECT TO " + Role + @" USING (user_id = current_setting('app.user_id')::bigint);" +
        // DBRLS006: SELECT, UPDATE, DELETE but no INSERT
        Table("drafts_pub", "user_id bigint NOT NULL", "public") + Policies("drafts_pub", "SELECT", "UPDATE", "DELETE") +
        // DBRLS007: UPDATE but no DELETE
        Table("likes", "user_id bigint NOT NULL", "public") + Policies("likes", "SELECT", "INSERT", "UPDATE") +
        // DBRLS009: two permissive SELECT policies for one role
        Table("files", "user_id bigint NOT NULL, shared boolean NOT NULL DEFAULT false", "public") + Policies("files") + @"
CREATE POLICY files_select_shared ON public.files FOR SELECT TO " + Role + @" USING (shared);";

    private static readonly string Clean = Prelude +
        Table("users", "email text NOT NULL UNIQUE", "public") +
        Table("posts", "user_id bigint NOT NULL REFERENCES public.users (id) ON DELETE CASCADE, title text NOT NULL", "public") + @"
CREATE INDEX posts_user_id_idx ON public.posts (user_id);
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_self ON public.users FOR SELECT TO " + Role + @" USING (id = (SELECT current_setting('app.user_id')::bigint));" +
        Policies("posts") + @"
CREATE FUNCTION public.post_count(p_user bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
  AS 'SELECT count(*) FROM public.posts WHERE user_id = p_user';
REVOKE EXECUTE ON FUNCTION public.post_count(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.post_count(bigint) TO " + Role + @";
INSERT INTO public.users (email) VALUES ('a@example.com');
INSERT INTO public.posts (user_id, title) VALUES (1, 'hello');";

    private static async Task EnsureRoleAsync()
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString(Pg)) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + Role + "') THEN CREATE ROLE " + Role + "; END IF; END $$", c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<AuditResult> AuditAsync(TestDatabase db, AuditOptions options)
    {
        await using var opened = await db.OpenReaderAsync();
        return await AuditRunner.RunLiveAsync(opened, options, 5, CancellationToken.None);
    }

    /// <summary>Reads a table in one session, then waits until the statistics show it.</summary>
    private static async Task ScanAsync(TestDatabase db, string table, int times)
    {
        await db.ExecuteAsync(string.Concat(Enumerable.Repeat("SELECT count(*) FROM " + table + ";", times)));
        await WaitForStatisticAsync(db, table, "seq_scan", times);
    }

    /// <summary>PostgreSQL 15 flushes a session's statistics asynchronously: poll until pg_stat_user_tables shows them.</summary>
    private static async Task WaitForStatisticAsync(TestDatabase db, string table, string column, long atLeast)
    {
        await using var c = new NpgsqlConnection(db.ConnectionString);
        await c.OpenAsync();
        for (var i = 0; i < 50; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT coalesce(" + column + ", 0) FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass", c);
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync()) >= atLeast) return;
            await Task.Delay(100);
            await using var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", c);
            await clear.ExecuteNonQueryAsync();
        }
        Assert.Fail("statistics for " + table + " never arrived");
    }

    [Test]
    public async Task Seeded_schema_gives_each_finding_once_at_its_object()
    {
        TestDatabase.ServerConnectionString(Pg);
        await EnsureRoleAsync();
        await using var db = await TestDatabase.CreateAsync(Pg, Seeded);
        var failed = Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY dups_code_key ON app.dups (code)"));
        Assert.That(failed!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        await ScanAsync(db, "app.events", 120);
        await ScanAsync(db, "app.big_scans", 120);
        await WaitForStatisticAsync(db, "app.readings", "n_live_tup", 2000);

        var result = await AuditAsync(db, SmallThresholds());
        Report("PostgreSQL seeded schema", result);
        AssertFindings(result,
            "DBSCHEMA001 app.audit_log",
            "DBSCHEMA002 app.settings",
            "DBSCHEMA003 app.profiles",
            "DBSCHEMA004 app.notes.created_at",
            "DBSCHEMA005 app.tags.created_at",
            "DBSCHEMA006 app.wide_things",
            "DBSCHEMA007 app.invoices.customer_id",
            "DBSCHEMA007 app.orders.customer_id",
            "DBSCHEMA008 app.members ↔ app.teams",
            "DBRLS001 app.secrets",
            "DBRLS001 public.public_notes",
            "DBRLS002 public.locked",
            "DBRLS003 public.posts [policy posts_update_any]",
            "DBRLS004 public.tasks [policy tasks_delete_done]",
            "DBRLS005 public.messages [policy messages_select]",
            "DBRLS006 public.drafts_pub [role sd_audit_app_user]",
            "DBRLS007 public.likes [role sd_audit_app_user]",
            "DBRLS009 public.files [role sd_audit_app_user]",
            "DBIDX001 app.comments.user_id",
            "DBIDX004 app.products [index products_category]",
            "DBIDX004 app.products [index products_sku_b]",
            "DBIDX005 app.events [index events_kind_idx]",
            "DBIDX008 app.dups [index dups_code_key]",
            "DBINT001 app.line_items.order_id",
            "DBINT003 app.drafts.title",
            "DBINT004 app.orders.customer_id",
            "DBINT005 app.prices [constraint prices_amount_positive]",
            "DBINT006 app.user_roles [foreign key user_roles_user_id_fkey]",
            "DBFUNC001 app.definer_fn() [function]",
            "DBFUNC002 app.public_definer() [function]",
            "DBFUNC004 app.documents [trigger documents_log]",
            "DBFUNC005 app.articles.updated_at",
            "DBPERF001 app.measurements",
            "DBPERF002 app.readings",
            "DBPERF004 app.big_scans");
        Assert.That(result.Live, Is.True);
        Assert.That(result.Queries, Is.LessThan(80), "the audit's query count must stay bounded");
    }

    [Test]
    public async Task Clean_schema_gives_no_finding()
    {
        TestDatabase.ServerConnectionString(Pg);
        await EnsureRoleAsync();
        await using var db = await TestDatabase.CreateAsync(Pg, Clean);
        var result = await AuditAsync(db, SmallThresholds());
        Report("PostgreSQL clean schema", result);
        AssertFindings(result);
    }

    [Test]
    public async Task Large_tables_are_sampled_not_scanned()
    {
        TestDatabase.ServerConnectionString(Pg);
        await using var db = await TestDatabase.CreateAsync(Pg, Prelude +
            Table("parents", "name text") + Table("children", "parent_id bigint NOT NULL") + @"
CREATE INDEX children_parent_id_idx ON app.children (parent_id);
INSERT INTO app.children (parent_id) SELECT 1000000 + g FROM generate_series(1, 20000) g;
ALTER TABLE app.children ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES app.parents (id) NOT VALID;
ANALYZE app.children;");
        var options = SmallThresholds();
        options.SampleRows = 1000;
        var result = await AuditAsync(db, options);
        var orphans = result.Findings.Single(f => f.Id == "DBINT001");
        Assert.That(orphans.Object, Is.EqualTo("app.children.parent_id"));
        Assert.That(orphans.Finding, Does.Contain("in a sample of").And.Contain("there may be more"));
    }
}
