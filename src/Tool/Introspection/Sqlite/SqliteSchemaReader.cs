using System.Globalization;
using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Tool.Introspection.Sqlite;

/// <summary>
/// Reads a SQLite database through the pragma table-valued functions, joined
/// against sqlite_schema so that every table costs no extra round trip.
/// </summary>
internal sealed class SqliteSchemaReader : ISchemaReader
{
    private readonly SqliteConnection _connection;
    private readonly SqliteRows _rows;
    private readonly string _path;
    private readonly Dictionary<string, string> _families = new(StringComparer.Ordinal);

    public SqliteSchemaReader(SqliteConnection connection, string path)
    {
        _connection = connection;
        _rows = new SqliteRows(connection);
        _path = path;
    }

    public int QueryCount { get; private set; }

    /// <summary>Opens the file read-only: introspection must never create or change a database.</summary>
    public static SqliteConnection Open(string path, int timeoutSeconds)
    {
        if (path != ":memory:" && !File.Exists(path))
        {
            throw new IntrospectionException("the SQLite database file '" + path + "' does not exist",
                "Create it first (for example by running your migrations) or fix the Data Source path.");
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        };
        SqliteRows.ConfigureLibrary();
        var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }

    // SQLite answers in process and without waiting, so both reads run synchronously.
    public Task<string> ReadFingerprintAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ReadFingerprint(cancellationToken));

    public Task<SchemaSnapshot> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read(cancellationToken));

    private string ReadFingerprint(CancellationToken cancellationToken) =>
        "sqlite:" + _path + ":" + ScalarInt64(SqliteCatalogQueries.Fingerprint, cancellationToken).ToString(CultureInfo.InvariantCulture);

    private SchemaSnapshot Read(CancellationToken cancellationToken)
    {
        QueryCount = 0;
        var snapshot = new SchemaSnapshot
        {
            Provider = SqlProviders.Sqlite,
            DefaultSchema = "main",
            Database = Path.GetFileName(_path),
            ServerVersion = _connection.ServerVersion,
        };
        snapshot.Schemas.Add("main");
        snapshot.Fingerprint = ReadFingerprint(cancellationToken);

        // 1. Every object and its CREATE text.
        var tables = new Dictionary<string, TableInfo>(StringComparer.OrdinalIgnoreCase);
        var createSql = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var indexSql = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var triggers = new List<(string Name, string Table, string Sql)>();
        ForEachRow(
            SqliteCatalogQueries.Objects,
            r =>
            {
                var type = r.GetPooledString(0);
                var name = r.GetString(1);
                var sql = r.IsDBNull(3) ? "" : r.GetString(3);
                switch (type)
                {
                    case "table":
                    case "view":
                        tables[name] = new TableInfo
                        {
                            Schema = "main",
                            Name = name,
                            Kind = type == "view" ? TableKind.View : TableKind.Table,
                            Definition = type == "view" ? sql : null,
                        };
                        createSql[name] = sql;
                        break;
                    case "index":
                        indexSql[name] = sql;
                        break;
                    case "trigger":
                        triggers.Add((name, r.GetString(2), sql));
                        break;
                }
            }, cancellationToken);

        // 2. WITHOUT ROWID flags (pragma_table_list exists since SQLite 3.37).
        ForEachRow(SqliteCatalogQueries.TableFlags, r =>
        {
            if (tables.TryGetValue(r.GetPooledString(0), out var t)) t.WithoutRowId = r.GetInt64(1) != 0;
        }, cancellationToken);

        // 3. Columns of every table and view in one query.
        var pkOrder = new Dictionary<string, SortedList<long, string>>(StringComparer.OrdinalIgnoreCase);
        ForEachRow(
            SqliteCatalogQueries.Columns,
            r =>
            {
                if (!tables.TryGetValue(r.GetPooledString(0), out var t)) return;
                var hidden = r.GetInt64(7);
                if (hidden == 1) return; // hidden columns of virtual tables
                var declared = r.GetPooledString(3);
                var column = new ColumnInfo
                {
                    Name = r.GetPooledString(2),
                    Ordinal = (int)r.GetInt64(1) + 1,
                    Type = declared,
                    Family = FamilyOf(declared),
                    Nullable = r.GetInt64(4) == 0,
                    Default = r.IsDBNull(5) ? null : r.GetString(5),
                    PrimaryKey = r.GetInt64(6) > 0,
                    Generated = hidden == 2 ? "virtual" : hidden == 3 ? "stored" : null,
                };
                TypeDetails.Apply(column);
                t.Columns.Add(column);
                if (column.PrimaryKey)
                {
                    if (!pkOrder.TryGetValue(t.Name, out var order)) pkOrder[t.Name] = order = new SortedList<long, string>();
                    order[r.GetInt64(6)] = column.Name;
                }
            }, cancellationToken);

        foreach (var t in tables.Values)
        {
            if (pkOrder.TryGetValue(t.Name, out var order))
            {
                t.PrimaryKey = new PrimaryKeyInfo();
                t.PrimaryKey.Columns.AddRange(order.Values);
            }
            var sql = createSql[t.Name];
            if (t.Kind != TableKind.Table || sql.Length == 0) continue;
            foreach (var (name, expression) in SqliteDdl.Checks(sql))
            {
                t.Checks.Add(new CheckInfo { Name = name, Expression = expression });
            }
            ApplyRowIdAndGenerated(t, sql);
        }

        // 4. Foreign keys of every table in one query.
        var fks = new Dictionary<(string, long), ForeignKeyInfo>();
        ForEachRow(
            SqliteCatalogQueries.ForeignKeys,
            r =>
            {
                if (!tables.TryGetValue(r.GetPooledString(0), out var t)) return;
                var key = (t.Name, r.GetInt64(1));
                if (!fks.TryGetValue(key, out var fk))
                {
                    fk = new ForeignKeyInfo
                    {
                        Name = "fk_" + t.Name + "_" + r.GetInt64(1).ToString(CultureInfo.InvariantCulture),
                        ReferencedSchema = "main",
                        ReferencedTable = r.GetPooledString(2),
                        OnUpdate = r.GetPooledString(5),
                        OnDelete = r.GetPooledString(6),
                    };
                    fks[key] = fk;
                    t.ForeignKeys.Add(fk);
                }
                fk.Columns.Add(r.GetPooledString(3));
                // "to" is NULL when the FK names the parent's primary key implicitly.
                fk.ReferencedColumns.Add(r.IsDBNull(4) ? "" : r.GetPooledString(4));
            }, cancellationToken);
        foreach (var fk in fks.Values)
        {
            if (fk.ReferencedColumns.Any(c => c.Length == 0) && tables.TryGetValue(fk.ReferencedTable, out var parent) && parent.PrimaryKey != null)
            {
                fk.ReferencedColumns.Clear();
                fk.ReferencedColumns.AddRange(parent.PrimaryKey.Columns);
            }
        }

        // 5. Indexes with their key columns in one query.
        var indexes = new Dictionary<(string, string), IndexInfo>();
        ForEachRow(
            SqliteCatalogQueries.Indexes,
            r =>
            {
                if (!tables.TryGetValue(r.GetPooledString(0), out var t)) return;
                var name = r.GetString(1);
                var key = (t.Name, name);
                if (!indexes.TryGetValue(key, out var ix))
                {
                    var origin = r.GetPooledString(3);
                    ix = new IndexInfo
                    {
                        Name = name,
                        Unique = r.GetInt64(2) != 0,
                        Primary = origin == "pk",
                        Method = "btree",
                        Predicate = r.GetInt64(4) != 0 && indexSql.TryGetValue(name, out var isql) ? SqliteDdl.IndexPredicate(isql) : null,
                    };
                    indexes[key] = ix;
                    t.Indexes.Add(ix);
                    if (origin == "u")
                    {
                        var uc = new UniqueConstraintInfo { Name = name };
                        t.UniqueConstraints.Add(uc);
                    }
                }
                ix.Columns.Add(r.IsDBNull(5)
                    ? new IndexColumnInfo { Expression = "<expression>", Descending = r.GetInt64(6) != 0 }
                    : new IndexColumnInfo { Name = r.GetPooledString(5), Descending = r.GetInt64(6) != 0 });
            }, cancellationToken);
        foreach (var t in tables.Values)
        {
            foreach (var uc in t.UniqueConstraints)
            {
                var ix = t.Indexes.First(i => i.Name == uc.Name);
                uc.Columns.AddRange(ix.Columns.Select(c => c.Name ?? c.Expression ?? ""));
            }
        }

        // 6. Triggers (SQLite trigger bodies are inline: no function to reference).
        foreach (var (name, table, sql) in triggers)
        {
            if (!tables.TryGetValue(table, out var t)) continue;
            var (timing, events) = SqliteDdl.Trigger(sql);
            var trigger = new TriggerInfo { Name = name, Timing = timing, Level = "ROW", Definition = sql };
            trigger.Events.AddRange(events);
            t.Triggers.Add(trigger);
        }

        // 7. Row estimates, only where ANALYZE left statistics (counting rows would read every table).
        if (ScalarInt64(SqliteCatalogQueries.HasStatistics, cancellationToken) > 0)
        {
            ForEachRow(SqliteCatalogQueries.Statistics, r =>
            {
                if (r.IsDBNull(1) || !tables.TryGetValue(r.GetString(0), out var t)) return;
                var first = r.GetString(1).Split(' ')[0];
                if (long.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows))
                    t.RowEstimate = Math.Max(t.RowEstimate ?? 0, rows);
            }, cancellationToken);
        }

        snapshot.Tables.AddRange(tables.Values);
        snapshot.Normalize();
        return snapshot;
    }

    /// <summary>
    /// INTEGER PRIMARY KEY makes a column an alias of the rowid: never null, assigned
    /// automatically. Generated column expressions only live in the CREATE text.
    /// </summary>
    private static void ApplyRowIdAndGenerated(TableInfo t, string createSql)
    {
        if (!t.WithoutRowId && t.PrimaryKey?.Columns.Count == 1)
        {
            var pk = t.Columns.FirstOrDefault(c => c.Name == t.PrimaryKey.Columns[0]);
            if (pk != null && pk.Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            {
                pk.Nullable = false;
                pk.Identity = SqliteDdl.HasAutoIncrement(createSql) ? "autoincrement" : "rowid";
            }
        }
        if (t.WithoutRowId)
        {
            foreach (var c in t.Columns.Where(c => c.PrimaryKey)) c.Nullable = false;
        }
        if (!t.Columns.Any(c => c.Generated != null)) return;
        foreach (var (column, expression) in GeneratedExpressions(createSql))
        {
            var c = t.Columns.FirstOrDefault(x => x.Name.Equals(column, StringComparison.OrdinalIgnoreCase));
            if (c?.Generated != null) c.GenerationExpression = expression;
        }
    }

    private static IEnumerable<(string Column, string Expression)> GeneratedExpressions(string createSql)
    {
        var t = SqliteDdl.Tokens(createSql);
        var open = t.FindIndex(x => x.Text == "(");
        if (open < 0) yield break;
        var depth = 0;
        var elementStart = open + 1;
        for (var i = open; i < t.Count; i++)
        {
            if (t[i].Text == "(") { depth++; continue; }
            if (t[i].Text == ")" && depth > 1) { depth--; continue; }
            if ((t[i].Text == "," && depth == 1) || (t[i].Text == ")" && depth == 1))
            {
                var asAt = -1;
                for (var j = elementStart; j < i - 1; j++)
                {
                    if (t[j].Is("AS") && t[j + 1].Text == "(") { asAt = j; break; }
                }
                if (asAt > elementStart)
                {
                    var d = 0;
                    var k = asAt + 1;
                    for (; k < i; k++)
                    {
                        if (t[k].Text == "(") d++;
                        else if (t[k].Text == ")" && --d == 0) break;
                    }
                    yield return (SqliteDdl.Unquote(t[elementStart]), SqliteDdl.Slice(createSql, t, asAt + 2, k));
                }
                elementStart = i + 1;
                if (t[i].Text == ")") yield break;
            }
        }
    }

    private long ScalarInt64(string sql, CancellationToken cancellationToken)
    {
        long value = 0;
        ForEachRow(sql, r => value = r.GetInt64(0), cancellationToken);
        return value;
    }

    private void ForEachRow(string sql, Action<SqliteRows.Row> row, CancellationToken cancellationToken)
    {
        QueryCount++;
        _rows.ForEach(sql, row, cancellationToken);
    }

    /// <summary>The type family of a declared type; thousands of columns share a handful of spellings.</summary>
    private string FamilyOf(string declared)
    {
        if (!_families.TryGetValue(declared, out var family))
            _families[declared] = family = TypeFamily.Of(SqlProviders.Sqlite, declared);
        return family;
    }
}
