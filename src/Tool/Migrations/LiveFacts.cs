using System.Globalization;
using SchemaDrift.Core.Migrations;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;

namespace SchemaDrift.Tool.Migrations;

/// <summary>
/// Answers the planner's questions from the live database at generation time: exact row
/// counts for data-loss warnings (COUNT(*), bounded by a timeout, never an estimate
/// presented as exact) and, on SQLite, the stored DDL a table rebuild re-creates.
/// A failed query answers "unknown", never a guess.
/// </summary>
internal sealed class LiveFacts : IDatabaseFacts
{
    private readonly MigrationSession _session;
    private readonly Reporter _r;
    private readonly Dictionary<string, long?> _cache = new(StringComparer.Ordinal);

    private LiveFacts(MigrationSession session, SchemaSnapshot live, List<StoredObject> stored, Reporter r)
    {
        _session = session;
        Live = live;
        StoredObjects = stored;
        _r = r;
    }

    public SchemaSnapshot? Live { get; }
    public IReadOnlyList<StoredObject> StoredObjects { get; }

    public int Queries { get; private set; }

    public static async Task<LiveFacts> CreateAsync(MigrationSession session, SchemaSnapshot live, Reporter r, CancellationToken ct)
    {
        var stored = new List<StoredObject>();
        if (session.Provider == SqlProviders.Sqlite)
        {
            foreach (var row in await session.QueryAsync("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", null, ct))
            {
                stored.Add(new StoredObject { Type = (string)row[0]!, Name = (string)row[1]!, TableName = (string)row[2]!, Sql = (string)row[3]! });
            }
        }
        return new LiveFacts(session, live, stored, r);
    }

    public long? Count(string sql)
    {
        if (_cache.TryGetValue(sql, out var cached)) return cached;
        long? result;
        try
        {
            Queries++;
            using var cmd = _session.Connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = Math.Max(30, _session.TimeoutSeconds * 6);
            var v = cmd.ExecuteScalar();
            result = v == null || v is DBNull ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _r.Detail("SchemaDrift: a row count for the migration's data-loss warning failed (" + ex.GetType().Name + "); it is reported as unknown.");
            result = null;
        }
        _cache[sql] = result;
        return result;
    }
}
