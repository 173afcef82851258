using System.Data.Common;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tests.Core.Oracle;

/// <summary>
/// A small catalog reader for the oracle's server engines (tables, views, columns, enums,
/// routines), so the test does not depend on the product's PostgreSQL/MySQL introspection
/// while that is written. Swap in the product's readers once they exist.
/// </summary>
internal static class OracleCatalog
{
    public static SchemaSnapshot ReadPostgres(NpgsqlConnection c, string database)
    {
        var s = new SchemaSnapshot { Provider = SqlProviders.Postgres, DefaultSchema = "public", Database = database };
        s.Schemas.Add("public");
        var tables = new Dictionary<string, TableInfo>();
        ForEach(c, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public'", r =>
        {
            var t = new TableInfo { Schema = "public", Name = r.GetString(0), Kind = r.GetString(1) == "VIEW" ? TableKind.View : TableKind.Table };
            tables[t.Name] = t;
            s.Tables.Add(t);
        });
        ForEach(c, "SELECT table_name, column_name, ordinal_position, data_type, udt_schema, udt_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position", r =>
        {
            var col = new ColumnInfo { Name = r.GetString(1), Ordinal = r.GetInt32(2), Type = r.GetString(3) };
            if (col.Type == "USER-DEFINED") col.EnumType = r.GetString(4) + "." + r.GetString(5);
            tables[r.GetString(0)].Columns.Add(col);
        });
        var enums = new Dictionary<string, EnumInfo>();
        ForEach(c, "SELECT n.nspname, t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace ORDER BY t.typname, e.enumsortorder", r =>
        {
            var key = r.GetString(0) + "." + r.GetString(1);
            if (!enums.TryGetValue(key, out var e)) s.Enums.Add(enums[key] = e = new EnumInfo { Schema = r.GetString(0), Name = r.GetString(1) });
            e.Values.Add(r.GetString(2));
        });
        ForEach(c, "SELECT p.proname, p.prokind::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace", r =>
            s.Routines.Add(new RoutineInfo { Schema = "public", Name = r.GetString(0), Kind = r.GetString(1) == "p" ? "procedure" : "function" }));
        s.Normalize();
        return s;
    }

    public static SchemaSnapshot ReadMySql(MySqlConnection c, string database)
    {
        var s = new SchemaSnapshot { Provider = SqlProviders.MySql, DefaultSchema = database, Database = database };
        s.Schemas.Add(database);
        var tables = new Dictionary<string, TableInfo>();
        ForEach(c, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = '" + database + "'", r =>
        {
            var t = new TableInfo { Schema = database, Name = r.GetString(0), Kind = r.GetString(1) == "VIEW" ? TableKind.View : TableKind.Table };
            tables[t.Name] = t;
            s.Tables.Add(t);
        });
        ForEach(c, "SELECT table_name, column_name, ordinal_position, column_type FROM information_schema.columns WHERE table_schema = '" + database + "' ORDER BY table_name, ordinal_position", r =>
        {
            var col = new ColumnInfo { Name = r.GetString(1), Ordinal = Convert.ToInt32(r.GetValue(2)), Type = r.GetString(3) };
            if (col.Type.StartsWith("enum(", StringComparison.OrdinalIgnoreCase))
            {
                col.EnumValues = col.Type[5..^1].Split(',').Select(l => l.Trim('\'').Replace("''", "'")).ToList();
            }
            tables[r.GetString(0)].Columns.Add(col);
        });
        ForEach(c, "SELECT routine_name, routine_type FROM information_schema.routines WHERE routine_schema = '" + database + "'", r =>
            s.Routines.Add(new RoutineInfo { Schema = database, Name = r.GetString(0), Kind = r.GetString(1).ToLowerInvariant() }));
        s.Normalize();
        return s;
    }

    private static void ForEach(DbConnection c, string sql, Action<DbDataReader> row)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read()) row(r);
    }
}
