using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Analysis;

namespace SchemaDrift.Core.Audit
{
    /// <summary>One piece of index advice for a query, at a column identifier of its SQL text.</summary>
    public sealed class QueryIndexAdvice
    {
        public QueryIndexAdvice(AuditRule rule, int start, int length, string table, string column, string message)
        {
            Rule = rule;
            Start = start;
            Length = length;
            Table = table;
            Column = column;
            Message = message;
        }

        public AuditRule Rule { get; }
        public int Start { get; }
        public int Length { get; }
        public string Table { get; }

        /// <summary>The column (DBIDX006: the columns, comma-separated).</summary>
        public string Column { get; }
        public string Message { get; }
    }

    /// <summary>
    /// The code-aware index rules: DBIDX002 (filtered column without an index starting with it),
    /// DBIDX003 (top-N sort on a column without one) and DBIDX006 (several equality filters on one
    /// table with no index on any of them: one composite index serves the query). Precision first:
    /// nothing for tables the snapshot estimates below <c>minRows</c>, views, primary-key or
    /// unique-constraint columns, columns any index starts with, or a table whose other filter in
    /// the same query an index already serves.
    /// </summary>
    public static class QueryIndexAdvisor
    {
        /// <summary>Default of SchemaDriftIndexAdviceMinRows: below this estimate a sequential scan is as good as an index.</summary>
        public const long DefaultMinRows = 1000;

        /// <summary>
        /// Whether any table of the snapshot can get advice at this threshold. When none can (every
        /// table's estimate is below it, as in a small development database), the analyzer need not
        /// collect column usages at all.
        /// </summary>
        public static bool MayAdviseAny(SchemaIndex index, long minRows = DefaultMinRows) =>
            index.Snapshot.Tables.Any(t => MayAdvise(t, minRows));

        // Views have no indexes of their own; a table estimated below the threshold is scanned as fast.
        private static bool MayAdvise(TableInfo table, long minRows) =>
            table.Kind == TableKind.Table && (table.RowEstimate == null || table.RowEstimate.Value >= minRows);

        public static List<QueryIndexAdvice> Advise(SqlColumnUsages usages, SchemaIndex index, long minRows = DefaultMinRows)
        {
            var result = new List<QueryIndexAdvice>();
            // Most statements filter on nothing an index could serve (INSERT … VALUES, key lookups):
            // no grouping for them. Asked once per SQL text of every call site.
            if (usages.Usages.Count == 0) return result;
            var dialect = index.Dialect;
            foreach (var blockUsages in usages.Usages.GroupBy(u => u.Block))
            {
                var block = usages.Block(blockUsages.Key);
                foreach (var byTable in blockUsages.GroupBy(u => u.Table))
                {
                    var table = byTable.Key;
                    if (!MayAdvise(table, minRows)) continue;
                    var filters = byTable.Where(u => u.Kind == SqlColumnUsageKind.Equality || u.Kind == SqlColumnUsageKind.Range).ToList();

                    // A filter on a unique column returns at most one row: nothing else about this table matters.
                    if (filters.Any(u => u.Kind == SqlColumnUsageKind.Equality && IsUniqueKey(table, u.Column.Name))) continue;

                    // An index already serves one of the filters: the others are checked on the rows it finds.
                    // Otherwise one piece of advice per table and query: a composite index for several equality
                    // filters (range columns last), else the single equality column, else the first range column.
                    if (!filters.Any(u => Excluded(table, u.Column.Name)))
                    {
                        var advice = Composite(table, filters, dialect) ?? Single(table, filters, dialect);
                        if (advice != null) result.Add(advice);
                    }

                    var sort = byTable.FirstOrDefault(u => u.Kind == SqlColumnUsageKind.OrderBy);
                    if (sort != null && block != null && block.HasLimit && !block.HasGroupBy && block.TableCount == 1 && !block.HasOpaqueSources &&
                        filters.Count == 0 && !Excluded(table, sort.Column.Name))
                    {
                        result.Add(new QueryIndexAdvice(AuditRules.SortWithoutIndex, sort.Start, sort.Length, table.Name, sort.Column.Name,
                            "Query returns the first rows of " + table.Name + " ordered by " + sort.Column.Name + " but no index starts with it" + Size(table) +
                            ": every execution reads and sorts the whole table; consider CREATE INDEX ON " + Table(table, dialect) + " (" +
                            AuditSql.Quote(sort.Column.Name, dialect) + (sort.Descending ? " DESC" : "") + ")"));
                    }
                }
            }
            return result.Count < 2 ? result : result.OrderBy(a => a.Start).ThenBy(a => a.Rule.Id, StringComparer.Ordinal).ToList();
        }

        private static List<SqlColumnUsage> Distinct(IEnumerable<SqlColumnUsage> usages)
        {
            var result = new List<SqlColumnUsage>();
            foreach (var u in usages.OrderBy(u => u.Start))
            {
                if (result.All(e => e.Column.Name != u.Column.Name)) result.Add(u);
            }
            return result;
        }

        private static QueryIndexAdvice? Composite(TableInfo table, List<SqlColumnUsage> filters, Sql.SqlDialect dialect)
        {
            var equalities = Distinct(filters.Where(u => u.Kind == SqlColumnUsageKind.Equality));
            if (equalities.Count < 2) return null;
            var columns = equalities.Select(u => u.Column.Name).ToList();
            var range = Distinct(filters.Where(u => u.Kind == SqlColumnUsageKind.Range)).FirstOrDefault(u => !columns.Contains(u.Column.Name));
            var keys = range == null ? columns : columns.Concat(new[] { range.Column.Name }).ToList();
            var first = equalities[0];
            return new QueryIndexAdvice(AuditRules.MissingCompositeIndex, first.Start, first.Length, table.Name, string.Join(",", columns),
                "Query filters " + table.Name + " on " + string.Join(" and ", columns) + " (equality)" + (range != null ? " and " + range.Column.Name + " (range)" : "") +
                " and no index starts with any of them" + Size(table) + "; one composite index serves it: CREATE INDEX ON " + Table(table, dialect) + " (" +
                string.Join(", ", keys.Select(c => AuditSql.Quote(c, dialect))) + ")");
        }

        private static QueryIndexAdvice? Single(TableInfo table, List<SqlColumnUsage> filters, Sql.SqlDialect dialect)
        {
            var u = Distinct(filters.Where(x => x.Kind == SqlColumnUsageKind.Equality)).FirstOrDefault() ?? Distinct(filters).FirstOrDefault();
            if (u == null) return null;
            return new QueryIndexAdvice(AuditRules.QueryFilterWithoutIndex, u.Start, u.Length, table.Name, u.Column.Name,
                "Query filters " + table.Name + "." + u.Column.Name + (u.Kind == SqlColumnUsageKind.Range ? " by range" : "") +
                " but no index starts with it" + Size(table) + "; consider CREATE INDEX ON " + Table(table, dialect) + " (" +
                AuditSql.Quote(u.Column.Name, dialect) + ")");
        }

        private static string Table(TableInfo t, Sql.SqlDialect dialect) => AuditSql.QuoteTable(t.Schema, t.Name, dialect, "");

        private static string Size(TableInfo t) =>
            t.RowEstimate == null ? "" : " (about " + t.RowEstimate.Value.ToString("N0", CultureInfo.InvariantCulture) + " rows)";

        /// <summary>Primary-key and unique-constraint members, and columns some index starts with, are never advised on.</summary>
        public static bool Excluded(TableInfo t, string column)
        {
            if (t.PrimaryKey != null && t.PrimaryKey.Columns.Contains(column)) return true;
            if (t.Columns.Any(c => c.Name == column && c.PrimaryKey)) return true;
            if (t.UniqueConstraints.Any(u => u.Columns.Contains(column))) return true;
            return t.Indexes.Any(i => i.Valid && i.Columns.Count > 0 && i.Columns[0].Name == column);
        }

        /// <summary>Equality on this column alone finds at most one row (single-column primary key or unique key).</summary>
        private static bool IsUniqueKey(TableInfo t, string column)
        {
            if (t.PrimaryKey != null && t.PrimaryKey.Columns.Count == 1 && t.PrimaryKey.Columns[0] == column) return true;
            if (t.UniqueConstraints.Any(u => u.Columns.Count == 1 && u.Columns[0] == column)) return true;
            return t.Indexes.Any(i => i.Valid && i.Unique && i.Predicate == null && i.Columns.Count == 1 && i.Columns[0].Name == column);
        }
    }
}
