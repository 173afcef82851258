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
                Name = dot > 0 ? qualified[(dot + 1)..] : qualified,
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
}
