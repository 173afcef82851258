using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Migrations;

/// <summary>A staged migration: its SQL, its rollback and (when generated) its manifest.</summary>
internal sealed record StagedMigration(string BaseName, string SqlPath, string RollbackPath, string ManifestPath)
{
    public string Sql => File.ReadAllText(SqlPath);
    public string Checksum => MigrationScript.Checksum(Sql);
    public bool HasRollback => File.Exists(RollbackPath);

    public MigrationManifest? Manifest => File.Exists(ManifestPath) ? MigrationManifest.Parse(File.ReadAllText(ManifestPath)) : null;
}

/// <summary>The report folder's layout (DESIGN.md "Files written").</summary>
internal sealed class ReportFolder
{
    public ReportFolder(string root) => Root = root;

    public string Root { get; }
    public string Staged => Path.Combine(Root, "migrations", "staged");

    /// <summary>Pre-migration snapshots push saves for rollback verification.</summary>
    public string Applied => Path.Combine(Root, "migrations", "applied");
    public string History => Path.Combine(Root, "history.json");
    public string SchemaSnapshot => Path.Combine(Root, "schema-snapshot.json");
    public string Seeds => Path.Combine(Root, "seed");

    public static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' ? c : '_').ToArray();
        var s = new string(chars).Trim('_');
        return s.Length > 80 ? s.Substring(0, 80) : s;
    }

    public List<StagedMigration> ListStaged()
    {
        if (!Directory.Exists(Staged)) return new List<StagedMigration>();
        return Directory.EnumerateFiles(Staged, "*.sql")
            .Where(f => !f.EndsWith("_rollback.sql", StringComparison.Ordinal))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Select(Of)
            .ToList();
    }

    public StagedMigration Of(string sqlPath)
    {
        var baseName = Path.GetFileNameWithoutExtension(sqlPath);
        var dir = Path.GetDirectoryName(sqlPath)!;
        return new StagedMigration(baseName, sqlPath, Path.Combine(dir, baseName + "_rollback.sql"), Path.Combine(dir, baseName + ".manifest.json"));
    }

    /// <summary>By full base name (20250101_120000_add_x) or by name (add_x: the newest with that name).</summary>
    public StagedMigration? Find(string name)
    {
        var all = ListStaged();
        var exact = all.FirstOrDefault(m => m.BaseName.Equals(name, StringComparison.Ordinal) || m.BaseName.Equals(Path.GetFileNameWithoutExtension(name), StringComparison.Ordinal));
        if (exact != null) return exact;
        var safe = SafeName(name);
        return all.Where(m => m.BaseName.Length > 16 && m.BaseName.Substring(16) == safe).LastOrDefault();
    }

    public string BeforeSnapshotPath(StagedMigration m, string role) => Path.Combine(Applied, m.BaseName + (role == "local" ? "" : "." + role) + ".before.json");
}

/// <summary>
/// &lt;ReportDir&gt;/history.json, the seed's 9.2 format: every operation appended, never rewritten
/// in place (written atomically). Holds names, checksums and outcomes, never a connection string.
/// </summary>
internal static class HistoryFile
{
    public static JsonObject Load(string path)
    {
        try
        {
            if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject o)
            {
                if (o["operations"] is not JsonArray) o["operations"] = new JsonArray();
                return o;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // A broken history is kept aside, never silently overwritten.
            try
            {
                File.Copy(path, path + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), overwrite: false);
            }
            catch (IOException)
            {
            }
        }
        return new JsonObject { ["operations"] = new JsonArray() };
    }

    public static JsonArray Operations(string path) => (JsonArray)Load(path)["operations"]!;

    /// <summary>Appends one operation (id and timestamp filled in) and returns it.</summary>
    public static JsonObject Append(string path, JsonObject operation)
    {
        var root = Load(path);
        var ops = (JsonArray)root["operations"]!;
        var id = ops.Count == 0 ? 1 : ops.Select(o => (int?)o?["id"] ?? 0).Max() + 1;
        var entry = new JsonObject
        {
            ["id"] = id,
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var kv in operation.ToList())
        {
            operation.Remove(kv.Key);
            entry[kv.Key] = kv.Value;
        }
        ops.Add((JsonNode)entry);
        SnapshotStore.WriteAtomically(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n") + "\n");
        return entry;
    }

    /// <summary>True when the same migration (by checksum) was applied to the local database.</summary>
    public static bool AppliedLocally(string path, string migration, string checksum) =>
        Operations(path).Any(o => (string?)o?["type"] == "push" && (string?)o?["migration"] == migration && (string?)o?["checksum"] == checksum &&
                                  (string?)o?["target"] == "local" && (string?)o?["status"] == "applied");
}

/// <summary>
/// The schemadrift_migrations table: which migrations a database has, by name and checksum,
/// with their outcome (applied, BLOCKED, rolled_back). The latest row of a name is its state.
/// </summary>
internal static class HistoryTable
{
    public const string Table = MigrationHistory.TableName;

    private static string Create(string provider) => provider switch
    {
        SqlProviders.Postgres => "CREATE TABLE IF NOT EXISTS " + Table + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, " +
                                 "status text NOT NULL, environment text, execution_ms bigint, applied_at timestamptz NOT NULL DEFAULT now())",
        SqlProviders.MySql => "CREATE TABLE IF NOT EXISTS " + Table + " (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(255) NOT NULL, checksum char(64) NOT NULL, " +
                              "status varchar(20) NOT NULL, environment varchar(20) NULL, execution_ms bigint NULL, applied_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))",
        _ => "CREATE TABLE IF NOT EXISTS " + Table + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, status TEXT NOT NULL, environment TEXT, " +
             "execution_ms INTEGER, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
    };

    public static Task EnsureAsync(MigrationSession s, CancellationToken ct) => s.ExecuteAsync(Create(s.Provider), null, ct);

    public static async Task<bool> ExistsAsync(MigrationSession s, CancellationToken ct)
    {
        var sql = s.Provider switch
        {
            SqlProviders.Postgres => "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '" + Table + "'",
            SqlProviders.MySql => "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '" + Table + "'",
            _ => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + Table + "'",
        };
        return Convert.ToInt64(await s.ScalarAsync(sql, null, ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Latest (status, checksum) per migration name.</summary>
    public static async Task<Dictionary<string, (string Status, string Checksum)>> StateAsync(MigrationSession s, CancellationToken ct)
    {
        var state = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (!await ExistsAsync(s, ct)) return state;
        foreach (var row in await s.QueryAsync("SELECT name, status, checksum FROM " + Table + " ORDER BY id", null, ct))
        {
            state[(string)row[0]!] = ((string)row[1]!, (string)row[2]!);
        }
        return state;
    }

    public static async Task RecordAsync(MigrationSession s, string name, string checksum, string status, long ms, CancellationToken ct)
    {
        await EnsureAsync(s, ct);
        await using var cmd = s.Connection.CreateCommand();
        cmd.CommandText = "INSERT INTO " + Table + " (name, checksum, status, environment, execution_ms) VALUES (@name, @checksum, @status, @env, @ms)";
        Add(cmd, "@name", name);
        Add(cmd, "@checksum", checksum);
        Add(cmd, "@status", status);
        Add(cmd, "@env", s.Target.Role);
        Add(cmd, "@ms", ms);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
