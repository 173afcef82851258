using Microsoft.Data.Sqlite;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;
using SchemaDrift.Tool.Introspection.Sqlite;

namespace SchemaDrift.Tests.Infrastructure;

/// <summary>Snapshots for tests: from real SQLite databases, or built by hand for the server dialects.</summary>
internal static class TestSnapshots
{
    /// <summary>Creates a temporary SQLite database from DDL and introspects it with the product's reader.</summary>
    public static SchemaSnapshot FromSqlite(string ddl)
    {
        var path = Path.Combine(Path.GetTempPath(), "schemadrift-test-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using (var create = new SqliteConnection("Data Source=" + path + ";Pooling=False"))
            {
                create.Open();
                using var cmd = create.CreateCommand();
                cmd.CommandText = ddl;
                cmd.ExecuteNonQuery();
            }
            using var connection = SqliteSchemaReader.Open(path, 5);
            return new SqliteSchemaReader(connection, path).ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    public static string SqliteJson(string ddl) => SnapshotSerializer.Write(FromSqlite(ddl), SnapshotFlavor.Committed);

    /// <summary>A hand-built snapshot: "table(col type [null], …)" lines, for PostgreSQL or MySQL dialect tests without a server.</summary>
    public static SchemaSnapshot Build(string provider, string defaultSchema, params string[] tables)
    {
        var s = new SchemaSnapshot { Provider = provider, DefaultSchema = defaultSchema };
        s.Schemas.Add(defaultSchema);
        foreach (var spec in tables)
        {
            var open = spec.IndexOf('(');
            var qualified = spec[..open].Trim();
            var dot = qualified.IndexOf('.');
            var table = new TableInfo
            {
                Schema = dot > 0 ? qualified[..dot] : defaultSchema,
                Name = (dot > 0 ? qualified[(dot + 1)..] : qualified).Trim('"'),
            };
            if (!s.Schemas.Contains(table.Schema)) s.Schemas.Add(table.Schema);
            var ordinal = 0;
            foreach (var col in spec[(open + 1)..spec.LastIndexOf(')')].Split(','))
            {
                // "Quoted Name" type [null]  |  name type [null]
                var c = col.Trim();
                string name;
                if (c.StartsWith('"'))
                {
                    var close = c.IndexOf('"', 1);
                    name = c[1..close];
                    c = c[(close + 1)..];
                }
                else
                {
                    var space = c.IndexOf(' ');
                    name = space < 0 ? c : c[..space];
                    c = space < 0 ? "" : c[space..];
                }
                var parts = c.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var type = parts.Length > 0 ? parts[0] : "text";
                table.Columns.Add(new ColumnInfo
                {
                    Name = name,
                    Ordinal = ++ordinal,
                    Type = type,
                    Family = TypeFamily.Of(provider, type),
                    Nullable = parts.Contains("null"),
                });
            }
            s.Tables.Add(table);
        }
        return s;
    }

    public static string Json(SchemaSnapshot snapshot) => SnapshotSerializer.Write(snapshot, SnapshotFlavor.Committed);

    /// <summary>Adds a PostgreSQL enum type and makes the given table.column use it.</summary>
    public static SchemaSnapshot WithPgEnum(this SchemaSnapshot s, string name, string[] labels, params string[] columns)
    {
        var e = new EnumInfo { Schema = s.DefaultSchema, Name = name };
        e.Values.AddRange(labels);
        s.Enums.Add(e);
        foreach (var tc in columns)
        {
            var c = Column(s, tc);
            c.EnumType = s.DefaultSchema + "." + name;
            c.Type = name;
            c.Family = "enum";
        }
        return s;
    }

    /// <summary>Makes table.column a MySQL inline ENUM(...) column.</summary>
    public static SchemaSnapshot WithMySqlEnum(this SchemaSnapshot s, string column, params string[] labels)
    {
        var c = Column(s, column);
        c.EnumValues = labels.ToList();
        c.Type = "enum(" + string.Join(",", labels.Select(l => "'" + l + "'")) + ")";
        c.Family = "enum";
        return s;
    }

    /// <summary>Adds a routine (function or procedure) in the default schema, or in "schema.name".</summary>
    public static SchemaSnapshot WithRoutine(this SchemaSnapshot s, string name, string kind = "function")
    {
        var dot = name.IndexOf('.');
        s.Routines.Add(new RoutineInfo
        {
            Schema = dot > 0 ? name[..dot] : s.DefaultSchema,
            Name = dot > 0 ? name[(dot + 1)..] : name,
            Kind = kind,
        });
        return s;
    }

    private static ColumnInfo Column(SchemaSnapshot s, string tableDotColumn)
    {
        var dot = tableDotColumn.IndexOf('.');
        var table = s.Tables.Single(t => t.Name == tableDotColumn[..dot]);
        return table.Columns.Single(c => c.Name == tableDotColumn[(dot + 1)..]);
    }
}
