namespace SchemaDrift.Tool.Introspection.Sqlite;

/// <summary>
/// The catalog queries behind <see cref="SqliteSchemaReader"/>. The pragma table-valued
/// functions are joined against sqlite_schema, so each query covers every table at once and
/// the number of queries does not depend on the number of tables.
/// </summary>
internal static class SqliteCatalogQueries
{
    /// <summary>Every object and its CREATE text.</summary>
    public const string Objects =
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

    /// <summary>WITHOUT ROWID flags (pragma_table_list exists since SQLite 3.37).</summary>
    public const string TableFlags = "SELECT name, wr FROM pragma_table_list WHERE schema = 'main'";

    /// <summary>
    /// Columns of every table and view. No ORDER BY: the rows of one table arrive together and
    /// in column order, and the snapshot sorts tables itself; sorting 20,000 rows in a temporary
    /// b-tree took SQLite longer than producing them (docs/benchmarks.md).
    /// </summary>
    public const string Columns =
        "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden " +
        "FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p " +
        "WHERE m.type IN ('table','view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    /// <summary>Foreign keys of every table.</summary>
    public const string ForeignKeys =
        "SELECT m.name, p.id, p.\"table\", p.\"from\", p.\"to\", p.on_update, p.on_delete " +
        "FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.id, p.seq";

    /// <summary>Indexes with their key columns.</summary>
    public const string Indexes =
        "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.name, ii.\"desc\" " +
        "FROM sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii " +
        "WHERE m.type = 'table' AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno";

    public const string HasStatistics = "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'";

    /// <summary>Row estimates, only where ANALYZE left statistics (counting rows would read every table).</summary>
    public const string Statistics = "SELECT tbl, stat FROM sqlite_stat1";

    public const string Fingerprint = "PRAGMA schema_version";

    /// <summary>What every full read runs, in order (then <see cref="Statistics"/> when <see cref="HasStatistics"/> finds the table).</summary>
    public static readonly string[] EveryRead = { Fingerprint, Objects, TableFlags, Columns, ForeignKeys, Indexes, HasStatistics };
}
