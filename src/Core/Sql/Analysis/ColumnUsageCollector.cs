using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Core.Sql.Analysis
{
    /// <summary>How a query uses a column in a way an index could serve.</summary>
    public enum SqlColumnUsageKind
    {
        /// <summary>col = value, col IN (…), SQLite col IS value: value is a literal, parameter, expression without this block's columns, or an outer column.</summary>
        Equality,

        /// <summary>col &lt; value, col BETWEEN a AND b.</summary>
        Range,

        /// <summary>a.col = b.col between two tables of the same query block (a join).</summary>
        Join,

        /// <summary>The first ORDER BY key of a query block.</summary>
        OrderBy,
    }

    /// <summary>One column a query filters or sorts on, resolved to its table, with where the name is in the SQL text.</summary>
    public sealed class SqlColumnUsage
    {
        public SqlColumnUsage(SqlColumnUsageKind kind, TableInfo table, ColumnInfo column, int start, int length, int block)
        {
            Kind = kind;
            Table = table;
            Column = column;
            Start = start;
            Length = length;
            Block = block;
        }

        public SqlColumnUsageKind Kind { get; }
        public TableInfo Table { get; }
        public ColumnInfo Column { get; }

        /// <summary>Offset and length of the column identifier in the SQL text.</summary>
        public int Start { get; }
        public int Length { get; }

        /// <summary>The query block (SELECT core, UPDATE, DELETE) the usage belongs to; usages of one block share the number.</summary>
        public int Block { get; }

        /// <summary>OrderBy: the key is sorted descending.</summary>
        public bool Descending { get; set; }
    }

    /// <summary>Facts about one query block the index advice needs.</summary>
    public sealed class SqlQueryBlock
    {
        public int Id { get; set; }

        /// <summary>Real tables in the block's FROM (after joins); CTEs, derived tables and functions are not counted.</summary>
        public int TableCount { get; set; }

        /// <summary>The block has derived tables, CTE references or table functions.</summary>
        public bool HasOpaqueSources { get; set; }
        public bool HasGroupBy { get; set; }
        public bool HasLimit { get; set; }
    }

    /// <summary>The result of <see cref="ColumnUsageCollector.Collect"/>.</summary>
    public sealed class SqlColumnUsages
    {
        public List<SqlColumnUsage> Usages { get; } = new List<SqlColumnUsage>();
        public List<SqlQueryBlock> Blocks { get; } = new List<SqlQueryBlock>();

        public SqlQueryBlock? Block(int id) => Blocks.FirstOrDefault(b => b.Id == id);
    }

    /// <summary>
    /// Which table columns a SQL text filters on (top-level AND conjuncts of WHERE and JOIN … ON:
    /// equality, IN, ranges, BETWEEN) and sorts by (first ORDER BY key), resolved to their tables.
    /// A separate pass over the parsed statements (the drift checker is untouched): a name is
    /// resolved only when that is certain (a qualifier naming a table of the block, or an
    /// unqualified name exactly one table of the block has and no opaque source could have);
    /// anything else is left out. OR branches, NOT, functions around the column and LIKE are not
    /// index-friendly usages and are ignored.
    /// </summary>
    public sealed class ColumnUsageCollector
    {
        private readonly SchemaIndex _ix;
        private readonly SqlDialect _d;
        private readonly SqlColumnUsages _result = new SqlColumnUsages();
        /// <summary>Operator chains are as deep as they are long: past this the statement is skipped, never the compiler's stack.</summary>
        private const int MaxExpressionDepth = 300;

        private int _nextBlock;
        private int _depth;

        private ColumnUsageCollector(SchemaIndex index)
        {
            _ix = index;
            _d = index.Dialect;
        }

        public static SqlColumnUsages Collect(string sql, SchemaIndex index) => Collect(SqlParser.Parse(sql, index.Dialect), index);

        /// <summary>Collects from text already parsed (for <paramref name="index"/>'s dialect), so that several analyses share one parse.</summary>
        public static SqlColumnUsages Collect(SqlBatch batch, SchemaIndex index)
        {
            var collector = new ColumnUsageCollector(index);
            if (!batch.Tokenized) return collector._result;
            foreach (var statement in batch.Statements)
            {
                var mark = collector._result.Usages.Count;
                try
                {
                    collector.Statement(statement, null);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // Never cost the compiler: drop this statement's usages.
                    collector._result.Usages.RemoveRange(mark, collector._result.Usages.Count - mark);
                }
            }
            return collector._result;
        }

        private sealed class Source
        {
            public string Exposed = "";
            public bool HasAlias;
            public TableInfo? Table;
            public bool Opaque;
        }

        private sealed class Block
        {
            public Block(Block? parent, SqlQueryBlock info)
            {
                Parent = parent;
                Info = info;
            }

            public Block? Parent { get; }
            public SqlQueryBlock Info { get; }
            public List<Source> Sources { get; } = new List<Source>();
            public List<string> OutputAliases { get; } = new List<string>();
        }

        private HashSet<string> _ctes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private Block NewBlock(Block? parent)
        {
            var info = new SqlQueryBlock { Id = _nextBlock++ };
            _result.Blocks.Add(info);
            return new Block(parent, info);
        }

        private void Statement(SqlStatement statement, Block? outer)
        {
            if (++_depth > 50) throw new InvalidOperationException("too deep");
            try
            {
                switch (statement)
                {
                    case SelectStatement s:
                        Query(s.Query, outer);
                        break;
                    case InsertStatement i:
                        With(i.With, outer);
                        if (i.Source != null) Query(i.Source, outer);
                        break;
                    case UpdateStatement u:
                        Dml(u.With, u.Target, u.From, u.Where, outer);
                        break;
                    case DeleteStatement d:
                        Dml(d.With, d.Target, d.Using, d.Where, outer);
                        break;
                }
            }
            finally
            {
                _depth--;
            }
        }

        /// <summary>UPDATE … FROM / DELETE … USING: one block of the target and the extra tables, filtered by WHERE.</summary>
        private void Dml(WithClause? with, FromItem target, List<FromItem> extra, SqlExpr? where, Block? outer)
        {
            With(with, outer);
            var b = NewBlock(outer);
            AddFrom(target, b);
            foreach (var f in extra) AddFrom(f, b);
            Finish(b);
            Conjuncts(where, b);
        }

        private void With(WithClause? with, Block? outer)
        {
            if (with == null) return;
            foreach (var cte in with.Tables)
            {
                _ctes.Add(cte.Name.Value);
                Statement(cte.Body, outer);
            }
        }

        private void Query(SqlQuery query, Block? outer)
        {
            if (++_depth > 50) throw new InvalidOperationException("too deep");
            try
            {
                switch (query)
                {
                    case QueryExpression qe:
                    {
                        With(qe.With, outer);
                        if (qe.Body is SelectCore core)
                        {
                            var b = Core(core, outer);
                            b.Info.HasLimit = qe.LimitOffset.Count > 0;
                            if (qe.OrderBy.Count > 0) OrderBy(qe.OrderBy[0], b);
                        }
                        else
                        {
                            Query(qe.Body, outer);
                        }
                        break;
                    }
                    case SelectCore core:
                        Core(core, outer);
                        break;
                    case SetOperation so:
                        Query(so.Left, outer);
                        Query(so.Right, outer);
                        break;
                }
            }
            finally
            {
                _depth--;
            }
        }

        private Block Core(SelectCore core, Block? outer)
        {
            var b = NewBlock(outer);
            foreach (var f in core.From) AddFrom(f, b);
            foreach (var item in core.Items)
            {
                if (item.Alias != null) b.OutputAliases.Add(item.Alias.Value);
                Subqueries(item.Expr, b);
            }
            b.Info.HasGroupBy = core.GroupBy.Count > 0 || core.Distinct || core.DistinctOn.Count > 0;
            Finish(b);
            JoinConditions(core.From, b);
            Conjuncts(core.Where, b);
            return b;
        }

        private static void Finish(Block b)
        {
            b.Info.TableCount = b.Sources.Count(s => s.Table != null);
            b.Info.HasOpaqueSources = b.Sources.Any(s => s.Opaque);
        }

        private void AddFrom(FromItem item, Block b)
        {
            switch (item)
            {
                case TableSource t:
                {
                    var source = new Source { Exposed = NameRules.Effective(t.Alias ?? t.Name.Name, _d), HasAlias = t.Alias != null };
                    if (t.Name.Parts.Count == 1 && _ctes.Contains(t.Name.Name.Value)) source.Opaque = true;
                    else if (_ix.IsSystemObject(t.Name)) source.Opaque = true;
                    else
                    {
                        var table = _ix.FindTable(t.Name);
                        if (table == null || table.Columns.Count == 0 || t.ColumnAliases != null) source.Opaque = true;
                        else source.Table = table;
                    }
                    b.Sources.Add(source);
                    break;
                }
                case DerivedSource d:
                    Query(d.Query, d.Lateral ? b : b.Parent);
                    b.Sources.Add(new Source { Exposed = d.Alias != null ? NameRules.Effective(d.Alias, _d) : "", HasAlias = d.Alias != null, Opaque = true });
                    break;
                case FunctionSource f:
                    b.Sources.Add(new Source { Exposed = NameRules.Effective(f.Alias ?? f.Call.Name.Name, _d), HasAlias = f.Alias != null, Opaque = true });
                    break;
                case JoinSource j:
                    AddFrom(j.Left, b);
                    AddFrom(j.Right, b);
                    break;
            }
        }

        private void JoinConditions(IEnumerable<FromItem> items, Block b)
        {
            foreach (var item in items)
            {
                if (!(item is JoinSource j)) continue;
                JoinConditions(new[] { j.Left, j.Right }, b);
                // FULL joins keep unmatched rows of both sides: their ON never filters a table.
                if (j.On != null && j.Kind != "FULL") Conjuncts(j.On, b);
            }
        }

        private void Conjuncts(SqlExpr? e, Block b)
        {
            if (e == null) return;
            var stack = new Stack<SqlExpr>();
            stack.Push(e);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                if (x is BinaryExpr and && and.Operator == "AND")
                {
                    stack.Push(and.Right);
                    stack.Push(and.Left);
                    continue;
                }
                Predicate(x, b);
                Subqueries(x, b);
            }
        }

        private static bool IsEquality(string op) => op == "=" || op == "==" || op == "<=>";

        private static bool IsRange(string op) => op == "<" || op == ">" || op == "<=" || op == ">=";

        private void Predicate(SqlExpr e, Block b)
        {
            switch (e)
            {
                case BinaryExpr bin when IsEquality(bin.Operator) || IsRange(bin.Operator):
                {
                    var kind = IsEquality(bin.Operator) ? SqlColumnUsageKind.Equality : SqlColumnUsageKind.Range;
                    var left = bin.Left is ColumnRefExpr lc ? Resolve(lc, b) : null;
                    var right = bin.Right is ColumnRefExpr rc ? Resolve(rc, b) : null;
                    if (left != null && right != null)
                    {
                        if (kind == SqlColumnUsageKind.Equality && left.Value.Source != right.Value.Source)
                        {
                            Add(SqlColumnUsageKind.Join, left.Value, (ColumnRefExpr)bin.Left, b);
                            Add(SqlColumnUsageKind.Join, right.Value, (ColumnRefExpr)bin.Right, b);
                        }
                        return;
                    }
                    if (left != null && IsValue(bin.Right, b)) Add(kind, left.Value, (ColumnRefExpr)bin.Left, b);
                    else if (right != null && IsValue(bin.Left, b)) Add(kind, right.Value, (ColumnRefExpr)bin.Right, b);
                    return;
                }
                case CompositeExpr c when c.Kind == "IS" && _d == SqlDialect.Sqlite && c.Children.Count == 2:
                {
                    // SQLite "a IS b" is an equality that treats NULLs as equal; IS NULL has one child.
                    if (c.Children[0] is ColumnRefExpr col && Resolve(col, b) is { } r && IsValue(c.Children[1], b) && !(c.Children[1] is LiteralExpr { Kind: LiteralKind.Null }))
                    {
                        Add(SqlColumnUsageKind.Equality, r, col, b);
                    }
                    return;
                }
                case InExpr i when !i.Not && i.Value is ColumnRefExpr col:
                {
                    if (Resolve(col, b) is { } r && (i.Query != null || i.Items.All(x => IsValue(x, b))))
                    {
                        Add(SqlColumnUsageKind.Equality, r, col, b);
                    }
                    return;
                }
                case CompositeExpr c when c.Kind == "BETWEEN" && c.Children.Count == 3 && c.Children[0] is ColumnRefExpr col:
                {
                    if (Resolve(col, b) is { } r && IsValue(c.Children[1], b) && IsValue(c.Children[2], b))
                    {
                        Add(SqlColumnUsageKind.Range, r, col, b);
                    }
                    return;
                }
            }
        }

        /// <summary>Something an index lookup can use as a key: no column of this block's own tables in it.</summary>
        private bool IsValue(SqlExpr? e, Block b, int depth = 0)
        {
            if (depth > MaxExpressionDepth) throw new InvalidOperationException("expression too deep");
            switch (e)
            {
                case null:
                    return false;
                case LiteralExpr lit:
                    return lit.Kind != LiteralKind.Null && lit.Kind != LiteralKind.Default;
                case ParameterExpr _:
                    return true;
                case CastExpr cast:
                    return IsValue(cast.Value, b, depth + 1);
                case UnaryExpr u:
                    return (u.Operator == "-" || u.Operator == "+") && IsValue(u.Operand, b, depth + 1);
                case ColumnRefExpr c:
                    // A column of an enclosing query (correlated subquery) is a constant for this block.
                    return !InBlock(c, b) && ResolvesOutside(c, b);
                case FunctionCallExpr f:
                    return !f.HasOver && f.Extras.Count == 0 && f.Arguments.All(a => a is StarExpr || IsValue(a, b, depth + 1));
                case BinaryExpr bin:
                    return bin.Operator != "AND" && bin.Operator != "OR" && IsValue(bin.Left, b, depth + 1) && IsValue(bin.Right, b, depth + 1);
                case CompositeExpr c when c.Kind == "INTERVAL":
                    return true;
                default:
                    return false;
            }
        }

        private bool InBlock(ColumnRefExpr c, Block b) => Resolve(c, b) != null || Qualifies(c, b) || (c.Parts.Count == 1 && b.Sources.Any(s => s.Opaque));

        private bool Qualifies(ColumnRefExpr c, Block b) => c.Parts.Count >= 2 && FindQualified(c.Parts[c.Parts.Count - 2], b) != null;

        private bool ResolvesOutside(ColumnRefExpr c, Block b)
        {
            for (var p = b.Parent; p != null; p = p.Parent)
            {
                if (Resolve(c, p) != null || Qualifies(c, p)) return true;
            }
            return false;
        }

        private Source? FindQualified(SqlIdentifier qualifier, Block b)
        {
            foreach (var s in b.Sources)
            {
                if (s.Exposed.Length > 0 && Same(s.Exposed, qualifier)) return s;
            }
            return null;
        }

        private bool Same(string exposed, SqlIdentifier written) => NameRules.SameName(exposed, NameRules.Effective(written, _d), _d);

        /// <summary>The table column a reference certainly denotes within this block, or null.</summary>
        private (Source Source, ColumnInfo Column)? Resolve(ColumnRefExpr c, Block b)
        {
            var name = c.Column;
            if (c.Parts.Count == 1)
            {
                if (b.Sources.Any(s => s.Opaque)) return null;
                var having = new List<(Source, ColumnInfo)>();
                foreach (var s in b.Sources)
                {
                    var col = s.Table == null ? null : _ix.FindColumn(s.Table, name);
                    if (col != null) having.Add((s, col));
                }
                return having.Count == 1 ? having[0] : ((Source, ColumnInfo)?)null;
            }
            if (c.Parts.Count > 3) return null;
            var qualifier = c.Parts[c.Parts.Count - 2];
            var source = FindQualified(qualifier, b);
            if (source == null && c.Parts.Count == 3)
            {
                source = b.Sources.FirstOrDefault(s => !s.HasAlias && s.Table != null && NameRules.Matches(qualifier, s.Table.Name, _d) &&
                                                       NameRules.Matches(c.Parts[0], s.Table.Schema, _d));
            }
            if (source?.Table == null) return null;
            var column = _ix.FindColumn(source.Table, name);
            return column == null ? ((Source, ColumnInfo)?)null : (source, column);
        }

        private void OrderBy(OrderItem item, Block b)
        {
            if (!(item.Expr is ColumnRefExpr c)) return;
            // A bare name that is also an output alias sorts by the select item, not necessarily the column.
            if (c.Parts.Count == 1 && b.OutputAliases.Any(a => NameRules.SameName(a, NameRules.Effective(c.Column, _d), _d))) return;
            var r = Resolve(c, b);
            if (r == null) return;
            var usage = Add(SqlColumnUsageKind.OrderBy, r.Value, c, b);
            usage.Descending = item.Descending;
        }

        private SqlColumnUsage Add(SqlColumnUsageKind kind, (Source Source, ColumnInfo Column) r, ColumnRefExpr at, Block b)
        {
            var usage = new SqlColumnUsage(kind, r.Source.Table!, r.Column, at.Column.Start, at.Column.Length, b.Info.Id);
            _result.Usages.Add(usage);
            return usage;
        }

        /// <summary>Subqueries inside an expression are blocks of their own (correlated to this one).</summary>
        private void Subqueries(SqlExpr? e, Block b, int depth = 0)
        {
            if (depth > MaxExpressionDepth) throw new InvalidOperationException("expression too deep");
            switch (e)
            {
                case null:
                    return;
                case SubqueryExpr s:
                    Query(s.Query, b);
                    return;
                case InExpr i:
                    Subqueries(i.Value, b, depth + 1);
                    foreach (var x in i.Items) Subqueries(x, b, depth + 1);
                    if (i.Query != null) Query(i.Query, b);
                    return;
                case BinaryExpr bin:
                    Subqueries(bin.Left, b, depth + 1);
                    Subqueries(bin.Right, b, depth + 1);
                    return;
                case UnaryExpr u:
                    Subqueries(u.Operand, b, depth + 1);
                    return;
                case CastExpr cast:
                    Subqueries(cast.Value, b, depth + 1);
                    return;
                case FunctionCallExpr f:
                    foreach (var a in f.Arguments) Subqueries(a, b, depth + 1);
                    return;
                case CompositeExpr comp:
                    foreach (var child in comp.Children) Subqueries(child, b, depth + 1);
                    return;
            }
        }
    }
}
