using MySqlConnector;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Tool.Introspection;

namespace SchemaDrift.Tests.Tool;

/// <summary>
/// MySQL shows a user only the objects it has privileges on. A user with table-level grants
/// gets a partial snapshot, which must not turn every other table into a false DBDRIFT101.
/// </summary>
[Category("Database")]
public class MySqlVisibilityTests
{
    [Test]
    public async Task A_user_with_table_level_grants_gets_a_partial_snapshot_and_no_false_missing_tables()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.MySql,
            "CREATE TABLE visible_t (id int PRIMARY KEY, v text); CREATE TABLE hidden_t (id int PRIMARY KEY);");
        var user = "sd_limited_" + Guid.NewGuid().ToString("N")[..8];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        await db.ExecuteAsync($"CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'; GRANT SELECT ON {db.Name}.visible_t TO '{user}'@'%';");
        try
        {
            var limited = new MySqlConnectionStringBuilder(db.ConnectionString) { UserID = user, Password = password }.ConnectionString;
            var partial = await Read(limited);
            Assert.That(partial.PartialVisibility, Is.True);
            Assert.That(partial.Tables.Select(t => t.Name), Is.EqualTo(new[] { "visible_t" }), "information_schema hides hidden_t from this user");

            var result = SqlChecker.Check("SELECT id FROM hidden_t; SELECT nope FROM visible_t", new SchemaIndex(partial));
            Assert.That(result.Findings.Select(f => (f.Kind, f.Name)), Is.EqualTo(new[] { (SqlFindingKind.UnknownColumn, "nope") }),
                "columns of a visible table are still checked; an invisible table is not reported");

            var full = await Read(db.ConnectionString);
            Assert.That(full.PartialVisibility, Is.False, "the admin has SELECT on the whole server");
            Assert.That(SnapshotSerializer.Write(full, SnapshotFlavor.Committed), Does.Not.Contain("partialVisibility"));
        }
        finally
        {
            await db.ExecuteAsync($"DROP USER '{user}'@'%'");
        }
    }

    private static async Task<SchemaSnapshot> Read(string connectionString)
    {
        await using var opened = await SchemaReaderFactory.OpenAsync(SqlProviders.MySql, connectionString, Path.GetTempPath(), 5, CancellationToken.None);
        return await opened.Reader.ReadAsync(CancellationToken.None);
    }
}
