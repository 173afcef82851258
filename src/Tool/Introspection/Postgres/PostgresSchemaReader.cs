using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;
using Q = SchemaDrift.Tool.Introspection.Postgres.PostgresCatalogQueries;

namespace SchemaDrift.Tool.Introspection.Postgres;

/// <summary>
/// Reads a PostgreSQL database into a snapshot: all user schemas, with a fixed number
/// of catalog queries (see <see cref="PostgresCatalogQueries"/>) inside one read-only
/// transaction. This class only maps catalog codes onto the snapshot model.
/// </summary>
internal sealed class PostgresSchemaReader : ISchemaReader
{
    private readonly CatalogSession _session;
    private readonly int _lockTimeoutSeconds;

    public PostgresSchemaReader(CatalogSession session, int timeoutSeconds)
    {
        _session = session;
        _lockTimeoutSeconds = Math.Max(1, timeoutSeconds);
    }

    public int QueryCount => _session.QueryCount;

    public async Task<string> ReadFingerprintAsync(CancellationToken cancellationToken) =>
        "pg:" + await _session.ScalarAsync(Q.Fingerprint, cancellationToken);

    public async Task<SchemaSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        _session.ResetCount();
        await _session.ExecuteAsync(Q.Begin(_lockTimeoutSeconds), cancellationToken);
        var snapshot = new SchemaSnapshot { Provider = SqlProviders.Postgres };
        var tables = new Dictionary<uint, TableInfo>();

        // One batch: see CatalogSession. The handlers run in this order, so each may use what the earlier ones read.
        var queries = new List<(string Sql, Action<System.Data.Common.DbDataReader> Row)>();
        string? currentSchema = null;
        queries.Add((Q.Header, r =>
        {
            snapshot.Database = r.Text(0);
            snapshot.ServerVersion = r.Text(1);
            currentSchema = r.Text(2);
            snapshot.Schemas.AddRange(r.Array<string>(3));
        }));

        queries.Add((Q.Tables, r =>
        {
            var kind = r.Name(3);
            var isTable = kind is "r" or "p" or "f";
            var estimate = r.Long(6);
            tables[r.GetFieldValue<uint>(0)] = new TableInfo
            {
                Schema = r.Name(1),
                Name = r.Name(2),
                Kind = kind == "v" ? TableKind.View : kind == "m" ? TableKind.MaterializedView : TableKind.Table,
                Partitioned = kind == "p",
                RlsEnabled = isTable ? r.Flag(4) : null,
                RlsForced = isTable ? r.Flag(5) : null,
                // reltuples is -1 until the first VACUUM/ANALYZE (PostgreSQL 14+): unknown, not empty.
                RowEstimate = kind is "v" || estimate is null or < 0 ? null : estimate,
                Comment = r.Text(7),
                Definition = r.Text(8),
            };
        }));

        queries.Add((Q.Columns, r =>
        {
            if (!tables.TryGetValue(r.GetFieldValue<uint>(0), out var t)) return;
            var typeKind = r.Name(8);
            var domainBase = r.Text(11);
            var generated = r.Name(7) == "s";
            var expression = r.Text(5);
            var column = new ColumnInfo
            {
                Name = r.Name(2),
                // attnum has gaps where columns were dropped; equal schemas must get equal ordinals.
                Ordinal = t.Columns.Count + 1,
                Type = r.Name(3),
                Family = TypeFamily.Of(SqlProviders.Postgres, domainBase ?? r.Name(3), isEnum: typeKind == "e"),
                Nullable = !r.Flag(4),
                Default = generated ? null : expression,
                Identity = r.Name(6) switch { "a" => "always", "d" => "by_default", _ => null },
                Generated = generated ? "stored" : null,
                GenerationExpression = generated ? expression : null,
                EnumType = typeKind == "e" ? r.Name(9) + "." + r.Name(10) : null,
                Collation = r.Text(12),
                Comment = r.Text(13),
            };
            TypeDetails.Apply(column, domainBase ?? column.Type);
            t.Columns.Add(column);
        }));

        queries.Add((Q.Constraints, r =>
        {
            if (!tables.TryGetValue(r.GetFieldValue<uint>(0), out var t)) return;
            var name = r.Name(1);
            var columns = r.Array<string>(4);
            switch (r.Name(2))
            {
                case "p":
                    t.PrimaryKey = new PrimaryKeyInfo { Name = name };
                    t.PrimaryKey.Columns.AddRange(columns);
                    foreach (var c in t.Columns.Where(c => columns.Contains(c.Name))) c.PrimaryKey = true;
                    break;
                case "u":
                    var unique = new UniqueConstraintInfo { Name = name };
                    unique.Columns.AddRange(columns);
                    t.UniqueConstraints.Add(unique);
                    break;
                case "f":
                    var fk = new ForeignKeyInfo
                    {
                        Name = name,
                        ReferencedSchema = r.Text(5),
                        ReferencedTable = r.Name(6),
                        OnUpdate = ForeignKeyAction(r.Name(8)),
                        OnDelete = ForeignKeyAction(r.Name(9)),
                        Validated = r.Flag(3),
                    };
                    fk.Columns.AddRange(columns);
                    fk.ReferencedColumns.AddRange(r.Array<string>(7));
                    t.ForeignKeys.Add(fk);
                    break;
                case "c":
                    t.Checks.Add(new CheckInfo { Name = name, Expression = r.Name(10), Validated = r.Flag(3) });
                    break;
            }
        }));

        var indexes = new Dictionary<uint, IndexInfo>();
        queries.Add((Q.Indexes, r =>
        {
            if (!tables.TryGetValue(r.GetFieldValue<uint>(0), out var t)) return;
            var oid = r.GetFieldValue<uint>(1);
            if (!indexes.TryGetValue(oid, out var index))
            {
                indexes[oid] = index = new IndexInfo
                {
                    Name = r.Name(2),
                    Unique = r.Flag(3),
                    Primary = r.Flag(4),
                    Valid = r.Flag(5),
                    Method = r.Text(6),
                    Predicate = r.Text(7),
                    Scans = r.Long(8),
                };
                t.Indexes.Add(index);
            }
            var column = r.Text(9);
            index.Columns.Add(new IndexColumnInfo { Name = column, Expression = column == null ? r.Text(10) : null, Descending = r.Flag(11) });
        }));

        queries.Add((Q.Triggers, r =>
        {
            if (!tables.TryGetValue(r.GetFieldValue<uint>(0), out var t)) return;
            var type = r.GetInt16(2);
            var functionName = r.Text(5);
            var trigger = new TriggerInfo
            {
                Name = r.Name(1),
                // pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h).
                Timing = (type & 64) != 0 ? "INSTEAD OF" : (type & 2) != 0 ? "BEFORE" : "AFTER",
                Level = (type & 1) != 0 ? "ROW" : "STATEMENT",
                Enabled = r.Name(3) != "D",
                Function = functionName == null ? null : r.Name(4) + "." + functionName,
                FunctionExists = functionName != null,
                Definition = r.Text(6),
            };
            if ((type & 4) != 0) trigger.Events.Add("INSERT");
            if ((type & 16) != 0) trigger.Events.Add("UPDATE");
            if ((type & 8) != 0) trigger.Events.Add("DELETE");
            if ((type & 32) != 0) trigger.Events.Add("TRUNCATE");
            t.Triggers.Add(trigger);
        }));

        queries.Add((Q.Policies, r =>
        {
            if (!tables.TryGetValue(r.GetFieldValue<uint>(0), out var t)) return;
            var policy = new PolicyInfo
            {
                Name = r.Name(1),
                Command = r.Name(2) switch { "r" => "SELECT", "a" => "INSERT", "w" => "UPDATE", "d" => "DELETE", _ => "ALL" },
                Permissive = r.Flag(3),
                Using = r.Text(5),
                WithCheck = r.Text(6),
            };
            policy.Roles.AddRange(r.Array<string>(4));
            t.Policies.Add(policy);
        }));

        queries.Add((Q.Enums, r =>
        {
            var e = new EnumInfo { Schema = r.Name(0), Name = r.Name(1) };
            e.Values.AddRange(r.Array<string>(2));
            snapshot.Enums.Add(e);
        }));

        queries.Add((Q.Routines, r =>
        {
            var routine = new RoutineInfo
            {
                Schema = r.Name(0),
                Name = r.Name(1),
                Kind = r.Name(2) switch { "p" => "procedure", "a" => "aggregate", "w" => "window", _ => "function" },
                Arguments = r.Name(3),
                DefaultedArguments = (int)(r.Long(5) ?? 0),
                ReturnType = r.Text(6),
                Language = r.Text(7),
                SecurityDefiner = r.Flag(8),
                SearchPath = SearchPath(r.Array<string>(9)),
                Volatility = r.Name(10) switch { "i" => "immutable", "s" => "stable", _ => "volatile" },
            };
            routine.ArgumentTypes.AddRange(r.Array<string>(4));
            snapshot.Routines.Add(routine);
        }));

        await _session.ForEachRowAsync(queries, cancellationToken);
        await _session.ExecuteAsync(Q.End, cancellationToken);
        // Unqualified names resolve through search_path; "public" is where it leads unless the database has none.
        snapshot.DefaultSchema = snapshot.Schemas.Contains("public") ? "public" : currentSchema ?? snapshot.Schemas.FirstOrDefault() ?? "public";
        snapshot.Tables.AddRange(tables.Values);
        snapshot.Normalize();
        return snapshot;
    }

    /// <summary>pg_constraint.confupdtype / confdeltype codes.</summary>
    private static string ForeignKeyAction(string code) => code switch
    {
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    };

    /// <summary>The value of a function's SET search_path (proconfig holds "name=value" entries).</summary>
    private static string? SearchPath(string[] config)
    {
        const string prefix = "search_path=";
        var entry = config.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        return entry?.Substring(prefix.Length);
    }
}
