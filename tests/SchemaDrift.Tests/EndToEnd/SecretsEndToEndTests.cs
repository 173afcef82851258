using System.IO.Compression;
using System.Text;
using Npgsql;
using MySqlConnector;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// Connection strings and passwords never reach a file or a log: a packed consumer is built
/// against real servers, with the password arriving every way SchemaDrift supports, at every
/// verbosity, and every output (console, binary log, every file under the project) is searched.
/// </summary>
[Category("EndToEnd")]
[Category("Database")]
[NonParallelizable]
public class SecretsEndToEndTests
{
    private const string Query = "SELECT nickname FROM users";

    private static ConsumerProject Consumer(string provider, string extraProperties = "")
    {
        var driver = provider == SqlProviders.Postgres
            ? "<PackageReference Include=\"Npgsql\" Version=\"8.0.9\" />"
            : "<PackageReference Include=\"MySqlConnector\" Version=\"2.4.0\" />";
        var connectionType = provider == SqlProviders.Postgres ? "Npgsql.NpgsqlConnection" : "MySqlConnector.MySqlConnection";
        return new ConsumerProject("Secrets", extraProperties: extraProperties, extraItems: driver)
            .WithSource("Queries.cs", $$"""
                using Dapper;
                namespace Consumer;
                public static class Queries
                {
                    public static IEnumerable<string> Names({{connectionType}} c) => c.Query<string>("{{Query}}");
                }
                """);
    }

    private static string Url(string provider, string cs)
    {
        if (provider == SqlProviders.Postgres)
        {
            var b = new NpgsqlConnectionStringBuilder(cs);
            return $"postgres://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password!)}@{b.Host}:{b.Port}/{b.Database}";
        }
        var m = new MySqlConnectionStringBuilder(cs);
        return $"mysql://{Uri.EscapeDataString(m.UserID)}:{Uri.EscapeDataString(m.Password)}@{m.Server}:{m.Port}/{m.Database}";
    }

    private static void AssertNoSecret(ConsumerProject project, IEnumerable<string> outputs, params string[] secrets)
    {
        var needles = secrets.Where(s => s.Length >= 6).SelectMany(s => new[] { s, Uri.EscapeDataString(s) }).Distinct().ToList();
        foreach (var output in outputs)
        {
            foreach (var needle in needles) Assert.That(output, Does.Not.Contain(needle), "a build log contains the secret");
        }
        foreach (var file in Directory.EnumerateFiles(project.Directory, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            var text = file.EndsWith(".binlog", StringComparison.Ordinal) ? Gunzip(bytes) : Encoding.UTF8.GetString(bytes);
            foreach (var needle in needles)
            {
                Assert.That(text.Contains(needle, StringComparison.Ordinal), Is.False, "secret found in " + file);
            }
        }
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [TestCase(SqlProviders.Postgres)]
    [TestCase(SqlProviders.MySql)]
    public async Task Password_from_the_environment_never_appears_at_any_verbosity_or_in_any_file(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, "CREATE TABLE users (id int PRIMARY KEY, email varchar(100));");
        using var project = Consumer(provider);
        var outputs = new List<string>();
        foreach (var (env, label) in new[] { (db.ConnectionString, "key/value"), (Url(provider, db.ConnectionString), "URL") })
        {
            var environment = new Dictionary<string, string?> { ["SCHEMADRIFT_CONNECTION"] = env };
            foreach (var verbosity in new[] { "q", "m", "n", "d", "diag" })
            {
                var build = project.Build(environment, "-v:" + verbosity, "--no-incremental", "-bl:" + project.PathOf("build-" + verbosity + ".binlog"));
                Assert.That(build.Succeeded, label + " " + verbosity + ": " + build);
                outputs.Add(build.Output);
                if (verbosity == "m") Assert.That(build.Drift.Select(d => d.Id), Does.Contain("DBDRIFT201"), "the database was really read (" + label + ")");
            }
            outputs.Add(project.Run("build", new[] { "-t:SchemaDriftSnapshot", "-v:diag" }, environment).Output);
            outputs.Add(project.Run("build", new[] { "-t:SchemaDriftAssess", "-v:diag" }, environment).Output);
        }
        Assert.That(File.Exists(project.PathOf("schema.snapshot.json")));
        AssertNoSecret(project, outputs, db.Password, db.ConnectionString);
    }

    [TestCase(SqlProviders.Postgres)]
    [TestCase(SqlProviders.MySql)]
    public async Task Password_from_user_secrets_and_a_wrong_password_stay_out_of_every_output(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, "CREATE TABLE users (id int PRIMARY KEY, email varchar(100));");
        var secretsId = "schemadrift-secrets-" + Guid.NewGuid().ToString("N")[..8];
        using var project = Consumer(provider,
            "<SchemaDriftConnectionStringName>Main</SchemaDriftConnectionStringName><UserSecretsId>" + secretsId + "</UserSecretsId>");
        var home = project.PathOf("home");
        var secretsFile = Path.Combine(home, ".microsoft", "usersecrets", secretsId, "secrets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(secretsFile)!);
        File.WriteAllText(secretsFile, "{ \"ConnectionStrings:Main\": \"" + db.ConnectionString.Replace("\"", "\\\"") + "\" }");
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["APPDATA"] = null, ["SCHEMADRIFT_CONNECTION"] = null };

        var ok = project.Build(environment, "-v:diag", "-bl:" + project.PathOf("secrets.binlog"));
        Assert.That(ok.Drift.Select(d => d.Id), Does.Contain("DBDRIFT201"), ok.ToString());
        Assert.That(ok.Output, Does.Contain("user secrets (" + secretsId + ")"));

        var wrongPassword = "Wrong-" + Guid.NewGuid().ToString("N");
        var wrong = provider == SqlProviders.Postgres
            ? new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = wrongPassword }.ConnectionString
            : new MySqlConnectionStringBuilder(db.ConnectionString) { Password = wrongPassword }.ConnectionString;
        var failing = project.Build(new Dictionary<string, string?> { ["SCHEMADRIFT_CONNECTION"] = wrong, ["HOME"] = home }, "-v:diag", "--no-incremental");
        var notice = failing.Drift.Single(d => d.Id == "DBDRIFT000");
        Assert.That(notice.Message, Does.Contain("password").IgnoreCase.Or.Contain("authentication").IgnoreCase, failing.ToString());

        // The secrets file itself is the user's; everything SchemaDrift wrote or printed is checked.
        File.Delete(secretsFile);
        AssertNoSecret(project, new[] { ok.Output, failing.Output }, db.Password, wrongPassword, db.ConnectionString);
    }
}
