namespace SchemaDrift.Tool.Introspection.Postgres;

/// <summary>
/// The catalog queries behind <see cref="PostgresSchemaReader"/>. Each one covers every
/// user schema at once, so the number of queries does not depend on the number of
/// tables. They read pg_catalog directly (information_schema hides what the current
/// role does not own and is much slower) and need PostgreSQL 12 or newer (attgenerated).
/// </summary>
internal static class PostgresCatalogQueries
{
    /// <summary>User schemas: everything except information_schema and the reserved pg_* ones (pg_catalog, pg_toast, temp schemas).</summary>
    private const string UserSchema = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";

    private const string Relations = "c.relkind IN ('r','p','v','m','f')";

    /// <summary>
    /// One transaction for the whole read: every query sees the same catalog state, nothing
    /// can be written, and the session settings that change how the catalog prints
    /// expressions (search_path qualifies names, DateStyle/TimeZone/IntervalStyle format
    /// constants in defaults) are pinned, so the same schema always reads the same text.
    /// The lock timeout keeps a migration holding an exclusive lock from stalling the build.
    /// </summary>
    public static string Begin(int lockTimeoutSeconds) =>
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; " +
        "SET LOCAL search_path TO public; SET LOCAL TimeZone TO 'UTC'; SET LOCAL DateStyle TO 'ISO, YMD'; " +
        "SET LOCAL IntervalStyle TO 'postgres'; SET LOCAL extra_float_digits TO 1; " +
        "SET LOCAL lock_timeout TO '" + lockTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s'";

    public const string End = "ROLLBACK";

    /// <summary>
    /// The fingerprint. PostgreSQL keeps no schema version counter, but every DDL statement
    /// writes catalog rows, and each written row carries the writing transaction's id (xmin).
    /// Row count plus the sum of xmin per catalog therefore changes on any CREATE, ALTER,
    /// DROP, COMMENT, ALTER TYPE … ADD VALUE, CREATE POLICY or ENABLE ROW LEVEL SECURITY,
    /// while VACUUM and ANALYZE update pg_class in place (xmin unchanged) and so do not
    /// count as changes. The database oid tells a dropped and recreated database apart.
    /// Cost: one sequential pass over a few catalogs (about 25,000 pg_attribute rows for
    /// 1,000 tables of 20 columns), no definitions decompiled. Temporary tables of other
    /// sessions also touch pg_class; that only costs an unneeded refresh.
    /// </summary>
    public static readonly string Fingerprint =
        "SELECT md5(string_agg(part, '|' ORDER BY part)) FROM (\n" +
        "  SELECT 'db:' || oid::text FROM pg_database WHERE datname = current_database()\n" +
        string.Concat(new[]
        {
            "pg_namespace", "pg_class", "pg_attribute", "pg_attrdef", "pg_constraint", "pg_index", "pg_proc",
            "pg_type", "pg_enum", "pg_trigger", "pg_policy", "pg_description",
        }.Select(catalog => "  UNION ALL SELECT '" + catalog + ":' || count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM " + catalog + "\n")) +
        ") s(part)";

    /// <summary>Database, server version, default schema candidates and the user schemas.</summary>
    public const string Header = @"
SELECT current_database(), current_setting('server_version'), current_schema(),
       ARRAY(SELECT n.nspname::text FROM pg_namespace n WHERE " + UserSchema + @" ORDER BY 1)";

    /// <summary>Tables, views, materialized views, partitioned and foreign tables.</summary>
    public const string Tables = @"
SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.relrowsecurity, c.relforcerowsecurity,
       c.reltuples::bigint, d.description,
       CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid) END
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
WHERE " + Relations + " AND " + UserSchema;

    /// <summary>
    /// Columns. The type is format_type's spelling (what \d shows); for a domain the base
    /// type decides the family. Collation only when it differs from the type's default.
    /// </summary>
    public const string Columns = @"
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text, a.attgenerated::text,
       t.typtype::text, tn.nspname, t.typname,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
       co.collname, d.description
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = a.attrelid AND d.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND " + Relations + " AND " + UserSchema + @"
ORDER BY a.attrelid, a.attnum";

    /// <summary>
    /// Primary keys, unique, foreign key and check constraints with their column names in
    /// key order. A foreign key that references a partitioned table also has one internal
    /// copy per partition (conparentid set, pointing at the partition): those are skipped.
    /// </summary>
    public const string Constraints = @"
SELECT con.conrelid, con.conname, con.contype::text, con.convalidated,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
       fn.nspname, fc.relname,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos),
       con.confupdtype::text, con.confdeltype::text,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p','u','f','c') AND " + UserSchema + @"
  AND NOT (con.contype = 'f' AND con.conparentid <> 0 AND fc.relispartition)";

    /// <summary>
    /// Indexes, one row per key column in order (INCLUDE columns are not keys; indoption
    /// only has entries for keys). A key is a column (attnum) or an expression (attnum 0:
    /// pg_get_indexdef's text for that position, asked only for expressions because it
    /// opens the index, which is costly for thousands of them); bit 1 of indoption is DESC.
    /// pg_stat_get_numscans is the counter behind pg_stat_user_indexes.
    /// </summary>
    public const string Indexes = @"
SELECT i.indrelid, i.indexrelid, ic.relname, i.indisunique, i.indisprimary, i.indisvalid AND i.indisready, am.amname,
       pg_get_expr(i.indpred, i.indrelid), pg_stat_get_numscans(i.indexrelid),
       a.attname, CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.pos::int, true) END, (k.opt & 1) = 1
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indoption::int2[]) WITH ORDINALITY k(attnum, opt, pos)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
WHERE k.pos <= i.indnkeyatts AND " + UserSchema + @"
ORDER BY i.indexrelid, k.pos";

    /// <summary>User triggers (not the internal ones behind foreign keys) and the function each calls.</summary>
    public const string Triggers = @"
SELECT t.tgrelid, t.tgname, t.tgtype, t.tgenabled::text, pn.nspname, p.proname, pg_get_triggerdef(t.oid)
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_proc p ON p.oid = t.tgfoid
LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND " + UserSchema;

    /// <summary>Row-level security policies; role 0 means PUBLIC.</summary>
    public const string Policies = @"
SELECT pol.polrelid, pol.polname, pol.polcmd::text, pol.polpermissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid)::text END
             FROM unnest(pol.polroles) r(oid) ORDER BY 1),
       pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid)
FROM pg_policy pol
JOIN pg_class c ON c.oid = pol.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE " + UserSchema;

    public const string Enums = @"
SELECT n.nspname, t.typname,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND " + UserSchema;

    /// <summary>
    /// Functions, procedures, aggregates and window functions. proargtypes holds the
    /// arguments a caller passes (IN, INOUT, VARIADIC; for procedures also OUT).
    /// </summary>
    public const string Routines = @"
SELECT n.nspname, p.proname, p.prokind::text, pg_get_function_arguments(p.oid),
       ARRAY(SELECT format_type(a.t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, pos) ORDER BY a.pos),
       p.pronargdefaults, CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,
       l.lanname, p.prosecdef, p.proconfig, p.provolatile::text
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE " + UserSchema;
}
