using System;
using System.Collections.Generic;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Core.Sql.Builtins
{
    /// <summary>
    /// The functions each engine has without any user DDL. DBDRIFT701 never reports these.
    /// The bulk comes from generated lists (<see cref="PostgresBuiltinNames"/>,
    /// <see cref="MySqlBuiltinNames"/>, <see cref="SqliteBuiltinNames"/>); this file adds what
    /// the generators cannot see: grammar-level function keywords, functions added by
    /// releases newer than the generating server, and widely installed extensions, whose
    /// functions introspection may leave out. When in doubt a name belongs here: a missed
    /// report costs less than a false one.
    /// </summary>
    public static class BuiltinFunctions
    {
        private const string PostgresExtra =
            // Function-like grammar keywords (gram.y func_expr_common_subexpr) and SQL/JSON (16, 17).
            "coalesce nullif greatest least grouping collation normalize overlay position substring trim treat extract cast " +
            "xmlconcat xmlelement xmlexists xmlforest xmlparse xmlpi xmlroot xmlserialize xmlagg xmlattributes xmlnamespaces " +
            "json_array json_arrayagg json_object json_objectagg json_scalar json_serialize json_query json_value json_exists json_table json " +
            "current_date current_time current_timestamp localtime localtimestamp current_user current_role session_user user system_user " +
            "current_catalog current_schema row array values " +
            // Added in PostgreSQL 16 to 18.
            "any_value random_normal array_sample array_shuffle erf erfc date_add date_subtract to_bin to_oct uuid_extract_timestamp " +
            "uuid_extract_version uuidv4 uuidv7 casefold array_reverse array_sort crc32 crc32c gamma lgamma has_largeobject_privilege " +
            "unistr trim_scale bit_count min_scale string_to_table " +
            // Widely used extensions (uuid-ossp, pgcrypto, pg_trgm, unaccent, citext, hstore, fuzzystrmatch, tablefunc, ltree, intarray, cube, earthdistance, vector).
            "uuid_generate_v1 uuid_generate_v1mc uuid_generate_v3 uuid_generate_v4 uuid_generate_v5 uuid_nil uuid_ns_dns uuid_ns_url uuid_ns_oid uuid_ns_x500 " +
            "crypt gen_salt digest hmac encrypt decrypt encrypt_iv decrypt_iv gen_random_bytes pgp_sym_encrypt pgp_sym_decrypt pgp_pub_encrypt pgp_pub_decrypt armor dearmor " +
            "similarity word_similarity strict_word_similarity show_trgm show_limit set_limit unaccent citext hstore akeys avals skeys svals each exist defined " +
            "levenshtein levenshtein_less_equal soundex difference metaphone dmetaphone dmetaphone_alt crosstab normal_rand connectby " +
            "subltree subpath nlevel index lca text2ltree ltree2text icount sort sort_asc sort_desc uniq idx subarray intset cube cube_distance " +
            "earth ll_to_earth earth_distance earth_box cosine_distance inner_product l1_distance l2_distance vector_dims vector_norm l2_normalize " +
            "pg_stat_statements pg_stat_statements_reset xmltable merge_action uuid_generate_v7 " +
            // TimescaleDB.
            "time_bucket time_bucket_gapfill locf interpolate first last histogram create_hypertable add_retention_policy " +
            "add_compression_policy show_chunks drop_chunks approximate_row_count";

        private const string MySqlExtra =
            // MySQL 8 functions MariaDB's help does not list, and grammar keywords used like functions.
            "any_value bin_to_uuid uuid_to_bin is_uuid grouping json_storage_size json_storage_free json_schema_validation_report " +
            "regexp_like statement_digest statement_digest_text icu_version roles_graphml ps_current_thread_id ps_thread_id " +
            "validate_password_strength gtid_subset gtid_subtract wait_for_executed_gtid_set wait_until_sql_thread_after_gtids source_pos_wait " +
            "asymmetric_decrypt asymmetric_derive asymmetric_encrypt asymmetric_sign asymmetric_verify create_asymmetric_priv_key " +
            "create_asymmetric_pub_key create_dh_parameters create_digest st_frechetdistance st_hausdorffdistance st_lineinterpolatepoint " +
            "st_lineinterpolatepoints st_pointatdistance st_transform st_issimple st_swapxy st_latitude st_longitude st_buffer_strategy " +
            "char_length character_length coalesce if ifnull nullif greatest least interval values default exists " +
            "current_date current_time current_timestamp localtime localtimestamp utc_date utc_time utc_timestamp current_user " +
            "session_user system_user user database schema last_insert_id row_count found_rows connection_id version " +
            "date time timestamp year month day hour minute second week quarter cast convert extract position substring trim " +
            "json_table lag lead first_value last_value nth_value ntile rank dense_rank percent_rank cume_dist row_number " +
            "bit_and bit_or bit_xor group_concat json_arrayagg json_objectagg std stddev variance var_pop var_samp stddev_pop stddev_samp";

        private const string SqliteExtra =
            // Functions of SQLite releases after the generating one (3.41 to 3.49), and grammar forms.
            "concat concat_ws octet_length timediff unhex string_agg if median percentile percentile_cont percentile_disc " +
            "jsonb jsonb_array jsonb_extract jsonb_group_array jsonb_group_object jsonb_insert jsonb_object jsonb_patch jsonb_remove " +
            "jsonb_replace jsonb_set json_pretty json_error_position json_each json_tree jsonb_each jsonb_tree " +
            "cast raise exists sqlite_offset unistr unistr_quote generate_series";

        private static readonly HashSet<string> Postgres = Build(PostgresBuiltinNames.Names, PostgresExtra);
        private static readonly HashSet<string> MySql = Build(MySqlBuiltinNames.Names, MySqlExtra);
        private static readonly HashSet<string> Sqlite = Build(SqliteBuiltinNames.Names, SqliteExtra);

        private static HashSet<string> Build(string generated, string extra)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var n in generated.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)) set.Add(n);
            foreach (var n in extra.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)) set.Add(n);
            return set;
        }

        /// <summary>
        /// Whether a function name (as the engine would look it up: PostgreSQL folded or
        /// quoted, the others case-insensitively) is built into the dialect.
        /// </summary>
        public static bool IsBuiltin(string name, SqlDialect dialect)
        {
            switch (dialect)
            {
                case SqlDialect.PostgreSql:
                    // Built-in names are lower case; a quoted "Upper" name is never built in.
                    if (HasUpper(name)) return false;
                    return Postgres.Contains(name) || name.StartsWith("pg_", StringComparison.Ordinal) ||
                           name.StartsWith("st_", StringComparison.Ordinal) || name.StartsWith("postgis_", StringComparison.Ordinal) ||
                           name.StartsWith("_", StringComparison.Ordinal);
                case SqlDialect.MySql:
                    return MySql.Contains(name) || name.StartsWith("st_", StringComparison.OrdinalIgnoreCase) ||
                           name.StartsWith("mbr", StringComparison.OrdinalIgnoreCase) || name.StartsWith("json_", StringComparison.OrdinalIgnoreCase) ||
                           name.StartsWith("wsrep_", StringComparison.OrdinalIgnoreCase);
                default:
                    return Sqlite.Contains(name) || name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase) ||
                           name.StartsWith("fts", StringComparison.OrdinalIgnoreCase) || name.StartsWith("rtree", StringComparison.OrdinalIgnoreCase) ||
                           name.StartsWith("json", StringComparison.OrdinalIgnoreCase);
            }
        }

        private static readonly NameSimilarity.Key[] PostgresKeys = NameSimilarity.Keys(Postgres);
        private static readonly NameSimilarity.Key[] MySqlKeys = NameSimilarity.Keys(MySql);
        private static readonly NameSimilarity.Key[] SqliteKeys = NameSimilarity.Keys(Sqlite);

        /// <summary>Built-in names for "did you mean" suggestions.</summary>
        public static NameSimilarity.Key[] Names(SqlDialect dialect) =>
            dialect == SqlDialect.PostgreSql ? PostgresKeys : dialect == SqlDialect.MySql ? MySqlKeys : SqliteKeys;

        private static bool HasUpper(string s)
        {
            foreach (var c in s)
            {
                if (c >= 'A' && c <= 'Z') return true;
            }
            return false;
        }
    }
}
