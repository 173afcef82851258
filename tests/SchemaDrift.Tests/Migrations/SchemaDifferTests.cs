using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Migrations.Dialects;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.Migrations;

/// <summary>Diff, rename detection and the safe / careful / high-risk classification, without a database.</summary>
public class SchemaDifferTests
{
    private static SchemaSnapshot Lite(string ddl) => TestSnapshots.FromSqlite(ddl);

    private static List<SchemaChange> Classified(SchemaSnapshot from, SchemaSnapshot to, params RenameHint[] hints)
    {
        var diff = SchemaDiffer.Diff(from, to, hints);
        foreach (var c in diff.Changes) ChangeClassifier.Classify(c, from.Provider, new NoDatabaseFacts(from));
        return diff.Changes;
    }

    [Test]
    public void A_dropped_and_an_added_column_with_similar_names_and_the_same_type_become_a_rename()
    {
        var diff = SchemaDiffer.Diff(Lite("CREATE TABLE users (id INTEGER PRIMARY KEY, user_name TEXT)"), Lite("CREATE TABLE users (id INTEGER PRIMARY KEY, userName TEXT)"));
        var rename = diff.Changes.Single();
        Assert.That((rename.Kind, rename.OldName, rename.NewName), Is.EqualTo((ChangeKind.RenameColumn, "user_name", "userName")));
        Assert.That(diff.Questions, Is.Empty);
    }

    [Test]
    public void A_single_drop_and_add_of_the_same_type_with_unrelated_names_is_asked_never_guessed()
    {
        var diff = SchemaDiffer.Diff(Lite("CREATE TABLE posts (id INTEGER PRIMARY KEY, name TEXT)"), Lite("CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT)"));
        Assert.That(diff.Changes, Is.Empty, "neither DROP nor ADD is generated while it may be a rename");
        var q = diff.Questions.Single();
        Assert.That((q.Dropped.Single(), q.Added.Single()), Is.EqualTo(("name", "title")));
        Assert.That(q.Describe(), Does.Contain("SchemaDriftRenames=\"posts.name=title\""));
    }

    [Test]
    public void Several_similar_candidates_are_ambiguous()
    {
        var diff = SchemaDiffer.Diff(Lite("CREATE TABLE t (id INTEGER PRIMARY KEY, addr TEXT)"), Lite("CREATE TABLE t (id INTEGER PRIMARY KEY, addr1 TEXT, addr2 TEXT)"));
        Assert.That(diff.Questions.Single().Added, Is.EquivalentTo(new[] { "addr1", "addr2" }));
        Assert.That(diff.Changes.Where(c => c.Kind == ChangeKind.DropColumn), Is.Empty);
    }

    [Test]
    public void Explicit_hints_decide_renames_and_confirm_real_drops()
    {
        var from = Lite("CREATE TABLE posts (id INTEGER PRIMARY KEY, name TEXT)");
        var to = Lite("CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT)");
        var errors = new List<string>();
        var renamed = SchemaDiffer.Diff(from, to, RenameHint.ParseList("posts.name=title", errors));
        Assert.That(renamed.Changes.Single().Kind, Is.EqualTo(ChangeKind.RenameColumn));
        var dropped = SchemaDiffer.Diff(from, to, RenameHint.ParseList("posts.name=-", errors));
        Assert.That(dropped.Changes.Select(c => c.Kind), Is.EquivalentTo(new[] { ChangeKind.AddColumn, ChangeKind.DropColumn }));
        Assert.That(errors, Is.Empty);
        RenameHint.ParseList("broken", errors);
        Assert.That(errors.Single(), Does.Contain("not of the form"));
    }

    [Test]
    public void Renamed_tables_with_the_same_columns_are_renames()
    {
        var diff = SchemaDiffer.Diff(Lite("CREATE TABLE user_profile (id INTEGER PRIMARY KEY, bio TEXT)"), Lite("CREATE TABLE user_profiles (id INTEGER PRIMARY KEY, bio TEXT)"));
        Assert.That(diff.Changes.Single().Kind, Is.EqualTo(ChangeKind.RenameTable));
    }

    [Test]
    public void Column_type_nullability_default_index_foreign_key_check_and_unique_changes_are_found()
    {
        var from = Lite("""
            CREATE TABLE a (id INTEGER PRIMARY KEY);
            CREATE TABLE t (id INTEGER PRIMARY KEY, n VARCHAR(10), q INTEGER NOT NULL, d TEXT DEFAULT 'x', a_id INTEGER, code TEXT);
            CREATE INDEX ix_old ON t (n);
            """);
        var to = Lite("""
            CREATE TABLE a (id INTEGER PRIMARY KEY);
            CREATE TABLE t (id INTEGER PRIMARY KEY, n VARCHAR(50), q INTEGER, d TEXT DEFAULT 'y', a_id INTEGER REFERENCES a(id), code TEXT UNIQUE, CONSTRAINT q_pos CHECK (q > 0));
            CREATE UNIQUE INDEX ix_new ON t (n) WHERE n IS NOT NULL;
            """);
        var kinds = SchemaDiffer.Diff(from, to).Changes.Select(c => c.Kind).ToList();
        Assert.That(kinds, Is.SupersetOf(new[]
        {
            ChangeKind.AlterColumnType, ChangeKind.AlterColumnNullability, ChangeKind.AlterColumnDefault, ChangeKind.DropIndex, ChangeKind.CreateIndex,
            ChangeKind.AddForeignKey, ChangeKind.AddCheck, ChangeKind.AddUnique,
        }));
    }

    [Test]
    public void Enum_values_added_removed_and_reordered()
    {
        SchemaSnapshot Pg(params string[] labels)
        {
            var s = new SchemaSnapshot { Provider = SqlProviders.Postgres, DefaultSchema = "public" };
            var e = new EnumInfo { Schema = "public", Name = "status" };
            e.Values.AddRange(labels);
            s.Enums.Add(e);
            return s;
        }
        Assert.That(SchemaDiffer.Diff(Pg("a", "b"), Pg("a", "b", "c")).Changes.Single().Kind, Is.EqualTo(ChangeKind.AddEnumValue));
        Assert.That(SchemaDiffer.Diff(Pg("a", "b"), Pg("a")).Changes.Single().Kind, Is.EqualTo(ChangeKind.RemoveEnumValue));
        Assert.That(SchemaDiffer.Diff(Pg("a", "b"), Pg("b", "a")).Changes.Single().Kind, Is.EqualTo(ChangeKind.ReorderEnumValues));
    }

    [Test]
    public void Changes_are_classified_safe_careful_or_high_risk_with_reasons()
    {
        var from = Lite("CREATE TABLE t (id INTEGER PRIMARY KEY, old TEXT, n VARCHAR(10), gone TEXT); CREATE TABLE dead (id INTEGER PRIMARY KEY);");
        var to = Lite("""
            CREATE TABLE t (id INTEGER PRIMARY KEY, old TEXT, n VARCHAR(50), extra TEXT, req TEXT NOT NULL DEFAULT 'x');
            CREATE TABLE fresh (id INTEGER PRIMARY KEY, label TEXT);
            CREATE INDEX ix_t ON t (old);
            """);
        var changes = Classified(from, to, RenameHint.ParseList("t.gone=-", new List<string>()).ToArray());
        ChangeRisk Risk(ChangeKind k) => changes.First(c => c.Kind == k).Risk;
        Assert.That(Risk(ChangeKind.CreateTable), Is.EqualTo(ChangeRisk.Safe));
        Assert.That(changes.First(c => c.Kind == ChangeKind.AddColumn && c.Column!.Name == "extra").Risk, Is.EqualTo(ChangeRisk.Safe));
        Assert.That(changes.First(c => c.Kind == ChangeKind.AddColumn && c.Column!.Name == "req").Risk, Is.EqualTo(ChangeRisk.Careful));
        Assert.That(Risk(ChangeKind.AlterColumnType), Is.EqualTo(ChangeRisk.Careful), "widening");
        Assert.That(Risk(ChangeKind.DropColumn), Is.EqualTo(ChangeRisk.HighRisk));
        Assert.That(Risk(ChangeKind.DropTable), Is.EqualTo(ChangeRisk.HighRisk));
        Assert.That(changes.All(c => c.Reasons.Count > 0), "every change says why");
    }

    [Test]
    public void Narrowing_is_high_risk_and_widening_careful()
    {
        var wide = new ColumnInfo { Name = "n", Type = "character varying(50)", Family = "string", MaxLength = 50 };
        var narrow = new ColumnInfo { Name = "n", Type = "character varying(10)", Family = "string", MaxLength = 10 };
        Assert.That(TypeChanges.IsWidening(SqlProviders.Postgres, narrow, wide), Is.True);
        Assert.That(TypeChanges.IsWidening(SqlProviders.Postgres, wide, narrow), Is.False);
        Assert.That(TypeChanges.IsWidening(SqlProviders.MySql, new ColumnInfo { Type = "int", Family = "int32" }, new ColumnInfo { Type = "bigint", Family = "int64" }), Is.True);
        Assert.That(TypeChanges.IsWidening(SqlProviders.MySql, new ColumnInfo { Type = "bigint", Family = "int64" }, new ColumnInfo { Type = "int", Family = "int32" }), Is.False);
    }

    [TestCase(SqlProviders.Postgres, "a\"b", "\"a\"\"b\"")]
    [TestCase(SqlProviders.MySql, "a`b", "`a``b`")]
    [TestCase(SqlProviders.Sqlite, "select", "\"select\"")]
    [TestCase(SqlProviders.Postgres, "Ünï Cödé", "\"Ünï Cödé\"")]
    public void Identifiers_are_always_quoted_for_their_dialect(string provider, string name, string quoted) =>
        Assert.That(MigrationDialect.For(provider).Quote(name), Is.EqualTo(quoted));

    [Test]
    public void Names_longer_than_the_engine_keeps_are_refused_and_generated_names_fit()
    {
        var pg = MigrationDialect.For(SqlProviders.Postgres);
        Assert.That(pg.NameProblem(new string('x', 63)), Is.Null);
        Assert.That(pg.NameProblem(new string('x', 64)), Does.Contain("silently truncate"));
        Assert.That(pg.NameProblem(new string('é', 32)), Does.Contain("63 bytes"), "PostgreSQL counts bytes: 32 × 2");
        var made = pg.MakeName("sd_backup_20240101_000000_" + new string('ü', 60));
        Assert.That(pg.IdentifierLength(made), Is.LessThanOrEqualTo(63));
        Assert.That(MigrationDialect.For(SqlProviders.MySql).NameProblem(new string('x', 65)), Does.Contain("64"));
    }

    [Test]
    public void Model_type_text_must_be_plainly_a_type()
    {
        Assert.That(MigrationDialect.IsPlainType("character varying(200)"), Is.True);
        Assert.That(MigrationDialect.IsPlainType("numeric(10, 2)"), Is.True);
        Assert.That(MigrationDialect.IsPlainType("enum('a','it''s')"), Is.True);
        Assert.That(MigrationDialect.IsPlainType("text[]"), Is.True);
        Assert.That(MigrationDialect.IsPlainType("text; DROP TABLE users"), Is.False);
        Assert.That(MigrationDialect.IsPlainType("int) --"), Is.False);
    }

    [Test]
    public void A_table_missing_from_the_target_is_dropped_with_its_rows_kept_in_a_backup_and_a_warning()
    {
        var from = Lite("CREATE TABLE legacy (id INTEGER PRIMARY KEY, v TEXT)");
        var to = Lite("CREATE TABLE other (x INTEGER)");
        var plan = MigrationPlanner.Plan(SchemaDiffer.Diff(from, to).Changes, SqlProviders.Sqlite, new NoDatabaseFacts(from), new PlannerOptions { Stamp = "20240101_000000" });
        var sql = MigrationScriptWriter.WriteMigration(plan, new MigrationInfo { Name = "x", Stamp = "20240101_000000" });
        Assert.That(sql, Does.Contain("DATA LOSS WARNING").And.Contain("DROP TABLE legacy").And.Contain("Affected rows: unknown"));
        Assert.That(sql, Does.Contain("CREATE TABLE \"sd_backup_20240101_000000_legacy\" AS SELECT * FROM \"legacy\""));
        Assert.That(sql, Does.Contain("-- schemadrift:destructive drops table legacy"));
    }
}
