using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;

namespace SchemaDrift.Tests.Tool;

/// <summary>Where the connection string comes from, which engine it is for, and the rest of the stack summary.</summary>
[NonParallelizable]
public class ConnectionAndStackDetectionTests
{
    private string _dir = "";
    private readonly Dictionary<string, string?> _savedEnv = new();

    private static readonly string[] Variables =
    {
        "SCHEMADRIFT_CONNECTION", "SCHEMADRIFT_PROPERTY_CONNECTION", "ConnectionStrings__Main", "APPDATA", "HOME",
    };

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sd-conn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        foreach (var v in Variables)
        {
            _savedEnv[v] = Environment.GetEnvironmentVariable(v);
            if (v is not ("HOME" or "APPDATA")) Environment.SetEnvironmentVariable(v, null);
        }
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var (k, v) in _savedEnv) Environment.SetEnvironmentVariable(k, v);
        Directory.Delete(_dir, true);
    }

    private ResolvedConnection? Resolve(params string[] args)
    {
        var all = new List<string> { "introspect", "--project-dir", _dir };
        all.AddRange(args);
        return ConnectionResolver.Resolve(ToolOptions.Parse(all.ToArray()), new Reporter(TextWriter.Null));
    }

    [Test]
    public void Environment_variable_wins_over_the_property_which_wins_over_settings()
    {
        File.WriteAllText(Path.Combine(_dir, "appsettings.json"), """{ "ConnectionStrings": { "Main": "Data Source=settings.db" } }""");
        Assert.That(Resolve("--connection-name", "Main")!.Source, Is.EqualTo("appsettings.json ConnectionStrings:Main"));

        Environment.SetEnvironmentVariable("SCHEMADRIFT_PROPERTY_CONNECTION", "Data Source=property.db");
        Assert.That(Resolve("--connection-name", "Main")!.ConnectionString, Is.EqualTo("Data Source=property.db"));

        Environment.SetEnvironmentVariable("SCHEMADRIFT_CONNECTION", "Data Source=env.db");
        var c = Resolve("--connection-name", "Main")!;
        Assert.That((c.ConnectionString, c.Source), Is.EqualTo(("Data Source=env.db", "environment variable SCHEMADRIFT_CONNECTION")));
    }

    [Test]
    public void Named_connection_follows_dotnet_configuration_precedence()
    {
        File.WriteAllText(Path.Combine(_dir, "appsettings.json"), """{ "ConnectionStrings": { "Main": "Data Source=base.db" } }""");
        File.WriteAllText(Path.Combine(_dir, "appsettings.Development.json"), """
            // comments and trailing commas are allowed, as in ASP.NET Core
            { "ConnectionStrings": { "main": "Data Source=dev.db", }, }
            """);
        Assert.That(Resolve("--connection-name", "Main")!.ConnectionString, Is.EqualTo("Data Source=dev.db"));

        var home = Path.Combine(_dir, "home");
        Environment.SetEnvironmentVariable("HOME", home);
        Environment.SetEnvironmentVariable("APPDATA", null);
        var secrets = ConnectionResolver.UserSecretsPath("my-app-secrets");
        Directory.CreateDirectory(Path.GetDirectoryName(secrets)!);
        File.WriteAllText(secrets, """{ "ConnectionStrings:Main": "Host=db;Password=s3cret" }""");
        var fromSecrets = Resolve("--connection-name", "Main", "--user-secrets-id", "my-app-secrets")!;
        Assert.That(fromSecrets.Source, Is.EqualTo("user secrets (my-app-secrets)"));

        Environment.SetEnvironmentVariable("ConnectionStrings__Main", "Data Source=envname.db");
        Assert.That(Resolve("--connection-name", "Main", "--user-secrets-id", "my-app-secrets")!.Source, Is.EqualTo("environment variable ConnectionStrings__Main"));
    }

    [Test]
    public void No_configuration_means_no_connection()
    {
        Assert.That(Resolve(), Is.Null);
        Assert.That(Resolve("--connection-name", "Missing"), Is.Null);
    }

    [Test]
    public void Passwords_are_registered_as_secrets_and_scrubbed()
    {
        Environment.SetEnvironmentVariable("SCHEMADRIFT_CONNECTION", "postgres://app:p%40ss%20word@db.example:5433/shop");
        var output = new StringWriter();
        var reporter = new Reporter(output);
        var all = new[] { "introspect", "--project-dir", _dir };
        ConnectionResolver.Resolve(ToolOptions.Parse(all), reporter);
        reporter.Warning("DBDRIFT000", "failed for postgres://app:p%40ss%20word@db.example:5433/shop with p@ss word");
        Assert.That(output.ToString(), Does.Not.Contain("p@ss word").And.Not.Contain("p%40ss%20word"));
    }

    [TestCase("postgres://u:p@h/db", "postgres", "HIGH")]
    [TestCase("postgresql://h/db", "postgres", "HIGH")]
    [TestCase("Host=localhost;Database=app;Username=u", "postgres", "HIGH")]
    [TestCase("mysql://u:p@h:3306/db", "mysql", "HIGH")]
    [TestCase("Server=localhost;Database=app;User ID=root", "mysql", "MEDIUM")]
    [TestCase("Data Source=app.db", "sqlite", "HIGH")]
    [TestCase("Data Source=:memory:", "sqlite", "HIGH")]
    [TestCase("app.sqlite3", "sqlite", "MEDIUM")]
    [TestCase("sqlite:data/app.db", "sqlite", "HIGH")]
    public void Provider_is_detected_from_the_connection_string_form(string cs, string provider, string confidence)
    {
        var d = ProviderDetector.Detect(null, cs, Array.Empty<string>());
        Assert.That((d!.Value, d.Confidence), Is.EqualTo((provider, confidence)));
        Assert.That(d.Signal, Is.Not.Empty);
    }

    [Test]
    public void Provider_setting_beats_everything_and_packages_are_the_last_resort()
    {
        Assert.That(ProviderDetector.Detect("PostgreSQL", "Data Source=app.db", Array.Empty<string>())!.Value, Is.EqualTo("postgres"));
        Assert.That(ProviderDetector.Detect(null, null, new[] { "Dapper", "Pomelo.EntityFrameworkCore.MySql" })!.Value, Is.EqualTo("mysql"));
        Assert.That(ProviderDetector.Detect(null, null, new[] { "Npgsql.EntityFrameworkCore.PostgreSQL" })!.Signal, Does.Contain("Npgsql.EntityFrameworkCore.PostgreSQL"));
        var mixed = ProviderDetector.Detect(null, null, new[] { "Npgsql", "Microsoft.Data.Sqlite" })!;
        Assert.That(mixed.Confidence, Is.EqualTo("LOW"), "two engines referenced: not sure");
        Assert.That(ProviderDetector.Detect(null, null, new[] { "Dapper" }), Is.Null);
    }

    [Test]
    public void Url_connection_strings_become_driver_key_value_form()
    {
        var pg = ConnectionStrings.ToDriverForm("postgres", "postgres://app:p%40ss@db:5433/shop?sslmode=require", _dir);
        Assert.That(pg, Does.Contain("Host=db").And.Contain("Port=5433").And.Contain("Username=app").And.Contain("Password=p@ss").And.Contain("Database=shop"));
        var sqlite = ConnectionStrings.ToDriverForm("sqlite", "Data Source=data/app.db", _dir);
        Assert.That(sqlite, Is.EqualTo("Data Source=" + Path.Combine(_dir, "data", "app.db")));
    }

    [Test]
    public void Stack_summary_names_data_access_style_and_push_method()
    {
        var efDapper = StackDetector.Detect(null, null, new[] { "Microsoft.EntityFrameworkCore.Sqlite", "Dapper", "Microsoft.EntityFrameworkCore.Design" }, _dir);
        Assert.That(efDapper.DataAccess.Value, Is.EqualTo("EF Core, Dapper"));
        Assert.That(efDapper.PushMethod.Value, Is.EqualTo("dotnet ef database update"));
        Assert.That(efDapper.PushMethod.Confidence, Is.EqualTo("MEDIUM"));

        Directory.CreateDirectory(Path.Combine(_dir, "Migrations"));
        File.WriteAllText(Path.Combine(_dir, "Migrations", "AppDbContextModelSnapshot.cs"), "// generated");
        Assert.That(StackDetector.Detect(null, null, new[] { "Microsoft.EntityFrameworkCore" }, _dir).PushMethod.Confidence, Is.EqualTo("HIGH"));

        var plain = StackDetector.Detect(null, null, new[] { "Npgsql" }, Path.GetTempPath());
        Assert.That(plain.DataAccess.Value, Is.EqualTo("ADO.NET"));
        Assert.That(plain.PushMethod.Value, Does.StartWith("SchemaDriftPush"));
        Assert.That(StackDetector.Detect(null, null, new[] { "FluentMigrator.Runner" }, Path.GetTempPath()).PushMethod.Value, Does.StartWith("FluentMigrator"));
        Assert.That(StackDetector.Detect(null, null, new[] { "dbup-postgresql" }, Path.GetTempPath()).PushMethod.Value, Does.StartWith("DbUp"));
    }
}
