using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Audit;
using SchemaDrift.Tool.Audit;
using SchemaDrift.Tool.Introspection;
using static SchemaDrift.Tests.Audit.AuditTestSupport;

namespace SchemaDrift.Tests.Audit;

/// <summary>
/// The audit on real SQLite files: every problem that exists on SQLite seeded once, and a clean
/// database with no finding. SQLite enforces foreign keys only where a connection enables them,
/// and lets PRIMARY KEY columns hold NULL: both show up as data findings.
/// </summary>
public class SqliteAuditTests
{
    private static string Table(string name, string columns, string extra = "") =>
        "CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, " + (columns.Length > 0 ? columns + ", " : "") +
        "created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP" + (extra.Length > 0 ? ", " + extra : "") + ");\n" +
        "CREATE TRIGGER " + name + "_updated_at AFTER UPDATE ON " + name + " FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at " +
        "BEGIN UPDATE " + name + " SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;\n";

    private static string Numbers(int count) =>
        "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " + count + ") SELECT n FROM s";

    private static readonly string Seeded = "PRAGMA foreign_keys = OFF;\n" +
        Table("users", "email TEXT NOT NULL UNIQUE") +
        Table("roles", "name TEXT NOT NULL UNIQUE") +
        Table("customers", "name TEXT NOT NULL") + @"
CREATE TABLE audit_log (message TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE settings (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, value TEXT);
" + Table("profiles", "user_id INTEGER NOT NULL REFERENCES users (id), display_name TEXT, avatarUrl TEXT") + @"
CREATE INDEX profiles_user_id_idx ON profiles (user_id);
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, created_at TEXT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER notes_updated_at AFTER UPDATE ON notes FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at BEGIN UPDATE notes SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;
INSERT INTO notes (body, created_at) VALUES ('x', NULL);
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER tags_updated_at AFTER UPDATE ON tags FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at BEGIN UPDATE tags SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; END;
" + Table("wide_things", string.Join(", ", Enumerable.Range(1, 17).Select(i => "c" + i + " TEXT"))) +
        Table("invoices", "customer_id INTEGER NOT NULL, total REAL NOT NULL") +
        Table("orders", "customer_id INTEGER NOT NULL") + @"
INSERT INTO orders (customer_id) VALUES (999);
" + Table("teams", "name TEXT NOT NULL, lead_id INTEGER REFERENCES members (id)") +
        Table("members", "team_id INTEGER NOT NULL REFERENCES teams (id)") + @"
CREATE INDEX teams_lead_id_idx ON teams (lead_id);
CREATE INDEX members_team_id_idx ON members (team_id);
" + Table("comments", "user_id INTEGER NOT NULL REFERENCES users (id), body TEXT NOT NULL") +
        Table("products", "sku TEXT NOT NULL, category TEXT NOT NULL, price REAL NOT NULL") + @"
CREATE INDEX products_sku_a ON products (sku);
CREATE INDEX products_sku_b ON products (sku);
CREATE INDEX products_category ON products (category);
CREATE INDEX products_category_price ON products (category, price);
" + Table("line_items", "order_id INTEGER NOT NULL REFERENCES orders (id), quantity INTEGER NOT NULL") + @"
CREATE INDEX line_items_order_id_idx ON line_items (order_id);
INSERT INTO line_items (order_id, quantity) VALUES (12345, 1), (12345, 2);
CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER codes_updated_at AFTER UPDATE ON codes FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at BEGIN UPDATE codes SET updated_at = CURRENT_TIMESTAMP WHERE code = NEW.code; END;
INSERT INTO codes (code, label) VALUES (NULL, 'no code'), ('a', 'A');
CREATE TABLE user_roles (user_id INTEGER NOT NULL REFERENCES users (id), role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role_id));
CREATE INDEX user_roles_role_id_idx ON user_roles (role_id);
CREATE TABLE tmp_log (id INTEGER PRIMARY KEY, doc_id INTEGER);
" + Table("documents", "title TEXT NOT NULL") + @"
CREATE TRIGGER documents_log AFTER INSERT ON documents FOR EACH ROW BEGIN INSERT INTO tmp_log (doc_id) VALUES (NEW.id); END;
DROP TABLE tmp_log;
CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
" + Table("readings", "value INTEGER NOT NULL") + @"
CREATE INDEX readings_value_idx ON readings (value);
INSERT INTO readings (value) " + Numbers(1200) + ";";

    private static readonly string Clean = "PRAGMA foreign_keys = ON;\n" +
        Table("users", "email TEXT NOT NULL UNIQUE") +
        Table("posts", "user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE, title TEXT NOT NULL") + @"
CREATE INDEX posts_user_id_idx ON posts (user_id);
INSERT INTO users (email) VALUES ('a@example.com');
INSERT INTO posts (user_id, title) VALUES (1, 'hello');
" + Table("events", "kind TEXT NOT NULL") + @"
CREATE INDEX events_kind_idx ON events (kind);
INSERT INTO events (kind) SELECT 'k' || n FROM (" + Numbers(1500) + @");
ANALYZE;";

    private static async Task<AuditResult> AuditAsync(string ddl)
    {
        var path = Path.Combine(Path.GetTempPath(), "schemadrift-audit-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var create = new SqliteConnection("Data Source=" + path + ";Pooling=False"))
            {
                create.Open();
                using var cmd = create.CreateCommand();
                cmd.CommandText = ddl;
                cmd.ExecuteNonQuery();
            }
            await using var opened = await SchemaReaderFactory.OpenAsync("sqlite", "Data Source=" + path, Path.GetTempPath(), 5, CancellationToken.None);
            return await AuditRunner.RunLiveAsync(opened, SmallThresholds(), 5, CancellationToken.None);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Test]
    public async Task Seeded_database_gives_each_finding_once_at_its_object()
    {
        var result = await AuditAsync(Seeded);
        Report("SQLite seeded database", result);
        AssertFindings(result,
            "DBSCHEMA001 audit_log",
            "DBSCHEMA002 settings",
            "DBSCHEMA003 profiles",
            "DBSCHEMA004 notes.created_at",
            "DBSCHEMA005 tags.created_at",
            "DBSCHEMA006 wide_things",
            "DBSCHEMA007 invoices.customer_id",
            "DBSCHEMA007 orders.customer_id",
            "DBSCHEMA008 members ↔ teams",
            "DBIDX001 comments.user_id",
            "DBIDX004 products [index products_category]",
            "DBIDX004 products [index products_sku_b]",
            "DBINT001 line_items.order_id",
            "DBINT003 codes.code",
            "DBINT003 notes.created_at",
            "DBINT004 orders.customer_id",
            "DBINT006 user_roles [foreign key fk_user_roles_1]",
            "DBFUNC004 documents [trigger documents_log]",
            "DBFUNC005 articles.updated_at",
            "DBPERF002 readings");
    }

    [Test]
    public async Task Clean_database_gives_no_finding()
    {
        var result = await AuditAsync(Clean);
        Report("SQLite clean database", result);
        AssertFindings(result);
    }
}
