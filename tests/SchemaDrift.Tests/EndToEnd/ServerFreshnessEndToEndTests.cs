using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// Against a real PostgreSQL server: an unchanged database costs one fingerprint query per
/// build, and nothing at all within SchemaDriftCacheTtlSeconds.
/// </summary>
[Category("EndToEnd")]
[Category("Database")]
[NonParallelizable]
public class ServerFreshnessEndToEndTests
{
    [Test]
    public async Task Unchanged_server_costs_one_fingerprint_query_and_nothing_within_the_ttl()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres, "CREATE TABLE users (id int PRIMARY KEY, email text);");
        using var project = new ConsumerProject(extraItems: "<PackageReference Include=\"Npgsql\" Version=\"8.0.9\" />")
            .WithSource("Queries.cs", """
                using Dapper;
                namespace Consumer;
                public static class Queries
                {
                    public static IEnumerable<string> Names(Npgsql.NpgsqlConnection c) => c.Query<string>("SELECT nickname FROM users");
                }
                """);
        var env = new Dictionary<string, string?> { ["SCHEMADRIFT_CONNECTION"] = db.ConnectionString };

        var first = project.Build(env, "-v:d");
        Assert.That(first.Output, Does.Contain("snapshot refreshed").And.Contain("catalog queries"), first.ToString());
        Assert.That(first.Drift.Select(d => d.Id), Does.Contain("DBDRIFT201"));

        var second = project.Build(env, "-v:d");
        Assert.That(second.Output, Does.Contain("snapshot unchanged"), "the tool ran its one fingerprint query: " + second);
        Assert.That(second.Output, Does.Not.Contain("catalog queries"), "no full read");

        var third = project.Build(env, "-v:d", "-p:SchemaDriftCacheTtlSeconds=600");
        Assert.That(third.Output, Does.Contain("checked less than 600 s ago"), third.ToString());
        Assert.That(third.Output, Does.Not.Contain("snapshot unchanged").And.Not.Contain("snapshot refreshed"), "the tool was not started");

        await db.ExecuteAsync("ALTER TABLE users ADD COLUMN nickname text");
        var fourth = project.Build(env);
        Assert.That(fourth.Drift, Is.Empty, "after the TTL-less build the change is seen: " + fourth);
    }
}
