using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Audit
{
    /// <summary>Identifier styles DBSCHEMA003 compares.</summary>
    public enum NamingStyle
    {
        /// <summary>One lower-case word ("users", "id"): fits snake_case and camelCase alike.</summary>
        Neutral,
        Snake,
        Camel,
        Pascal,

        /// <summary>Upper and lower case mixed with underscores ("User_Id").</summary>
        Mixed,
    }

    /// <summary>The naming conventions the schema checks rely on, in one place.</summary>
    public static class AuditNaming
    {
        // Normalized (lower case, no underscores) spellings of creation and modification timestamps.
        private static readonly HashSet<string> CreatedNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "createdat", "created", "createdon", "createddate", "datecreated", "creationdate", "creationtime", "createdtime", "createtime",
            "createdatutc", "createdutc", "createdonutc", "insertedat", "inserteddate", "insertdate", "insertedon", "createddatetime", "createdts",
        };

        private static readonly HashSet<string> UpdatedNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "updatedat", "updated", "updatedon", "updateddate", "dateupdated", "modifiedat", "modified", "modifiedon", "modifieddate", "datemodified",
            "lastmodified", "lastmodifiedat", "lastmodifieddate", "lastupdated", "lastupdatedat", "updatetime", "updatedtime", "changedat",
            "updatedatutc", "updatedutc", "modifiedutc", "updateddatetime", "updatedts",
        };

        /// <summary>Tables that migration tools and engines own: their names and shapes are not the application's choice.</summary>
        private static readonly HashSet<string> FrameworkTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "__EFMigrationsHistory", "schema_migrations", "ar_internal_metadata", "flyway_schema_history", "_prisma_migrations",
            "knex_migrations", "knex_migrations_lock", "SequelizeMeta", "SequelizeData", "goose_db_version", "alembic_version",
            "__diesel_schema_migrations", "databasechangelog", "databasechangeloglock", "VersionInfo", "schemaversions",
            "migrations", "sqlite_sequence", "spatial_ref_sys", "drizzle_migrations", "__drizzle_migrations", "typeorm_metadata",
        };

        private static string Normalize(string name) => name.Replace("_", "").ToLowerInvariant();

        public static bool IsCreatedTimestamp(string column) => CreatedNames.Contains(Normalize(column));

        public static bool IsUpdatedTimestamp(string column) => UpdatedNames.Contains(Normalize(column));

        public static bool IsFrameworkTable(string table) =>
            FrameworkTables.Contains(table) || table.StartsWith("__", StringComparison.Ordinal) ||
            table.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase);

        public static NamingStyle StyleOf(string name)
        {
            var hasUnderscore = false;
            var hasUpper = false;
            var hasLower = false;
            foreach (var c in name)
            {
                if (c == '_') hasUnderscore = true;
                else if (char.IsUpper(c)) hasUpper = true;
                else if (char.IsLower(c)) hasLower = true;
            }
            var trimmed = name.Trim('_');
            if (trimmed.Length == 0) return NamingStyle.Neutral;
            hasUnderscore = trimmed.IndexOf('_') >= 0;
            if (hasUnderscore)
            {
                // snake_case, or SCREAMING_SNAKE_CASE (same style, different case).
                return hasUpper && hasLower ? NamingStyle.Mixed : NamingStyle.Snake;
            }
            if (!hasUpper) return NamingStyle.Neutral;
            if (!hasLower) return NamingStyle.Neutral; // "ID", "URL": an acronym, no style
            return char.IsUpper(trimmed[0]) ? NamingStyle.Pascal : NamingStyle.Camel;
        }

        public static string Describe(NamingStyle style) => style switch
        {
            NamingStyle.Snake => "snake_case",
            NamingStyle.Camel => "camelCase",
            NamingStyle.Pascal => "PascalCase",
            NamingStyle.Mixed => "Mixed_Case",
            _ => "lower case",
        };

        /// <summary>
        /// The referenced entity a column name implies: "user_id" → "user", "authorId"/"AuthorId" → "author".
        /// Null for names that do not look like references ("id", "uuid", "paid").
        /// </summary>
        public static string? ReferenceStem(string column)
        {
            if (column.Length > 3 && column.EndsWith("_id", StringComparison.OrdinalIgnoreCase))
            {
                var stem = column.Substring(0, column.Length - 3).TrimEnd('_');
                return stem.Length == 0 ? null : stem;
            }
            // camelCase / PascalCase: "...Id" where the character before is lower case or a digit.
            if (column.Length > 2 && column.EndsWith("Id", StringComparison.Ordinal) &&
                (char.IsLower(column[column.Length - 3]) || char.IsDigit(column[column.Length - 3])))
            {
                return column.Substring(0, column.Length - 2);
            }
            return null;
        }

        /// <summary>Table names a stem may refer to: the stem itself and its common plurals.</summary>
        public static IEnumerable<string> TableCandidates(string stem)
        {
            yield return stem;
            yield return stem + "s";
            yield return stem + "es";
            if (stem.Length > 1 && stem.EndsWith("y", StringComparison.OrdinalIgnoreCase) && "aeiouAEIOU".IndexOf(stem[stem.Length - 2]) < 0)
            {
                yield return stem.Substring(0, stem.Length - 1) + "ies";
            }
        }

        /// <summary>Integer widths are interchangeable as keys; anything else must match family for family.</summary>
        public static bool KeyFamiliesCompatible(string a, string b)
        {
            static bool IsInteger(string f) => f == "int8" || f == "int16" || f == "int32" || f == "int64";
            if (IsInteger(a) && IsInteger(b)) return true;
            if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b) || a == "other" || b == "other") return false;
            return a == b;
        }
    }

    /// <summary>A reference column with no foreign key and the one table whose key it implies.</summary>
    public sealed class ImplicitRelation
    {
        public ImplicitRelation(TableInfo table, ColumnInfo column, TableInfo target, ColumnInfo targetColumn)
        {
            Table = table;
            Column = column;
            Target = target;
            TargetColumn = targetColumn;
        }

        public TableInfo Table { get; }
        public ColumnInfo Column { get; }
        public TableInfo Target { get; }
        public ColumnInfo TargetColumn { get; }
    }

    /// <summary>Finds implicit relationships (DBSCHEMA007; the data side is DBINT004).</summary>
    public static class ImplicitRelations
    {
        /// <summary>
        /// Every column named like a reference that no foreign key covers, whose stem names exactly one
        /// table (same schema first, else the default schema) with a single-column primary key of a
        /// compatible type. Anything ambiguous is left alone.
        /// </summary>
        public static List<ImplicitRelation> Find(SchemaSnapshot snapshot, Func<TableInfo, bool> audited)
        {
            var result = new List<ImplicitRelation>();
            var tables = snapshot.Tables.Where(t => t.Kind == TableKind.Table).ToList();
            foreach (var table in tables)
            {
                if (!audited(table)) continue;
                foreach (var column in table.Columns)
                {
                    if (column.Generated != null) continue;
                    if (table.ForeignKeys.Any(fk => fk.Columns.Contains(column.Name))) continue;
                    var stem = AuditNaming.ReferenceStem(column.Name);
                    if (stem == null) continue;
                    var target = FindTarget(snapshot, tables, table, stem);
                    if (target == null || target == table) continue;
                    if (target.PrimaryKey == null || target.PrimaryKey.Columns.Count != 1) continue;
                    var key = target.Columns.FirstOrDefault(c => c.Name == target.PrimaryKey.Columns[0]);
                    if (key == null || !AuditNaming.KeyFamiliesCompatible(column.Family, key.Family)) continue;
                    result.Add(new ImplicitRelation(table, column, target, key));
                }
            }
            return result;
        }

        private static TableInfo? FindTarget(SchemaSnapshot snapshot, List<TableInfo> tables, TableInfo from, string stem)
        {
            var names = new HashSet<string>(AuditNaming.TableCandidates(stem), StringComparer.OrdinalIgnoreCase);
            foreach (var schema in new[] { from.Schema, snapshot.DefaultSchema }.Distinct())
            {
                var matches = tables.Where(t => t.Schema == schema && names.Contains(t.Name)).ToList();
                if (matches.Count == 1) return matches[0];
                if (matches.Count > 1) return null; // "status" and "statuses" both exist: ambiguous
            }
            return null;
        }
    }
}
