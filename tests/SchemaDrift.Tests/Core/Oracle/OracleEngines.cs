using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Introspection.Sqlite;

namespace SchemaDrift.Tests.Core.Oracle;

/// <summary>What the engine said about one query.</summary>
internal enum Verdict
{
    Accepted,

    /// <summary>Rejected because a table, column or function does not exist (or, on PostgreSQL, an enum label).</summary>
    MissingObject,

    /// <summary>Rejected for another reason (syntax, types, ambiguity…): not counted either way.</summary>
    Other,
}

/// <summary>One engine of the oracle: a scratch database with the shared schema, and its judgement of queries.</summary>
internal abstract class OracleEngine : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Corpus tag: pg, my, lite.</summary>
    public abstract string Tag { get; }

    public abstract SchemaSnapshot Snapshot();

    /// <summary>The snapshot exactly as the product's introspection reads it (what users' analyzers see).</summary>
    protected static SchemaSnapshot ProductSnapshot(string provider, string connectionString)
    {
        var opened = SchemaDrift.Tool.Introspection.SchemaReaderFactory.OpenAsync(provider, connectionString, Path.GetTempPath(), 10, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            return opened.Reader.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            opened.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public abstract (Verdict Verdict, string Message) Judge(string sql);

    public abstract void Dispose();

    protected static bool IsCall(string sql) => sql.TrimStart().StartsWith("CALL ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>SQLite: sqlite3_prepare through Microsoft.Data.Sqlite's Prepare.</summary>
internal sealed class SqliteOracle : OracleEngine
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "schemadrift-oracle-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly SqliteConnection _connection;

    public SqliteOracle()
    {
        _connection = new SqliteConnection("Data Source=" + _path + ";Pooling=False");
        _connection.Open();
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = OracleSchema.Sqlite;
        cmd.ExecuteNonQuery();
    }

    public override string Name => "SQLite " + _connection.ServerVersion;
    public override string Tag => "lite";

    public override SchemaSnapshot Snapshot()
    {
        using var connection = SqliteSchemaReader.Open(_path, 5);
        return new SqliteSchemaReader(connection, _path).ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public override (Verdict, string) Judge(string sql)
    {
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.Prepare();
            return (Verdict.Accepted, "");
        }
        catch (SqliteException ex)
        {
            var m = ex.Message;
            var missing = m.Contains("no such table") || m.Contains("no such column") || m.Contains("no such function") || m.Contains("has no column named");
            return (missing ? Verdict.MissingObject : Verdict.Other, m);
        }
    }

    public override void Dispose()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>PostgreSQL: PREPARE (parse analysis resolves every name without running anything); CALL runs in a rolled-back transaction.</summary>
internal sealed class PostgresOracle : OracleEngine
{
    private readonly string _admin;
    private readonly string _database = "schemadrift_oracle_" + Guid.NewGuid().ToString("N")[..12];
    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString; // keeps the password, which an open connection's ConnectionString drops

    public PostgresOracle(string adminConnectionString)
    {
        _admin = adminConnectionString;
        using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            admin.Open();
            Execute(admin, "CREATE DATABASE " + _database);
        }
        _connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = _database, Pooling = false }.ConnectionString;
        _connection = new NpgsqlConnection(_connectionString);
        _connection.Open();
        Execute(_connection, OracleSchema.Postgres);
    }

    public override string Name => "PostgreSQL " + _connection.ServerVersion;
    public override string Tag => "pg";

    public override SchemaSnapshot Snapshot() => ProductSnapshot(SqlProviders.Postgres, _connectionString);

    public override (Verdict, string) Judge(string sql)
    {
        try
        {
            if (IsCall(sql))
            {
                using var tx = _connection.BeginTransaction();
                Execute(_connection, sql);
                tx.Rollback();
            }
            else
            {
                Execute(_connection, "PREPARE oracle_q AS " + sql);
                Execute(_connection, "DEALLOCATE oracle_q");
            }
            return (Verdict.Accepted, "");
        }
        catch (PostgresException ex)
        {
            var missing = ex.SqlState switch
            {
                "42P01" => true, // undefined_table (also: missing FROM-clause entry)
                "42703" => true, // undefined_column
                "42883" => !ex.MessageText.StartsWith("operator", StringComparison.Ordinal), // undefined_function
                "22P02" => ex.MessageText.Contains("enum", StringComparison.Ordinal), // invalid enum label
                _ => false,
            };
            return (missing ? Verdict.MissingObject : Verdict.Other, ex.SqlState + " " + ex.MessageText);
        }
    }

    private static void Execute(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        _connection.Dispose();
        using var admin = new NpgsqlConnection(_admin);
        admin.Open();
        Execute(admin, "DROP DATABASE IF EXISTS " + _database + " WITH (FORCE)");
    }
}

/// <summary>MariaDB/MySQL: server-side PREPARE (resolves names); CALL runs in a rolled-back transaction.</summary>
internal sealed class MySqlOracle : OracleEngine
{
    private readonly string _admin;
    private readonly string _database = "schemadrift_oracle_" + Guid.NewGuid().ToString("N")[..12];
    private readonly MySqlConnection _connection;
    private readonly string _connectionString;

    public MySqlOracle(string adminConnectionString)
    {
        _admin = adminConnectionString;
        using (var admin = new MySqlConnection(adminConnectionString))
        {
            admin.Open();
            Execute(admin, "CREATE DATABASE " + _database);
        }
        var builder = new MySqlConnectionStringBuilder(adminConnectionString) { Database = _database, Pooling = false, AllowUserVariables = true };
        _connectionString = builder.ConnectionString;
        _connection = new MySqlConnection(_connectionString);
        _connection.Open();
        foreach (var statement in OracleSchema.MySql.Split(";\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (statement.Trim().Length > 0) Execute(_connection, statement.Trim().TrimEnd(';'));
        }
    }

    public override string Name => "MySQL/MariaDB " + _connection.ServerVersion;
    public override string Tag => "my";

    public override SchemaSnapshot Snapshot() => ProductSnapshot(SqlProviders.MySql, _connectionString);

    public override (Verdict, string) Judge(string sql)
    {
        try
        {
            if (IsCall(sql))
            {
                using var tx = _connection.BeginTransaction();
                using var cmd = new MySqlCommand(sql, _connection, tx);
                using (var reader = cmd.ExecuteReader())
                {
                    while (reader.NextResult()) { }
                }
                tx.Rollback();
            }
            else
            {
                Execute(_connection, "PREPARE oracle_q FROM '" + sql.Replace("\\", "\\\\").Replace("'", "''") + "'");
                Execute(_connection, "DEALLOCATE PREPARE oracle_q");
                if (!sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    // MariaDB's prepare leaves some names of data-changing statements (INSERT … SELECT target
                    // columns, DELETE … ORDER BY) to execution: run them on the empty tables, then roll back.
                    var names = ExecuteRolledBack(sql);
                    if (names != null) return (Verdict.MissingObject, names);
                }
            }
            return (Verdict.Accepted, "");
        }
        catch (MySqlException ex)
        {
            return (IsMissing(ex) ? Verdict.MissingObject : Verdict.Other, ex.Number + " " + ex.Message);
        }
    }

    private static bool IsMissing(MySqlException ex) => ex.Number is 1146 or 1054 or 1305; // no such table, unknown column, FUNCTION/PROCEDURE does not exist

    /// <summary>Runs the statement in a transaction that is rolled back; returns the error when a name is missing.</summary>
    private string? ExecuteRolledBack(string sql)
    {
        using var tx = _connection.BeginTransaction();
        try
        {
            using var cmd = new MySqlCommand(sql, _connection, tx);
            cmd.ExecuteNonQuery();
            return null;
        }
        catch (MySqlException ex)
        {
            return IsMissing(ex) ? ex.Number + " " + ex.Message : null; // constraint errors mean the names resolved
        }
        finally
        {
            tx.Rollback();
        }
    }

    private static void Execute(MySqlConnection c, string sql)
    {
        using var cmd = new MySqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        _connection.Dispose();
        using var admin = new MySqlConnection(_admin);
        admin.Open();
        Execute(admin, "DROP DATABASE IF EXISTS " + _database);
    }
}
