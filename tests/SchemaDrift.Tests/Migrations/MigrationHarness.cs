using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Tool;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Commands;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Migrations;

namespace SchemaDrift.Tests.Migrations;

/// <summary>A database for migration tests: a SQLite file, or a throwaway database on the test servers.</summary>
internal sealed class MigrationDatabase : IAsyncDisposable
{
    private readonly TestDatabase? _server;
    private readonly string? _file;

    private MigrationDatabase(string provider, string connectionString, TestDatabase? server, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _server = server;
        _file = file;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public string Name => _server?.Name ?? Path.GetFileName(_file!);

    /// <summary>Secrets that must never appear in output or files.</summary>
    public string? Password => _server?.Password;

    public static async Task<MigrationDatabase> CreateAsync(string provider, string? setupSql, string directory, string fileName = "app.db")
    {
        if (provider == SqlProviders.Sqlite)
        {
            var path = Path.Combine(directory, fileName);
            var db = new MigrationDatabase(provider, "Data Source=" + path, null, path);
            using (var c = new SqliteConnection("Data Source=" + path + ";Pooling=False")) c.Open();
            if (setupSql != null) await db.ExecuteAsync(setupSql);
            return db;
        }
        var server = await TestDatabase.CreateAsync(provider, setupSql);
        return new MigrationDatabase(provider, server.ConnectionString, server, null);
    }

    public DbConnection Open()
    {
        DbConnection c = Provider switch
        {
            SqlProviders.Postgres => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString),
            SqlProviders.MySql => new MySqlConnection(new MySqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString),
            _ => new SqliteConnection(ConnectionString + ";Pooling=False"),
        };
        c.Open();
        return c;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var c = Open();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var c = Open();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }

    public async Task<SchemaSnapshot> ReadAsync()
    {
        await using var opened = await SchemaReaderFactory.OpenAsync(Provider, ConnectionString, Path.GetTempPath(), 5, CancellationToken.None);
        return await opened.Reader.ReadAsync(CancellationToken.None);
    }

    /// <summary>SHA-256 over every row of a table: the named columns in name order, rows sorted, values as invariant text.</summary>
    public async Task<string> ChecksumAsync(string table, params string[] columns)
    {
        var q = Provider == SqlProviders.MySql ? "`" + table.Replace("`", "``") + "`" : "\"" + table.Replace("\"", "\"\"") + "\"";
        var cols = columns.OrderBy(c => c, StringComparer.Ordinal)
            .Select(c => Provider == SqlProviders.MySql ? "`" + c.Replace("`", "``") + "`" : "\"" + c.Replace("\"", "\"\"") + "\"" + (Provider == SqlProviders.Postgres ? "::text" : ""));
        await using var c = Open();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT " + string.Join(", ", cols) + " FROM " + q;
        var rows = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                var values = new string[r.FieldCount];
                for (var i = 0; i < r.FieldCount; i++) values[i] = r.IsDBNull(i) ? "<null>" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                rows.Add(string.Join("\u0001", values));
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows)))) + " (" + rows.Count + " rows)";
    }

    public async ValueTask DisposeAsync()
    {
        if (_server != null) await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>Runs the tool's migration commands in-process, the way the MSBuild task does (connection in the environment).</summary>
internal static class MigrationTool
{
    public static (int Exit, string Output) Run(string command, string projectDir, string? connectionString, params string[] args) =>
        RunWithProduction(command, projectDir, connectionString, null, args);

    /// <summary>Also sets SCHEMADRIFT_PRODUCTION_CONNECTION.</summary>
    public static (int Exit, string Output) RunWithProduction(string command, string projectDir, string? connectionString, string? productionConnection, params string[] args)
    {
        var previous = Environment.GetEnvironmentVariable(ConnectionResolver.EnvironmentVariable);
        var previousProd = Environment.GetEnvironmentVariable(DatabaseTargets.ProductionVariable);
        Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, connectionString);
        Environment.SetEnvironmentVariable(DatabaseTargets.ProductionVariable, productionConnection);
        try
        {
            var output = new StringWriter();
            var all = new List<string> { command, "--project-dir", projectDir, "--report-dir", ".db-reports", "--timeout", "5" };
            all.AddRange(args);
            var options = ToolOptions.Parse(all.ToArray());
            var reporter = new Reporter(output);
            Task<int> run = command switch
            {
                "migrate" => new MigrateCommand(options, reporter).RunAsync(),
                "lint" => new LintCommand(options, reporter).RunAsync(),
                "push" => new PushCommand(options, reporter).RunAsync(),
                "rollback" => new RollbackCommand(options, reporter).RunAsync(),
                "diff" => new DiffCommand(options, reporter).RunAsync(),
                "seed" => new SeedCommand(options, reporter).RunAsync(),
                "report" => new ReportCommand(options, reporter).RunAsync(),
                "snapshot" => new SnapshotCommand(options, reporter).RunAsync(),
                _ => throw new ArgumentException(command),
            };
            var exit = run.GetAwaiter().GetResult();
            return (exit, output.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConnectionResolver.EnvironmentVariable, previous);
            Environment.SetEnvironmentVariable(DatabaseTargets.ProductionVariable, previousProd);
        }
    }

    public static string Staged(string projectDir) => Path.Combine(projectDir, ".db-reports", "migrations", "staged");

    public static string[] StagedMigrations(string projectDir) =>
        Directory.Exists(Staged(projectDir))
            ? Directory.GetFiles(Staged(projectDir), "*.sql").Where(f => !f.EndsWith("_rollback.sql", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();

    /// <summary>Every file under the report folder, for secret checks.</summary>
    public static string AllReportText(string projectDir)
    {
        var dir = Path.Combine(projectDir, ".db-reports");
        if (!Directory.Exists(dir)) return "";
        return string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
    }
}

/// <summary>A SARIF 2.1 log like the one the C# compiler writes (results with customProperties).</summary>
internal static class Sarif
{
    public static (string RuleId, Dictionary<string, string> Properties) Finding(string rule, params (string Key, string Value)[] properties) =>
        (rule, properties.ToDictionary(p => p.Key, p => p.Value));

    public static void Write(string path, params (string RuleId, Dictionary<string, string> Properties)[] findings)
    {
        var results = new JsonArray();
        var line = 10;
        foreach (var (rule, props) in findings)
        {
            var custom = new JsonObject();
            foreach (var kv in props) custom[kv.Key] = kv.Value;
            results.Add(new JsonObject
            {
                ["ruleId"] = rule,
                ["level"] = "warning",
                ["message"] = new JsonObject { ["text"] = rule + " finding" },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = "file:///src/App/Data.cs" },
                        ["region"] = new JsonObject { ["startLine"] = line++, ["startColumn"] = 5 },
                    },
                }),
                ["properties"] = new JsonObject { ["warningLevel"] = 1, ["customProperties"] = custom },
            });
        }
        var root = new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/sarif-2.1.0",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject { ["results"] = results, ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "csc" } } }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, root.ToJsonString());
    }
}
