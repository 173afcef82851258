namespace SchemaDrift.Tool.Introspection.MySql;

/// <summary>Which server dialect we talk to: MariaDB and MySQL expose slightly different information_schema columns.</summary>
internal sealed record MySqlFlavor(bool IsMariaDb, Version Version)
{
    /// <summary>From the version the server sent in its handshake ("10.11.6-MariaDB-0+deb12u1", "8.0.36").</summary>
    public static MySqlFlavor Parse(string? serverVersion)
    {
        var text = serverVersion ?? "";
        var digits = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).TrimEnd('.');
        // MariaDB 10 used to announce itself to old clients as "5.5.5-10.x-MariaDB".
        if (text.StartsWith("5.5.5-", StringComparison.Ordinal)) digits = new string(text.Substring(6).TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).TrimEnd('.');
        return new MySqlFlavor(text.Contains("MariaDB", StringComparison.OrdinalIgnoreCase), Version.TryParse(digits, out var v) ? v : new Version(0, 0));
    }

    /// <summary>STATISTICS.EXPRESSION: functional index keys (MySQL 8.0.13+; MariaDB has none).</summary>
    public bool HasIndexExpressions => !IsMariaDb && Version >= new Version(8, 0, 13);

    /// <summary>CHECK_CONSTRAINTS exists in MariaDB 10.2+ and MySQL 8.0.16+ (earlier MySQL parsed and ignored CHECK).</summary>
    public bool HasCheckConstraints => IsMariaDb ? Version >= new Version(10, 2) : Version >= new Version(8, 0, 16);
}

/// <summary>
/// The information_schema queries behind <see cref="MySqlSchemaReader"/>. Each covers the
/// whole database (the connection's), so the number of queries does not depend on the
/// number of tables. Every query filters on the schema by value, which lets MariaDB and
/// MySQL read only that schema's definitions.
/// </summary>
internal static class MySqlCatalogQueries
{
    /// <summary>
    /// UTC so that TIMESTAMP defaults print the same everywhere; a read-only transaction
    /// so that nothing the tool sends can change the database.
    /// </summary>
    public const string Begin = "SET SESSION time_zone = '+00:00'; START TRANSACTION READ ONLY";

    public const string End = "COMMIT";

    public const string Header = @"
SELECT DATABASE(), VERSION(), @@lower_case_table_names,
       (SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE())";

    /// <summary>
    /// Whether the user has SELECT on the whole server or the whole database. information_schema
    /// shows a user only the objects it has privileges on; with table-level grants alone the
    /// snapshot would be partial. (Privileges reached through roles count as partial: lenient.)
    /// </summary>
    public const string Visibility = @"
SELECT (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES
        WHERE PRIVILEGE_TYPE = 'SELECT' AND GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), ''''))
     + (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES
        WHERE PRIVILEGE_TYPE = 'SELECT' AND TABLE_SCHEMA = @schema
          AND GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), ''''))";

    /// <summary>Tables and views (with their definitions); sequences (MariaDB) are not relations.</summary>
    public const string Tables = @"
SELECT t.TABLE_NAME, t.TABLE_TYPE, t.TABLE_ROWS, t.TABLE_COMMENT, t.CREATE_OPTIONS, t.TABLE_COLLATION, v.VIEW_DEFINITION
FROM information_schema.TABLES t
LEFT JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME AND v.TABLE_SCHEMA = @schema
WHERE t.TABLE_SCHEMA = @schema AND t.TABLE_TYPE <> 'SEQUENCE'";

    public const string Columns = @"
SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
       COLLATION_NAME, COLUMN_COMMENT, GENERATION_EXPRESSION
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = @schema
ORDER BY TABLE_NAME, ORDINAL_POSITION";

    /// <summary>Primary keys, unique constraints and foreign keys with their columns in key order.</summary>
    public const string KeyConstraints = @"
SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME,
       k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.TABLE_CONSTRAINTS tc
  ON tc.TABLE_SCHEMA = @schema AND tc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
 AND tc.TABLE_NAME = k.TABLE_NAME AND tc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
  ON rc.CONSTRAINT_SCHEMA = @schema AND rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
 AND rc.TABLE_NAME = k.TABLE_NAME AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA = @schema AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

    /// <summary>
    /// Check constraints. MariaDB names them per table and lists the table; MySQL names
    /// them per schema and only TABLE_CONSTRAINTS knows the table (and whether it is enforced).
    /// </summary>
    public static string Checks(MySqlFlavor flavor) => flavor.IsMariaDb
        ? @"
SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, 'YES', LEVEL
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = @schema"
        : @"
SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, tc.ENFORCED, 'Table'
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = @schema AND cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = @schema AND tc.CONSTRAINT_TYPE = 'CHECK'";

    /// <summary>Indexes, one row per key part; COLLATION is A (ascending), D (descending) or NULL (not ordered).</summary>
    public static string Indexes(MySqlFlavor flavor) => @"
SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE, " +
        (flavor.HasIndexExpressions ? "EXPRESSION" : "NULL") + @"
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = @schema
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

    /// <summary>Stored functions and procedures (MariaDB's Oracle-mode packages are left out).</summary>
    public const string Routines = @"
SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY, SECURITY_TYPE, IS_DETERMINISTIC
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = @schema AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE')";

    /// <summary>Routine parameters in order; position 0 is a function's return value.</summary>
    public const string Parameters = @"
SELECT SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER
FROM information_schema.PARAMETERS
WHERE SPECIFIC_SCHEMA = @schema AND ORDINAL_POSITION > 0
ORDER BY SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION";

    public const string Triggers = @"
SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORIENTATION, ACTION_STATEMENT
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA = @schema";

    /// <summary>
    /// The fingerprint: per information_schema table, the row count and the sum of CRC32
    /// over each row's definition columns (QUOTE keeps NULL apart from 'NULL' and ''). It
    /// changes with any CREATE/ALTER/DROP of a table, column, index, key, check, view,
    /// routine or trigger, whatever the storage engine and however fast the change
    /// follows the last read. Timestamps would be cheaper but are not reliable:
    /// TABLES.CREATE_TIME has one-second resolution, is not touched by every ALTER, and
    /// MySQL 8 caches it (information_schema_stats_expiry, a day by default). Volatile
    /// statistics (TABLE_ROWS, UPDATE_TIME, AUTO_INCREMENT, CARDINALITY) are left out.
    /// </summary>
    public static string Fingerprint(MySqlFlavor flavor)
    {
        var parts = new[]
        {
            Part("TABLES", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "ENGINE", "TABLE_COLLATION", "CREATE_OPTIONS", "TABLE_COMMENT"),
            Part("COLUMNS", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION", "COLUMN_TYPE", "IS_NULLABLE", "COLUMN_DEFAULT",
                "EXTRA", "COLLATION_NAME", "COLUMN_COMMENT", "GENERATION_EXPRESSION"),
            Part("STATISTICS", "TABLE_SCHEMA", "TABLE_NAME", "INDEX_NAME", "NON_UNIQUE", "SEQ_IN_INDEX", "COLUMN_NAME", "COLLATION", "SUB_PART",
                "INDEX_TYPE", flavor.HasIndexExpressions ? "EXPRESSION" : "NULL"),
            Part("KEY_COLUMN_USAGE", "TABLE_SCHEMA", "TABLE_NAME", "CONSTRAINT_NAME", "COLUMN_NAME", "ORDINAL_POSITION",
                "REFERENCED_TABLE_SCHEMA", "REFERENCED_TABLE_NAME", "REFERENCED_COLUMN_NAME"),
            Part("TABLE_CONSTRAINTS", "TABLE_SCHEMA", "TABLE_NAME", "CONSTRAINT_NAME", "CONSTRAINT_TYPE"),
            Part("REFERENTIAL_CONSTRAINTS", "CONSTRAINT_SCHEMA", "TABLE_NAME", "CONSTRAINT_NAME", "UPDATE_RULE", "DELETE_RULE"),
            Part("VIEWS", "TABLE_SCHEMA", "TABLE_NAME", "VIEW_DEFINITION"),
            Part("ROUTINES", "ROUTINE_SCHEMA", "ROUTINE_NAME", "ROUTINE_TYPE", "DTD_IDENTIFIER", "ROUTINE_DEFINITION", "SECURITY_TYPE",
                "IS_DETERMINISTIC", "SQL_DATA_ACCESS", "ROUTINE_COMMENT"),
            Part("PARAMETERS", "SPECIFIC_SCHEMA", "SPECIFIC_NAME", "ROUTINE_TYPE", "ORDINAL_POSITION", "PARAMETER_MODE", "PARAMETER_NAME", "DTD_IDENTIFIER"),
            Part("TRIGGERS", "TRIGGER_SCHEMA", "TRIGGER_NAME", "EVENT_MANIPULATION", "EVENT_OBJECT_TABLE", "ACTION_TIMING", "ACTION_ORDER", "ACTION_STATEMENT"),
            flavor.HasCheckConstraints ? Part("CHECK_CONSTRAINTS", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CHECK_CLAUSE") : "'-'",
        };
        return "SELECT CONCAT_WS(':', DATABASE(), " + string.Join(",\n  ", parts) + ")";
    }

    private static string Part(string table, string schemaColumn, params string[] columns) =>
        "(SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('|', " + string.Join(", ", columns.Select(c => "QUOTE(" + c + ")")) +
        "))), 0)) FROM information_schema." + table + " WHERE " + schemaColumn + " = DATABASE())";
}
