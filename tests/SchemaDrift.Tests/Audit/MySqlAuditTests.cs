using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;
using SchemaDrift.Tool.Audit;
using static SchemaDrift.Tests.Audit.AuditTestSupport;

namespace SchemaDrift.Tests.Audit;

/// <summary>
/// The audit on a real MariaDB/MySQL server: one seeded instance of every problem that exists
/// on this engine (row-level security, SECURITY DEFINER search_path and invalid indexes are
/// PostgreSQL's; InnoDB indexes every foreign key itself), and a clean schema with no finding.
/// </summary>
[Category("Database")]
public class MySqlAuditTests
{
    private const string My = SqlProviders.MySql;

    private const string Timestamps = "created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP";

    private static string Table(string name, string columns, string extra = "") =>
        "CREATE TABLE " + name + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, " + (columns.Length > 0 ? columns + ", " : "") + Timestamps +
        (extra.Length > 0 ? ", " + extra : "") + ");\n";

    /// <summary>SELECT of 1..count (works on MySQL and MariaDB, no recursion limit).</summary>
    private static string Numbers(int count)
    {
        const string digits = "(SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        return "SELECT n FROM (SELECT 1 + a.n + 10 * b.n + 100 * c.n + 1000 * d.n AS n FROM " + digits + " a, " + digits + " b, " + digits + " c, " + digits + " d) x WHERE n <= " + count;
    }

    private static readonly string Seeded =
        Table("users", "email VARCHAR(200) NOT NULL UNIQUE") +
        Table("roles", "name VARCHAR(50) NOT NULL UNIQUE") +
        Table("customers", "name VARCHAR(100) NOT NULL") + @"
CREATE TABLE audit_log (message TEXT NOT NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE settings (id BIGINT AUTO_INCREMENT PRIMARY KEY, `key` VARCHAR(100) NOT NULL UNIQUE, value TEXT);
" + Table("profiles", "user_id BIGINT NOT NULL, display_name TEXT, avatarUrl TEXT", "CONSTRAINT profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)") + @"
CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, body TEXT, created_at DATETIME NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);
INSERT INTO notes (body, created_at) VALUES ('x', NULL);
CREATE TABLE tags (id BIGINT AUTO_INCREMENT PRIMARY KEY, name TEXT NOT NULL, created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);
" + Table("wide_things", string.Join(", ", Enumerable.Range(1, 17).Select(i => "c" + i + " TEXT"))) +
        Table("invoices", "customer_id BIGINT NOT NULL, total DECIMAL(10,2) NOT NULL") +
        Table("orders", "customer_id BIGINT NOT NULL") + @"
INSERT INTO orders (customer_id) VALUES (999);
" + Table("teams", "name TEXT NOT NULL, lead_id BIGINT NULL") +
        Table("members", "team_id BIGINT NOT NULL", "CONSTRAINT members_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id)") + @"
ALTER TABLE teams ADD CONSTRAINT teams_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES members (id);
" + Table("products", "sku VARCHAR(50) NOT NULL, category VARCHAR(50) NOT NULL, price DECIMAL(10,2) NOT NULL") + @"
CREATE INDEX products_sku_a ON products (sku);
CREATE INDEX products_sku_b ON products (sku);
CREATE INDEX products_category ON products (category);
CREATE INDEX products_category_price ON products (category, price);
" + Table("line_items", "order_id BIGINT NOT NULL, quantity INT NOT NULL", "CONSTRAINT line_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)") + @"
SET foreign_key_checks = 0;
INSERT INTO line_items (order_id, quantity) VALUES (12345, 1), (12345, 2);
SET foreign_key_checks = 1;
CREATE TABLE user_roles (user_id BIGINT NOT NULL, role_id BIGINT NOT NULL, PRIMARY KEY (user_id, role_id),
  CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT user_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE);
CREATE TABLE tmp_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, doc_id BIGINT);
" + Table("documents", "title TEXT NOT NULL") + @"
CREATE TRIGGER documents_log AFTER INSERT ON documents FOR EACH ROW INSERT INTO tmp_log (doc_id) VALUES (NEW.id);
DROP TABLE tmp_log;
CREATE TABLE articles (id BIGINT AUTO_INCREMENT PRIMARY KEY, title TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP);
" + Table("measurements", "value INT NOT NULL") + @"
INSERT INTO measurements (value) " + Numbers(8000) + @";
ANALYZE TABLE measurements;
" + Table("readings", "value INT NOT NULL").Replace(");\n", ") STATS_PERSISTENT=1 STATS_AUTO_RECALC=0;\n") + @"
INSERT INTO readings (value) " + Numbers(2000) + ";";

    private static readonly string Clean =
        Table("users", "email VARCHAR(200) NOT NULL UNIQUE") +
        Table("posts", "user_id BIGINT NOT NULL, title TEXT NOT NULL", "CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE") + @"
INSERT INTO users (email) VALUES ('a@example.com');
INSERT INTO posts (user_id, title) VALUES (1, 'hello');";

    private static async Task<AuditResult> AuditAsync(TestDatabase db)
    {
        await using var opened = await db.OpenReaderAsync();
        return await AuditRunner.RunLiveAsync(opened, SmallThresholds(), 5, CancellationToken.None);
    }

    [Test]
    public async Task Seeded_schema_gives_each_finding_once_at_its_object()
    {
        TestDatabase.ServerConnectionString(My);
        await using var db = await TestDatabase.CreateAsync(My, Seeded);
        var result = await AuditAsync(db);
        Report("MariaDB seeded schema", result);
        var d = db.Name;
        AssertFindings(result,
            "DBSCHEMA001 " + d + ".audit_log",
            "DBSCHEMA002 " + d + ".settings",
            "DBSCHEMA003 " + d + ".profiles",
            "DBSCHEMA004 " + d + ".notes.created_at",
            "DBSCHEMA005 " + d + ".tags.created_at",
            "DBSCHEMA006 " + d + ".wide_things",
            "DBSCHEMA007 " + d + ".invoices.customer_id",
            "DBSCHEMA007 " + d + ".orders.customer_id",
            "DBSCHEMA008 " + d + ".members ↔ " + d + ".teams",
            "DBIDX004 " + d + ".products [index products_category]",
            "DBIDX004 " + d + ".products [index products_sku_b]",
            "DBINT001 " + d + ".line_items.order_id",
            "DBINT003 " + d + ".notes.created_at",
            "DBINT004 " + d + ".orders.customer_id",
            "DBINT006 " + d + ".user_roles [foreign key user_roles_user_id_fkey]",
            "DBFUNC004 " + d + ".documents [trigger documents_log]",
            "DBFUNC005 " + d + ".articles.updated_at",
            "DBPERF001 " + d + ".measurements",
            "DBPERF002 " + d + ".readings");
        Assert.That(result.Queries, Is.LessThan(60));
    }

    [Test]
    public async Task Clean_schema_gives_no_finding()
    {
        TestDatabase.ServerConnectionString(My);
        await using var db = await TestDatabase.CreateAsync(My, Clean);
        var result = await AuditAsync(db);
        Report("MariaDB clean schema", result);
        AssertFindings(result);
    }
}
