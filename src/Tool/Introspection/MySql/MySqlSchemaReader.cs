using System.Text;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;
using Q = SchemaDrift.Tool.Introspection.MySql.MySqlCatalogQueries;

namespace SchemaDrift.Tool.Introspection.MySql;

/// <summary>
/// Reads the connection's MySQL or MariaDB database into a snapshot with a fixed number
/// of information_schema queries (see <see cref="MySqlCatalogQueries"/>) inside one
/// read-only transaction. MySQL has no schemas inside a database: the database is the
/// one schema, and the snapshot's default schema.
/// </summary>
internal sealed class MySqlSchemaReader : ISchemaReader
{
    private readonly CatalogSession _session;
    private readonly MySqlFlavor _flavor;

    public MySqlSchemaReader(CatalogSession session, MySqlFlavor flavor)
    {
        _session = session;
        _flavor = flavor;
    }

    public int QueryCount => _session.QueryCount;

    public async Task<string> ReadFingerprintAsync(CancellationToken cancellationToken) =>
        "mysql:" + await _session.ScalarAsync(Q.Fingerprint(_flavor), cancellationToken);

    public async Task<SchemaSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        _session.ResetCount();
        await _session.ExecuteAsync(Q.Begin, cancellationToken);
        var snapshot = new SchemaSnapshot { Provider = SqlProviders.MySql };
        string? databaseCollation = null;
        await _session.ForEachRowAsync(Q.Header, r =>
        {
            snapshot.Database = r.Text(0);
            snapshot.ServerVersion = r.Text(1);
            // 0: names stored and compared as written; 1: stored lower case; 2: stored as written, compared lower case.
            snapshot.CaseSensitiveTableNames = r.Long(2) == 0;
            databaseCollation = r.Text(3);
        }, cancellationToken);
        var schema = snapshot.Database ?? throw new IntrospectionException("the connection has no current database", "Add Database=… to the connection string.");
        snapshot.DefaultSchema = schema;
        snapshot.Schemas.Add(schema);
        var bySchema = ("@schema", (object)schema);
        await _session.ForEachRowAsync(Q.Visibility, r => snapshot.PartialVisibility = r.Long(0) == 0, cancellationToken, bySchema);

        var tables = new Dictionary<string, TableInfo>(StringComparer.Ordinal);
        var tableCollations = new Dictionary<string, string?>(StringComparer.Ordinal);
        await _session.ForEachRowAsync(Q.Tables, r =>
        {
            var isView = r.Name(1) == "VIEW";
            var comment = r.Text(3);
            var table = new TableInfo
            {
                Schema = schema,
                Name = r.Name(0),
                Kind = isView ? TableKind.View : TableKind.Table,
                Partitioned = (r.Text(4) ?? "").Contains("partitioned", StringComparison.OrdinalIgnoreCase),
                RowEstimate = isView ? null : r.Long(2),
                Comment = isView || string.IsNullOrEmpty(comment) ? null : comment,
                Definition = isView ? r.Text(6) : null,
            };
            tables[table.Name] = table;
            // Views have no collation of their own: their columns are compared with the database's.
            tableCollations[table.Name] = r.Text(5) ?? databaseCollation;
        }, cancellationToken, bySchema);

        await _session.ForEachRowAsync(Q.Columns, r =>
        {
            if (!tables.TryGetValue(r.Name(0), out var t)) return;
            var type = r.Name(3);
            var extra = r.Text(6) ?? "";
            var generated = extra.Contains("VIRTUAL GENERATED", StringComparison.OrdinalIgnoreCase) ? "virtual"
                : extra.Contains("STORED GENERATED", StringComparison.OrdinalIgnoreCase) || extra.Contains("PERSISTENT GENERATED", StringComparison.OrdinalIgnoreCase) ? "stored"
                : null;
            var collation = r.Text(7);
            var comment = r.Text(8);
            var column = new ColumnInfo
            {
                Name = r.Name(1),
                Ordinal = (int)(r.Long(2) ?? t.Columns.Count + 1),
                Type = type,
                Family = TypeFamily.Of(SqlProviders.MySql, type),
                Nullable = r.Name(4) == "YES",
                // MariaDB invents defaults for view columns (0 for NOT NULL numbers): only tables have real ones.
                Default = generated != null || t.Kind == TableKind.View ? null : Default(r.Text(5)),
                Identity = extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase) ? "auto_increment" : null,
                Generated = generated,
                GenerationExpression = generated != null ? r.Text(9) : null,
                EnumValues = type.StartsWith("enum(", StringComparison.OrdinalIgnoreCase) || type.StartsWith("set(", StringComparison.OrdinalIgnoreCase)
                    ? ParseLabels(type) : null,
                // Only what differs from the table's collation: the rest follows from it.
                Collation = collation != null && collation != tableCollations[t.Name] ? collation : null,
                Comment = string.IsNullOrEmpty(comment) ? null : comment,
            };
            TypeDetails.Apply(column);
            t.Columns.Add(column);
        }, cancellationToken, bySchema);

        var uniques = new Dictionary<(string Table, string Constraint), UniqueConstraintInfo>();
        var foreignKeys = new Dictionary<(string Table, string Constraint), ForeignKeyInfo>();
        await _session.ForEachRowAsync(Q.KeyConstraints, r =>
        {
            if (!tables.TryGetValue(r.Name(0), out var t)) return;
            var key = (t.Name, r.Name(1));
            var column = r.Name(3);
            switch (r.Name(2))
            {
                case "PRIMARY KEY":
                    t.PrimaryKey ??= new PrimaryKeyInfo { Name = key.Item2 };
                    t.PrimaryKey.Columns.Add(column);
                    foreach (var c in t.Columns.Where(c => c.Name == column)) c.PrimaryKey = true;
                    break;
                case "UNIQUE":
                    if (!uniques.TryGetValue(key, out var unique))
                    {
                        uniques[key] = unique = new UniqueConstraintInfo { Name = key.Item2 };
                        t.UniqueConstraints.Add(unique);
                    }
                    unique.Columns.Add(column);
                    break;
                case "FOREIGN KEY":
                    if (!foreignKeys.TryGetValue(key, out var fk))
                    {
                        foreignKeys[key] = fk = new ForeignKeyInfo
                        {
                            Name = key.Item2,
                            ReferencedSchema = r.Text(4),
                            ReferencedTable = r.Name(5),
                            OnUpdate = r.Text(7) ?? "NO ACTION",
                            OnDelete = r.Text(8) ?? "NO ACTION",
                        };
                        t.ForeignKeys.Add(fk);
                    }
                    fk.Columns.Add(column);
                    fk.ReferencedColumns.Add(r.Name(6));
                    break;
            }
        }, cancellationToken, bySchema);

        if (_flavor.HasCheckConstraints)
        {
            await _session.ForEachRowAsync(Q.Checks(_flavor), r =>
            {
                if (!tables.TryGetValue(r.Name(0), out var t)) return;
                var name = r.Name(1);
                var clause = r.Name(2);
                t.Checks.Add(new CheckInfo { Name = name, Expression = clause, Validated = r.Name(3) == "YES" });
                // MariaDB's JSON type is LONGTEXT plus a column check json_valid(`col`) named after the column.
                if (r.Name(4) == "Column" && clause == "json_valid(`" + name.Replace("`", "``") + "`)")
                {
                    foreach (var c in t.Columns.Where(c => c.Name == name)) c.Family = TypeFamily.Of(SqlProviders.MySql, "json");
                }
            }, cancellationToken, bySchema);
        }

        var indexes = new Dictionary<(string Table, string Index), IndexInfo>();
        await _session.ForEachRowAsync(Q.Indexes(_flavor), r =>
        {
            if (!tables.TryGetValue(r.Name(0), out var t)) return;
            var name = r.Name(1);
            if (!indexes.TryGetValue((t.Name, name), out var index))
            {
                indexes[(t.Name, name)] = index = new IndexInfo
                {
                    Name = name,
                    Unique = r.Long(2) == 0,
                    Primary = name == "PRIMARY",
                    Method = r.Text(7)?.ToLowerInvariant(),
                };
                t.Indexes.Add(index);
            }
            var column = r.Text(4);
            index.Columns.Add(new IndexColumnInfo
            {
                Name = column,
                Expression = column == null ? r.Text(8) : null,
                Descending = r.Text(5) == "D",
            });
        }, cancellationToken, bySchema);

        var routines = new Dictionary<(string Name, string Type), RoutineInfo>();
        await _session.ForEachRowAsync(Q.Routines, r =>
        {
            var type = r.Name(1);
            var routine = new RoutineInfo
            {
                Schema = schema,
                Name = r.Name(0),
                Kind = type == "PROCEDURE" ? "procedure" : "function",
                ReturnType = type == "FUNCTION" ? r.Text(2) : null,
                Language = r.Text(3),
                SecurityDefiner = r.Name(4) == "DEFINER",
                // DETERMINISTIC is MySQL's only volatility declaration; it promises what PostgreSQL calls IMMUTABLE.
                Volatility = r.Name(5) == "YES" ? "immutable" : "volatile",
            };
            routines[(routine.Name, type)] = routine;
            snapshot.Routines.Add(routine);
        }, cancellationToken, bySchema);

        var arguments = new Dictionary<RoutineInfo, List<string>>();
        await _session.ForEachRowAsync(Q.Parameters, r =>
        {
            if (!routines.TryGetValue((r.Name(0), r.Name(1)), out var routine)) return;
            var mode = r.Text(3);
            var type = r.Name(5);
            if (!arguments.TryGetValue(routine, out var list)) arguments[routine] = list = new List<string>();
            list.Add((mode is "OUT" or "INOUT" ? mode + " " : "") + r.Name(4) + " " + type);
            routine.ArgumentTypes.Add(type);
        }, cancellationToken, bySchema);
        foreach (var (routine, list) in arguments) routine.Arguments = string.Join(", ", list);

        await _session.ForEachRowAsync(Q.Triggers, r =>
        {
            if (!tables.TryGetValue(r.Name(0), out var t)) return;
            var trigger = new TriggerInfo
            {
                Name = r.Name(1),
                Timing = r.Name(3),
                Level = r.Text(4),
                Definition = r.Text(5),
            };
            trigger.Events.Add(r.Name(2));
            t.Triggers.Add(trigger);
        }, cancellationToken, bySchema);

        await _session.ExecuteAsync(Q.End, cancellationToken);
        snapshot.Tables.AddRange(tables.Values);
        snapshot.Normalize();
        return snapshot;
    }

    /// <summary>
    /// COLUMN_DEFAULT as the server prints it. MariaDB prints a NULL default as the word
    /// NULL (and quotes literals), MySQL as SQL NULL; both mean "no value given".
    /// </summary>
    private static string? Default(string? printed) => printed == null || printed == "NULL" ? null : printed;

    /// <summary>The labels of enum('a','b''c') / set(...), unescaped ('' and backslash escapes).</summary>
    public static List<string> ParseLabels(string columnType)
    {
        var labels = new List<string>();
        var i = columnType.IndexOf('(') + 1;
        while (i > 0 && i < columnType.Length)
        {
            if (columnType[i] != '\'') { i++; continue; }
            var label = new StringBuilder();
            i++;
            while (i < columnType.Length)
            {
                var c = columnType[i];
                if (c == '\'' && i + 1 < columnType.Length && columnType[i + 1] == '\'') { label.Append('\''); i += 2; continue; }
                if (c == '\\' && i + 1 < columnType.Length) { label.Append(columnType[i + 1]); i += 2; continue; }
                if (c == '\'') { i++; break; }
                label.Append(c);
                i++;
            }
            labels.Add(label.ToString());
            while (i < columnType.Length && columnType[i] != ',' && columnType[i] != ')') i++;
            if (i >= columnType.Length || columnType[i] == ')') break;
        }
        return labels;
    }
}
