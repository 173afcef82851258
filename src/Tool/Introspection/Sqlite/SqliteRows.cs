using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SchemaDrift.Tool.Introspection.Sqlite;

/// <summary>
/// Runs a catalog query on the connection's native handle and hands each row to a callback.
/// The catalog read is about 200,000 column values for 1,000 tables; through SqliteDataReader
/// every value paid for a type check, a bounds check and a SafeHandle add/release of its
/// own, which together cost more than SQLite took to produce the rows (docs/benchmarks.md).
/// </summary>
internal sealed class SqliteRows
{
    private readonly sqlite3 _db;

    // Names and types repeat on every row (the table name on each of its columns, "INTEGER"
    // on thousands): one string per distinct value instead of one per row.
    private readonly Dictionary<int, string> _pool = new();

    public SqliteRows(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
    }

    /// <summary>
    /// Multi-thread mode: no mutex around every sqlite3 call. The tool never shares a
    /// connection between threads; the setting only applies before SQLite initializes,
    /// so it is made once, before the first connection opens, and a refusal is harmless.
    /// </summary>
    public static void ConfigureLibrary() => _ = Configured.Value;

    private static readonly Lazy<int> Configured = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
    });

    public void ForEach(string sql, Action<SqliteRows.Row> row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            throw Failure(rc);
        }
        using (stmt)
        {
            var current = new Row(this, stmt);
            var n = 0;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                if ((++n & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                row(current);
            }
            if (rc != raw.SQLITE_DONE) throw Failure(rc);
        }
    }

    private SqliteException Failure(int rc) =>
        new("SQLite could not read its catalog: " + raw.sqlite3_errmsg(_db).utf8_to_string(), rc);

    private string Pooled(ReadOnlySpan<byte> utf8)
    {
        var hash = 17;
        foreach (var b in utf8) hash = hash * 31 + b;
        if (_pool.TryGetValue(hash, out var known) && SameText(known, utf8)) return known;
        var created = Encoding.UTF8.GetString(utf8);
        // A different text with the same hash is simply not shared.
        _pool.TryAdd(hash, created);
        return created;
    }

    /// <summary>Whether the string's UTF-8 form is these bytes; ASCII is compared without encoding.</summary>
    private static bool SameText(string s, ReadOnlySpan<byte> utf8)
    {
        if (s.Length > utf8.Length) return false;
        var ascii = s.Length == utf8.Length;
        for (var i = 0; ascii && i < s.Length; i++)
        {
            if (s[i] >= 0x80) ascii = false;
            else if (s[i] != utf8[i]) return false;
        }
        return ascii || Encoding.UTF8.GetBytes(s).AsSpan().SequenceEqual(utf8);
    }

    /// <summary>The current row: valid only inside the callback.</summary>
    internal sealed class Row
    {
        private readonly SqliteRows _owner;
        private readonly sqlite3_stmt _stmt;

        public Row(SqliteRows owner, sqlite3_stmt stmt)
        {
            _owner = owner;
            _stmt = stmt;
        }

        public bool IsDBNull(int i) => raw.sqlite3_column_type(_stmt, i) == raw.SQLITE_NULL;

        public long GetInt64(int i) => raw.sqlite3_column_int64(_stmt, i);

        /// <summary>The value as text ("" for NULL, as SQLite converts it).</summary>
        public string GetString(int i) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_stmt, i));

        /// <summary>Like <see cref="GetString"/>, shared with earlier rows that held the same text.</summary>
        public string GetPooledString(int i) => _owner.Pooled(raw.sqlite3_column_blob(_stmt, i));
    }
}
