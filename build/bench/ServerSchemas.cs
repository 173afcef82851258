using System.Data.Common;
using System.Globalization;
using System.Text;
using MySqlConnector;
using Npgsql;

namespace SchemaDrift.Bench;

/// <summary>
/// Creates the 1,000-table introspection benchmark schema on the test PostgreSQL and MariaDB
/// servers (admin connection strings from build/servers.sh) and prints shell exports that
/// point the benchmark at the new databases.
/// </summary>
internal static class ServerSchemas
{
    public static async Task<int> Run(Dictionary<string, string> o)
    {
        var tables = int.Parse(o.GetValueOrDefault("tables", "1000"), CultureInfo.InvariantCulture);
        var columns = int.Parse(o.GetValueOrDefault("columns", "20"), CultureInfo.InvariantCulture);
        var pgAdmin = Environment.GetEnvironmentVariable("SCHEMADRIFT_TEST_POSTGRES") ?? throw new InvalidOperationException("SCHEMADRIFT_TEST_POSTGRES not set");
        var myAdmin = Environment.GetEnvironmentVariable("SCHEMADRIFT_TEST_MYSQL") ?? throw new InvalidOperationException("SCHEMADRIFT_TEST_MYSQL not set");
        const string db = "sd_bench_introspection";

        await using (var admin = new NpgsqlConnection(pgAdmin))
        {
            await admin.OpenAsync();
            await Exec(admin, $"DROP DATABASE IF EXISTS {db}");
            await Exec(admin, $"CREATE DATABASE {db}");
        }
        var pg = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = db };
        await using (var c = new NpgsqlConnection(pg.ConnectionString))
        {
            await c.OpenAsync();
            await Exec(c, Ddl(tables, columns, "text"));
        }

        await using (var admin = new MySqlConnection(myAdmin))
        {
            await admin.OpenAsync();
            await Exec(admin, $"DROP DATABASE IF EXISTS {db}");
            await Exec(admin, $"CREATE DATABASE {db}");
        }
        var my = new MySqlConnectionStringBuilder(myAdmin) { Database = db, AllowUserVariables = true };
        await using (var c = new MySqlConnection(my.ConnectionString))
        {
            await c.OpenAsync();
            for (var start = 0; start < tables; start += 100)
            {
                await Exec(c, Ddl(Math.Min(100, tables - start), columns, "varchar(100)", start));
            }
        }

        Console.WriteLine($"export SCHEMADRIFT_BENCH_PG='{pg.ConnectionString}'");
        Console.WriteLine($"export SCHEMADRIFT_BENCH_PG_USER='{pg.Username}' SCHEMADRIFT_BENCH_PG_PASSWORD='{pg.Password}' SCHEMADRIFT_BENCH_PG_PORT='{pg.Port}' SCHEMADRIFT_BENCH_PG_DB='{db}'");
        Console.WriteLine($"export SCHEMADRIFT_BENCH_MY='{my.ConnectionString}'");
        Console.WriteLine($"export SCHEMADRIFT_BENCH_MY_USER='{my.UserID}' SCHEMADRIFT_BENCH_MY_PASSWORD='{my.Password}' SCHEMADRIFT_BENCH_MY_PORT='{my.Port}' SCHEMADRIFT_BENCH_MY_DB='{db}'");
        return 0;
    }

    private static string Ddl(int tables, int columns, string type, int offset = 0)
    {
        var sb = new StringBuilder();
        for (var t = offset; t < offset + tables; t++)
        {
            sb.Append("CREATE TABLE t").Append(t).Append(" (id bigint PRIMARY KEY");
            for (var c = 1; c < columns; c++) sb.Append(", c").Append(c).Append(' ').Append(type);
            sb.Append(");\n");
        }
        return sb.ToString();
    }

    private static async Task Exec(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync();
    }
}
