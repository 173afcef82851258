using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Core.Sql.Analysis
{
    /// <summary>
    /// Fast, dialect-aware lookups over a snapshot. Built once per snapshot (the
    /// analyzer caches it per compilation) and read-only afterwards, so it can be
    /// shared by concurrent analyzer callbacks.
    /// </summary>
    public sealed class SchemaIndex
    {
        private readonly Dictionary<string, List<TableInfo>> _tables = new Dictionary<string, List<TableInfo>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<TableInfo, TableColumns> _columns = new Dictionary<TableInfo, TableColumns>();
        private readonly Dictionary<string, List<RoutineInfo>> _routines = new Dictionary<string, List<RoutineInfo>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, EnumInfo> _enums = new Dictionary<string, EnumInfo>(StringComparer.Ordinal);

        public SchemaIndex(SchemaSnapshot snapshot)
        {
            Snapshot = snapshot;
            Dialect = NameRules.DialectOf(snapshot.Provider);
            foreach (var t in snapshot.Tables)
            {
                if (!_tables.TryGetValue(t.Name, out var list)) _tables[t.Name] = list = new List<TableInfo>();
                list.Add(t);
                _columns[t] = new TableColumns(t);
            }
            foreach (var r in snapshot.Routines)
            {
                if (!_routines.TryGetValue(r.Name, out var list)) _routines[r.Name] = list = new List<RoutineInfo>();
                list.Add(r);
            }
            foreach (var e in snapshot.Enums)
            {
                _enums[e.Schema + "." + e.Name] = e;
                if (!_enums.ContainsKey(e.Name)) _enums[e.Name] = e;
            }
            TableNameKeys = NameSimilarity.Keys(snapshot.Tables.Select(t => t.Name));
            RoutineNameKeys = NameSimilarity.Keys(snapshot.Routines.Select(r => r.Name));
        }

        public SchemaSnapshot Snapshot { get; }

        /// <summary>Table and routine names prepared for "did you mean" (computed once per snapshot).</summary>
        public NameSimilarity.Key[] TableNameKeys { get; }
        public NameSimilarity.Key[] RoutineNameKeys { get; }
        public SqlDialect Dialect { get; }

        public IEnumerable<string> AllTableNames => Snapshot.Tables.Select(t => t.Name);

        /// <summary>System catalogs and engine-owned objects: queries on them are never judged.</summary>
        public bool IsSystemObject(SqlObjectName name)
        {
            var table = name.Name.Value.ToLowerInvariant();
            var schema = name.Schema?.Value.ToLowerInvariant();
            switch (Dialect)
            {
                case SqlDialect.PostgreSql:
                    if (schema == "pg_catalog" || schema == "information_schema" || schema == "pg_toast") return true;
                    return schema == null && (table.StartsWith("pg_", StringComparison.Ordinal) || IsKnownSchemaless(table));
                case SqlDialect.MySql:
                    if (schema == "information_schema" || schema == "mysql" || schema == "performance_schema" || schema == "sys") return true;
                    return schema == null && table == "dual";
                default:
                    if (schema == "temp" || schema == "sqlite_temp_master") return true;
                    return table.StartsWith("sqlite_", StringComparison.Ordinal) || table.StartsWith("pragma_", StringComparison.Ordinal);
            }
        }

        private static bool IsKnownSchemaless(string table) => table == "information_schema";

        /// <summary>Finds a table or view. Unqualified names resolve to the default schema first, then to a unique match in any schema.</summary>
        public TableInfo? FindTable(SqlObjectName name)
        {
            if (!_tables.TryGetValue(name.Name.Value, out var candidates)) return null;
            // Asked for every table reference of every query: a loop, not a query that allocates.
            var schema = name.Schema;
            TableInfo? first = null;
            foreach (var t in candidates)
            {
                if (!NameRules.Matches(name.Name, t.Name, Dialect)) continue;
                if (schema != null)
                {
                    if (NameRules.Matches(schema, t.Schema, Dialect) ||
                        (Dialect == SqlDialect.Sqlite && string.Equals(schema.Value, "main", StringComparison.OrdinalIgnoreCase))) return t;
                    continue;
                }
                if (string.Equals(t.Schema, Snapshot.DefaultSchema, StringComparison.Ordinal)) return t;
                if (first == null) first = t;
            }
            return first;
        }

        /// <summary>True when a name matches a table in some schema other than the one written (search_path may reach it).</summary>
        public bool ExistsInAnySchema(SqlObjectName name) =>
            _tables.TryGetValue(name.Name.Value, out var c) && c.Any(t => NameRules.Matches(name.Name, t.Name, Dialect));

        /// <summary>Whether a schema qualifier names a schema the snapshot knows about.</summary>
        public bool KnowsSchema(SqlIdentifier schema) =>
            Snapshot.Schemas.Any(s => NameRules.Matches(schema, s, Dialect)) ||
            (Dialect == SqlDialect.Sqlite && string.Equals(schema.Value, "main", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// A table's columns by name, for a caller that looks up many columns of one table (the
        /// checker keeps it per FROM item). Each lookup through the table itself first finds this
        /// map in a dictionary of all tables: inside a compile, where the index is out of the cache
        /// at every call site, that is several memory fetches per column (history item 24).
        /// </summary>
        public TableColumns ColumnsOf(TableInfo table) =>
            _columns.TryGetValue(table, out var cols) ? cols : new TableColumns(table);

        public ColumnInfo? FindColumn(TableInfo table, SqlIdentifier column) => FindColumn(ColumnsOf(table), column);

        public ColumnInfo? FindColumn(TableColumns columns, SqlIdentifier column)
        {
            if (!columns.ByName.TryGetValue(column.Value, out var candidates)) return null;
            foreach (var c in candidates)
            {
                if (NameRules.Matches(column, c.Name, Dialect)) return c;
            }
            return null;
        }

        public ColumnInfo? FindColumn(TableInfo table, string storedName)
        {
            if (!ColumnsOf(table).ByName.TryGetValue(storedName, out var candidates)) return null;
            foreach (var c in candidates)
            {
                if (NameRules.SameName(storedName, c.Name, Dialect)) return c;
            }
            return null;
        }

        /// <summary>Columns every row has without being declared (ctid, rowid, _rowid…).</summary>
        public bool IsImplicitColumn(TableInfo table, SqlIdentifier column)
        {
            var name = NameRules.Effective(column, Dialect).ToLowerInvariant();
            switch (Dialect)
            {
                case SqlDialect.PostgreSql:
                    return table.Kind != TableKind.View &&
                           (name == "ctid" || name == "xmin" || name == "xmax" || name == "cmin" || name == "cmax" || name == "tableoid");
                case SqlDialect.MySql:
                    return name == "_rowid" && table.PrimaryKey?.Columns.Count == 1;
                default:
                    return table.Kind == TableKind.Table && !table.WithoutRowId && (name == "rowid" || name == "oid" || name == "_rowid_");
            }
        }

        public IReadOnlyList<RoutineInfo> FindRoutines(SqlObjectName name)
        {
            if (!_routines.TryGetValue(name.Name.Value, out var list)) return Array.Empty<RoutineInfo>();
            var schema = name.Schema;
            return list.Where(r => NameRules.Matches(name.Name, r.Name, Dialect) &&
                                   (schema == null || NameRules.Matches(schema, r.Schema, Dialect))).ToList();
        }

        public IEnumerable<string> AllRoutineNames => Snapshot.Routines.Select(r => r.Name);

        /// <summary>Whether a routine of this name exists in any schema (search_path or the current database may reach it).</summary>
        public bool HasRoutineNamed(SqlIdentifier name) =>
            _routines.TryGetValue(name.Value, out var list) && list.Any(r => NameRules.Matches(name, r.Name, Dialect));

        /// <summary>Whether a user-defined type (enum) has this name: PostgreSQL accepts type names as function-style casts.</summary>
        public bool HasTypeNamed(SqlIdentifier name) =>
            Snapshot.Enums.Any(e => NameRules.Matches(name, e.Name, Dialect));

        /// <summary>The enum labels allowed in a column, or null when it is not an enum column.</summary>
        public IReadOnlyList<string>? EnumLabels(ColumnInfo column)
        {
            if (column.EnumValues != null && column.EnumValues.Count > 0) return column.EnumValues;
            if (column.EnumType != null && _enums.TryGetValue(column.EnumType, out var e)) return e.Values;
            return null;
        }
    }

    /// <summary>
    /// One table's columns by name, case-insensitively (names that differ only in case share an
    /// entry; NameRules decides which one a reference means). Arrays, not lists: one fetch fewer.
    /// </summary>
    public sealed class TableColumns
    {
        internal TableColumns(TableInfo table)
        {
            var groups = new Dictionary<string, List<ColumnInfo>>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in table.Columns)
            {
                if (!groups.TryGetValue(c.Name, out var list)) groups[c.Name] = list = new List<ColumnInfo>(1);
                list.Add(c);
            }
            ByName = new Dictionary<string, ColumnInfo[]>(groups.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var g in groups) ByName[g.Key] = g.Value.ToArray();
        }

        internal Dictionary<string, ColumnInfo[]> ByName { get; }
    }
}
