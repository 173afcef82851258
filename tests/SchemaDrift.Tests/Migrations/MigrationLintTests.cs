using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Lint;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Migrations;

/// <summary>Migration lint on hand-written files: every rule fires on the risky form and stays quiet on the safe one.</summary>
public class MigrationLintTests
{
    private static List<LintFinding> Lint(string sql, string provider = SqlProviders.Postgres, SchemaSnapshot? schema = null) =>
        MigrationLinter.Lint(MigrationScript.Parse(sql, provider), provider, schema);

    private static string[] Codes(string sql, string provider = SqlProviders.Postgres, SchemaSnapshot? schema = null) =>
        Lint(sql, provider, schema).Where(f => f.Acknowledged == null).Select(f => f.Code).ToArray();

    [TestCase("DROP TABLE users;", "DBMIG001")]
    [TestCase("ALTER TABLE users DROP COLUMN legacy_id;", "DBMIG002")]
    [TestCase("ALTER TABLE users RENAME COLUMN name TO full_name;", "DBMIG003")]
    [TestCase("ALTER TABLE users RENAME TO members;", "DBMIG003")]
    [TestCase("ALTER TABLE users ALTER COLUMN age TYPE bigint;", "DBMIG004")]
    [TestCase("ALTER TABLE users ADD COLUMN tenant_id integer NOT NULL;", "DBMIG005")]
    [TestCase("ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "DBMIG006")]
    [TestCase("CREATE INDEX ix_users_email ON users (email);", "DBMIG007")]
    [TestCase("DROP INDEX ix_users_email;", "DBMIG008")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);", "DBMIG009")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0);", "DBMIG010")]
    [TestCase("CREATE UNIQUE INDEX CONCURRENTLY ux_email ON users (email);", "DBMIG011")]
    [TestCase("ALTER TABLE users ADD CONSTRAINT ux_email UNIQUE (email);", "DBMIG011")]
    [TestCase("ALTER TYPE status RENAME VALUE 'old' TO 'new';", "DBMIG012")]
    [TestCase("ALTER TYPE status RENAME TO status_old; CREATE TYPE status AS ENUM ('a'); DROP TYPE status_old;", "DBMIG012")]
    [TestCase("DROP TYPE status;", "DBMIG012")]
    public void Each_risky_postgres_statement_is_reported(string sql, string code)
    {
        var codes = Codes(sql);
        Assert.That(codes, Does.Contain(code), string.Join(", ", codes));
        var f = Lint(sql).First(x => x.Code == code);
        Assert.That(f.SafeAlternative, Is.Not.Empty);
        Assert.That(f.Line, Is.EqualTo(1));
    }

    [TestCase("CREATE INDEX CONCURRENTLY ix_users_email ON users (email);")]
    [TestCase("DROP INDEX CONCURRENTLY ix_users_email;")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk_user;")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0) NOT VALID;")]
    [TestCase("ALTER TABLE users ADD COLUMN tenant_id integer NOT NULL DEFAULT 1;")]
    [TestCase("ALTER TABLE users ADD COLUMN nickname text;")]
    [TestCase("ALTER TYPE status ADD VALUE 'archived';")]
    [TestCase("CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL);\nCREATE UNIQUE INDEX ux_audit ON audit (at);\nALTER TABLE audit ADD COLUMN who text NOT NULL;")]
    [TestCase("UPDATE users SET email = lower(email) WHERE email <> lower(email);")]
    public void Safe_postgres_versions_are_quiet(string sql) => Assert.That(Codes(sql), Is.Empty);

    [Test]
    public void A_hand_written_file_with_every_problem_reports_each_on_its_line()
    {
        const string file = """
            -- Hand-written migration
            BEGIN;
            ALTER TABLE users DROP COLUMN legacy_id;
            ALTER TABLE users RENAME COLUMN name TO full_name;
            ALTER TABLE users ALTER COLUMN age SET DATA TYPE bigint;
            ALTER TABLE users ADD COLUMN tenant_id integer NOT NULL;
            ALTER TABLE users ALTER COLUMN email SET NOT NULL;
            CREATE INDEX ix_users_email ON users (email);
            ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);
            ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0);
            ALTER TABLE users ADD CONSTRAINT ux_email UNIQUE (email);
            DROP INDEX ix_old;
            DO $$ BEGIN RAISE NOTICE 'a ; inside a DO block'; END $$;
            DROP TABLE sessions;
            COMMIT;
            """;
        var findings = Lint(file);
        Assert.That(findings.Select(f => (f.Code, f.Line)), Is.EquivalentTo(new[]
        {
            ("DBMIG002", 3), ("DBMIG003", 4), ("DBMIG004", 5), ("DBMIG005", 6), ("DBMIG006", 7), ("DBMIG007", 8),
            ("DBMIG009", 9), ("DBMIG010", 10), ("DBMIG011", 11), ("DBMIG008", 12), ("DBMIG001", 14),
        }));
        Assert.That(findings.Single(f => f.Code == "DBMIG007").Message, Does.Contain("inside this transaction block"));
        Assert.That(findings.Where(f => f.Destructive).Select(f => f.Code), Is.EquivalentTo(new[] { "DBMIG001", "DBMIG002", "DBMIG004" }));
    }

    [Test]
    public void Reviewed_statements_are_acknowledged_not_reported()
    {
        var findings = Lint("-- schemadrift:reviewed DBMIG003 renamed together with the code\nALTER TABLE users RENAME COLUMN name TO full_name;");
        Assert.That(findings.Single().Acknowledged, Is.EqualTo("renamed together with the code"));
    }

    [Test]
    public void MySQL_enum_redefinitions_that_drop_or_reorder_labels_are_found_appending_is_fine()
    {
        var schema = new SchemaSnapshot { Provider = SqlProviders.MySql, DefaultSchema = "app" };
        var t = new TableInfo { Schema = "app", Name = "orders" };
        t.Columns.Add(new ColumnInfo { Name = "status", Type = "enum('new','paid')", Family = "enum", EnumValues = new List<string> { "new", "paid" }, Nullable = false });
        schema.Tables.Add(t);
        Assert.That(Codes("ALTER TABLE orders MODIFY COLUMN status ENUM('new','paid','shipped') NOT NULL;", SqlProviders.MySql, schema), Is.Empty);
        Assert.That(Codes("ALTER TABLE orders MODIFY COLUMN status ENUM('new') NOT NULL;", SqlProviders.MySql, schema), Is.EqualTo(new[] { "DBMIG012" }));
        Assert.That(Codes("ALTER TABLE orders MODIFY COLUMN status ENUM('paid','new') NOT NULL;", SqlProviders.MySql, schema), Is.EqualTo(new[] { "DBMIG012" }));
        Assert.That(Codes("ALTER TABLE orders MODIFY COLUMN status ENUM('new','x','paid') NOT NULL;", SqlProviders.MySql, schema), Is.EqualTo(new[] { "DBMIG004" }));
        Assert.That(Lint("ALTER TABLE orders MODIFY COLUMN status ENUM('new') NOT NULL;", SqlProviders.MySql, schema).Single().Destructive, Is.True);
    }

    [Test]
    public void MySQL_specifics_backticks_hash_comments_and_no_postgres_only_rules()
    {
        const string file = """
            # MySQL comment
            ALTER TABLE `users` DROP COLUMN `legacy id`;
            CREATE INDEX `ix users` ON `users` (`email`);
            ALTER TABLE `orders` ADD CONSTRAINT `fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`);
            ALTER TABLE `users` CHANGE COLUMN `name` `full_name` varchar(50) NULL;
            """;
        var codes = Codes(file, SqlProviders.MySql);
        Assert.That(codes, Does.Contain("DBMIG002").And.Contain("DBMIG003").And.Contain("DBMIG004"));
        Assert.That(codes, Does.Not.Contain("DBMIG007").And.Not.Contain("DBMIG009"), "CONCURRENTLY and NOT VALID do not exist on MySQL");
    }

    [Test]
    public void Script_splitting_keeps_dollar_quotes_and_trigger_bodies_whole()
    {
        var pg = MigrationScript.Parse("DO $x$ BEGIN PERFORM 1; PERFORM 2; END $x$;\nSELECT 'a;b';\n", SqlProviders.Postgres);
        Assert.That(pg.Statements.Select(s => s.Line), Is.EqualTo(new[] { 1, 2 }));
        var lite = MigrationScript.Parse("CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); UPDATE c SET x = CASE WHEN 1 THEN 2 END; END;\nSELECT 1;", SqlProviders.Sqlite);
        Assert.That(lite.Statements.Count, Is.EqualTo(2));
        Assert.That(lite.Statements[0].Sql, Does.EndWith("END"));
        var broken = MigrationScript.Parse("SELECT 'unterminated;", SqlProviders.Postgres);
        Assert.That(broken.Error, Does.Contain("cannot be tokenized"));
    }

    [Test]
    public void Generated_migrations_lint_clean_once_their_reviewed_notes_are_read()
    {
        var from = TestSnapshots.FromSqlite("CREATE TABLE users (id INTEGER PRIMARY KEY, full_name TEXT, age INTEGER)");
        var to = TestSnapshots.FromSqlite("CREATE TABLE users (id INTEGER PRIMARY KEY, fullname TEXT, age BIGINT NOT NULL DEFAULT 0, email TEXT); CREATE INDEX ix_email ON users (email);");
        var plan = MigrationPlanner.Plan(SchemaDiffer.Diff(from, to).Changes, SqlProviders.Sqlite, new NoDatabaseFacts(from));
        var info = new MigrationInfo { Name = "m", Stamp = "20240101_000000" };
        var sql = MigrationScriptWriter.WriteMigration(plan, info);
        var findings = MigrationLinter.Lint(MigrationScript.Parse(sql, SqlProviders.Sqlite), SqlProviders.Sqlite, from);
        Assert.That(findings.Where(f => f.Acknowledged == null), Is.Empty, sql);
        Assert.That(findings, Is.Not.Empty, "the rename and the rebuild are acknowledged, not hidden");
    }
}

/// <summary>The tool's migration codes have rule pages like the analyzers' diagnostics.</summary>
public class MigrationCodePageTests
{
    public static IEnumerable<string> Codes() => MigrationCodes.All;

    [TestCaseSource(nameof(Codes))]
    public void Has_a_rule_page(string code)
    {
        var page = Path.Combine(EndToEnd.TestPackage.RepoRoot, "docs", "rules", code + ".md");
        Assert.That(File.Exists(page), "missing " + page);
        Assert.That(File.ReadAllText(page), Does.StartWith("# " + code + ":"));
    }
}
