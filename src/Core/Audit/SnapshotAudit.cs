using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Core.Audit
{
    /// <summary>
    /// The audit checks that need only the schema snapshot (plus, when the tool has a live
    /// connection, a few <see cref="AuditFacts"/>). Deterministic: the same snapshot gives the
    /// same findings in the same order. The tool adds the checks that need live queries.
    /// </summary>
    public static class SnapshotAudit
    {
        public static List<AuditFinding> Run(SchemaSnapshot snapshot, AuditOptions? options = null, AuditFacts? facts = null)
        {
            var scope = new AuditScope(snapshot, options ?? new AuditOptions(), facts ?? new AuditFacts());
            SchemaChecks.Run(scope);
            RlsChecks.Run(scope);
            IndexChecks.Run(scope);
            RoutineChecks.Run(scope);
            IntegrityChecks.Run(scope);
            PerformanceChecks.Run(scope);
            scope.Findings.Sort(AuditFinding.Compare);
            return scope.Findings;
        }
    }

    /// <summary>What every check needs: the snapshot, settings, facts, and which tables are the application's.</summary>
    internal sealed class AuditScope
    {
        public AuditScope(SchemaSnapshot snapshot, AuditOptions options, AuditFacts facts)
        {
            Snapshot = snapshot;
            Options = options;
            Facts = facts;
            Dialect = NameRules.DialectOf(snapshot.Provider);
            Tables = snapshot.Tables.Where(IsAudited).ToList();
        }

        public SchemaSnapshot Snapshot { get; }
        public AuditOptions Options { get; }
        public AuditFacts Facts { get; }
        public SqlDialect Dialect { get; }
        public List<AuditFinding> Findings { get; } = new List<AuditFinding>();

        /// <summary>The application's base tables: no views, partitions, engine or migration-tool tables, extension tables.</summary>
        public List<TableInfo> Tables { get; }

        public bool IsPostgres => Snapshot.Provider == SqlProviders.Postgres;
        public bool IsMySql => Snapshot.Provider == SqlProviders.MySql;
        public bool IsSqlite => Snapshot.Provider == SqlProviders.Sqlite;

        public bool IsAudited(TableInfo t)
        {
            if (t.Kind != TableKind.Table) return false;
            if (AuditNaming.IsFrameworkTable(t.Name)) return false;
            var q = AuditFacts.Qualified(t.Schema, t.Name);
            return !Facts.Partitions.Contains(q) && !Facts.ExtensionTables.Contains(q);
        }

        /// <summary>Schema shown in object names: omitted for SQLite's "main" (there is only one).</summary>
        public string? SchemaOf(TableInfo t) => IsSqlite && t.Schema == "main" ? null : t.Schema;

        public void Add(AuditFinding f) => Findings.Add(f);

        public AuditFinding OnTable(AuditRule rule, TableInfo t, string finding, string recommendation) =>
            AuditFinding.OnTable(rule, SchemaOf(t), t.Name, finding, recommendation);

        public AuditFinding OnColumn(AuditRule rule, TableInfo t, string column, string finding, string recommendation) =>
            AuditFinding.OnColumn(rule, SchemaOf(t), t.Name, column, finding, recommendation);

        public AuditFinding OnPart(AuditRule rule, TableInfo t, string kind, string name, string finding, string recommendation) =>
            AuditFinding.OnPart(rule, SchemaOf(t), t.Name, kind, name, finding, recommendation);

        /// <summary>An identifier as it must be written in this engine's SQL.</summary>
        public string Quote(string name) => AuditSql.Quote(name, Dialect);

        /// <summary>A table name as it must be written (schema-qualified where the engine has schemas).</summary>
        public string QuoteTable(TableInfo t) => AuditSql.QuoteTable(t.Schema, t.Name, Dialect, Snapshot.DefaultSchema);

        public string Columns(IEnumerable<string> names) => string.Join(", ", names.Select(Quote));
    }

    /// <summary>Identifier quoting for suggested SQL (only where needed, so the SQL stays readable).</summary>
    public static class AuditSql
    {
        public static string Quote(string name, SqlDialect dialect)
        {
            var simple = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_'));
            if (dialect == SqlDialect.PostgreSql)
            {
                simple = simple && name.All(c => !char.IsUpper(c));
                return simple && !SqlKeywords.IsReserved(name, dialect) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";
            }
            if (simple && !SqlKeywords.IsReserved(name, dialect)) return name;
            return dialect == SqlDialect.MySql ? "`" + name.Replace("`", "``") + "`" : "\"" + name.Replace("\"", "\"\"") + "\"";
        }

        public static string QuoteTable(string schema, string table, SqlDialect dialect, string defaultSchema)
        {
            // MySQL: the database is the connection's; SQLite: "main". Qualifying them only adds noise.
            if (dialect != SqlDialect.PostgreSql || string.IsNullOrEmpty(schema)) return Quote(table, dialect);
            return Quote(schema, dialect) + "." + Quote(table, dialect);
        }
    }
}
