using System.Collections.Generic;

namespace SchemaDrift.Core.Sql.Syntax
{
    // The statement tree the parser builds. It keeps only what drift checks need:
    // names with their exact positions, the shape of queries (scopes), and
    // expressions as far as they contain names, calls, subqueries and literals.

    /// <summary>A name as written: its value without quotes, whether it was quoted, and where it is.</summary>
    public sealed class SqlIdentifier
    {
        public SqlIdentifier(string value, bool quoted, int start, int length)
        {
            Value = value;
            Quoted = quoted;
            Start = start;
            Length = length;
        }

        public string Value { get; }
        public bool Quoted { get; }
        public int Start { get; }
        public int Length { get; }

        public override string ToString() => Value;
    }

    /// <summary>A possibly qualified name: [catalog.][schema.]name.</summary>
    public sealed class SqlObjectName
    {
        public SqlObjectName(List<SqlIdentifier> parts) => Parts = parts;

        public List<SqlIdentifier> Parts { get; }
        public SqlIdentifier Name => Parts[Parts.Count - 1];
        public SqlIdentifier? Schema => Parts.Count >= 2 ? Parts[Parts.Count - 2] : null;
        public int Start => Parts[0].Start;
        public int End => Name.Start + Name.Length;

        public override string ToString() => string.Join(".", Parts);
    }

    public abstract class SqlNode
    {
        public int Start { get; set; }
        public int End { get; set; }
    }

    // ---------------------------------------------------------------- expressions

    public abstract class SqlExpr : SqlNode
    {
    }

    public sealed class ColumnRefExpr : SqlExpr
    {
        public ColumnRefExpr(List<SqlIdentifier> parts) => Parts = parts;

        /// <summary>[schema.][table.]column.</summary>
        public List<SqlIdentifier> Parts { get; }
        public SqlIdentifier Column => Parts[Parts.Count - 1];
    }

    /// <summary>* or t.* (select lists, count(*)).</summary>
    public sealed class StarExpr : SqlExpr
    {
        public List<SqlIdentifier>? Qualifier { get; set; }
    }

    public enum LiteralKind
    {
        String,
        Number,
        Null,
        Boolean,
        Default,
        Other,
    }

    public sealed class LiteralExpr : SqlExpr
    {
        public LiteralExpr(LiteralKind kind, string value)
        {
            Kind = kind;
            Value = value;
        }

        public LiteralKind Kind { get; }
        public string Value { get; }

        /// <summary>A typed literal (DATE '…', PostgreSQL type 'text'): its type is not inferred from context.</summary>
        public bool Typed { get; set; }
    }

    public sealed class ParameterExpr : SqlExpr
    {
        public ParameterExpr(string name) => Name = name;

        public string Name { get; }
    }

    public sealed class FunctionCallExpr : SqlExpr
    {
        public FunctionCallExpr(SqlObjectName name) => Name = name;

        public SqlObjectName Name { get; }
        public List<SqlExpr> Arguments { get; } = new List<SqlExpr>();

        /// <summary>Extra expressions inside the call: ORDER BY in aggregates, FILTER, OVER, WITHIN GROUP.</summary>
        public List<SqlExpr> Extras { get; } = new List<SqlExpr>();

        /// <summary>Named window the call uses (OVER w).</summary>
        public SqlIdentifier? WindowName { get; set; }

        /// <summary>True for syntax that looks like a call but is a keyword form (CAST, EXTRACT…): never a user function.</summary>
        public bool IsSyntax { get; set; }
        public bool HasOver { get; set; }
    }

    public sealed class SubqueryExpr : SqlExpr
    {
        public SubqueryExpr(SqlQuery query) => Query = query;

        public SqlQuery Query { get; }
    }

    public sealed class BinaryExpr : SqlExpr
    {
        public BinaryExpr(string op, SqlExpr left, SqlExpr right)
        {
            Operator = op;
            Left = left;
            Right = right;
        }

        /// <summary>Upper-case operator or keyword (=, AND, LIKE, ||, ->>…).</summary>
        public string Operator { get; }
        public SqlExpr Left { get; }
        public SqlExpr Right { get; }
    }

    public sealed class UnaryExpr : SqlExpr
    {
        public UnaryExpr(string op, SqlExpr operand)
        {
            Operator = op;
            Operand = operand;
        }

        public string Operator { get; }
        public SqlExpr Operand { get; }
    }

    public sealed class InExpr : SqlExpr
    {
        public InExpr(SqlExpr value, bool not)
        {
            Value = value;
            Not = not;
        }

        public SqlExpr Value { get; }
        public bool Not { get; }
        public List<SqlExpr> Items { get; } = new List<SqlExpr>();
        public SqlQuery? Query { get; set; }
    }

    public sealed class CastExpr : SqlExpr
    {
        public CastExpr(SqlExpr value, string typeName)
        {
            Value = value;
            TypeName = typeName;
        }

        public SqlExpr Value { get; }
        public string TypeName { get; }
    }

    /// <summary>Any other construct: CASE, BETWEEN, IS, ROW(...), ARRAY[...], INTERVAL… Its parts are still checked.</summary>
    public sealed class CompositeExpr : SqlExpr
    {
        public CompositeExpr(string kind) => Kind = kind;

        public string Kind { get; }
        public List<SqlExpr> Children { get; } = new List<SqlExpr>();
    }

    // ---------------------------------------------------------------- queries

    public abstract class SqlQuery : SqlNode
    {
    }

    /// <summary>[WITH …] body [ORDER BY …] [LIMIT …].</summary>
    public sealed class QueryExpression : SqlQuery
    {
        public QueryExpression(SqlQuery body) => Body = body;

        public WithClause? With { get; set; }
        public SqlQuery Body { get; }
        public List<OrderItem> OrderBy { get; } = new List<OrderItem>();
        public List<SqlExpr> LimitOffset { get; } = new List<SqlExpr>();
    }

    public sealed class SelectCore : SqlQuery
    {
        public bool Distinct { get; set; }
        public List<SqlExpr> DistinctOn { get; } = new List<SqlExpr>();
        public List<SelectItem> Items { get; } = new List<SelectItem>();
        public List<FromItem> From { get; } = new List<FromItem>();
        public SqlExpr? Where { get; set; }
        public List<SqlExpr> GroupBy { get; } = new List<SqlExpr>();
        public SqlExpr? Having { get; set; }
        public List<WindowDefinition> Windows { get; } = new List<WindowDefinition>();

        /// <summary>SELECT … INTO table (PostgreSQL) / INTO @var (MySQL): not a plain query.</summary>
        public bool HasInto { get; set; }
    }

    public sealed class SetOperation : SqlQuery
    {
        public SetOperation(string op, SqlQuery left, SqlQuery right)
        {
            Operator = op;
            Left = left;
            Right = right;
        }

        public string Operator { get; }
        public SqlQuery Left { get; }
        public SqlQuery Right { get; }
    }

    public sealed class ValuesQuery : SqlQuery
    {
        public List<List<SqlExpr>> Rows { get; } = new List<List<SqlExpr>>();
    }

    public sealed class SelectItem : SqlNode
    {
        public SelectItem(SqlExpr expr, SqlIdentifier? alias)
        {
            Expr = expr;
            Alias = alias;
        }

        public SqlExpr Expr { get; }
        public SqlIdentifier? Alias { get; }
    }

    public sealed class OrderItem
    {
        public OrderItem(SqlExpr expr, bool descending)
        {
            Expr = expr;
            Descending = descending;
        }

        public SqlExpr Expr { get; }
        public bool Descending { get; }
    }

    public sealed class WindowDefinition
    {
        public WindowDefinition(SqlIdentifier name, CompositeExpr spec)
        {
            Name = name;
            Spec = spec;
        }

        public SqlIdentifier Name { get; }
        public CompositeExpr Spec { get; }
    }

    public sealed class WithClause
    {
        public bool Recursive { get; set; }
        public List<CommonTableExpression> Tables { get; } = new List<CommonTableExpression>();
    }

    public sealed class CommonTableExpression
    {
        public CommonTableExpression(SqlIdentifier name, SqlStatement body)
        {
            Name = name;
            Body = body;
        }

        public SqlIdentifier Name { get; }
        public List<SqlIdentifier>? Columns { get; set; }

        /// <summary>A query, or (PostgreSQL) a data-modifying statement with RETURNING.</summary>
        public SqlStatement Body { get; }
    }

    // ---------------------------------------------------------------- FROM items

    public abstract class FromItem : SqlNode
    {
        public SqlIdentifier? Alias { get; set; }
        public List<SqlIdentifier>? ColumnAliases { get; set; }
    }

    public sealed class TableSource : FromItem
    {
        public TableSource(SqlObjectName name) => Name = name;

        public SqlObjectName Name { get; }
    }

    public sealed class DerivedSource : FromItem
    {
        public DerivedSource(SqlQuery query) => Query = query;

        public SqlQuery Query { get; }
        public bool Lateral { get; set; }
    }

    public sealed class FunctionSource : FromItem
    {
        public FunctionSource(FunctionCallExpr call) => Call = call;

        public FunctionCallExpr Call { get; }
    }

    public sealed class JoinSource : FromItem
    {
        public JoinSource(FromItem left, FromItem right, string kind)
        {
            Left = left;
            Right = right;
            Kind = kind;
        }

        public FromItem Left { get; }
        public FromItem Right { get; }

        /// <summary>INNER, LEFT, RIGHT, FULL, CROSS.</summary>
        public string Kind { get; }
        public bool Natural { get; set; }
        public SqlExpr? On { get; set; }
        public List<SqlIdentifier>? Using { get; set; }
    }

    // ---------------------------------------------------------------- statements

    public abstract class SqlStatement : SqlNode
    {
    }

    public sealed class SelectStatement : SqlStatement
    {
        public SelectStatement(SqlQuery query) => Query = query;

        public SqlQuery Query { get; }
    }

    public sealed class Assignment : SqlNode
    {
        public Assignment(List<List<SqlIdentifier>> targets, SqlExpr value)
        {
            Targets = targets;
            Value = value;
        }

        /// <summary>One target (col or t.col), or several for (a, b) = (…).</summary>
        public List<List<SqlIdentifier>> Targets { get; }
        public SqlExpr Value { get; }
    }

    public sealed class InsertStatement : SqlStatement
    {
        public InsertStatement(TableSource target) => Target = target;

        public WithClause? With { get; set; }
        public TableSource Target { get; }
        public List<SqlIdentifier>? Columns { get; set; }

        /// <summary>VALUES (…) or a query; null for DEFAULT VALUES and MySQL's INSERT … SET.</summary>
        public SqlQuery? Source { get; set; }
        public List<Assignment> SetAssignments { get; } = new List<Assignment>();

        public List<SqlIdentifier>? ConflictColumns { get; set; }
        public SqlExpr? ConflictWhere { get; set; }
        public List<Assignment> ConflictUpdates { get; } = new List<Assignment>();
        public SqlExpr? ConflictUpdateWhere { get; set; }
        public List<Assignment> DuplicateKeyUpdates { get; } = new List<Assignment>();

        /// <summary>MySQL 8.0.19+: INSERT … VALUES (…) AS new ON DUPLICATE KEY UPDATE a = new.a.</summary>
        public SqlIdentifier? RowAlias { get; set; }
        public List<SelectItem> Returning { get; } = new List<SelectItem>();
    }

    public sealed class UpdateStatement : SqlStatement
    {
        public UpdateStatement(FromItem target) => Target = target;

        public WithClause? With { get; set; }

        /// <summary>The table (or, on MySQL, the join) being updated.</summary>
        public FromItem Target { get; }
        public List<Assignment> Assignments { get; } = new List<Assignment>();
        public List<FromItem> From { get; } = new List<FromItem>();
        public SqlExpr? Where { get; set; }
        public List<OrderItem> OrderBy { get; } = new List<OrderItem>();
        public List<SqlExpr> Limit { get; } = new List<SqlExpr>();
        public List<SelectItem> Returning { get; } = new List<SelectItem>();
    }

    public sealed class DeleteStatement : SqlStatement
    {
        public DeleteStatement(FromItem target) => Target = target;

        public WithClause? With { get; set; }
        public FromItem Target { get; }
        public List<FromItem> Using { get; } = new List<FromItem>();
        public SqlExpr? Where { get; set; }
        public List<OrderItem> OrderBy { get; } = new List<OrderItem>();
        public List<SqlExpr> Limit { get; } = new List<SqlExpr>();
        public List<SelectItem> Returning { get; } = new List<SelectItem>();
    }

    public sealed class CallStatement : SqlStatement
    {
        public CallStatement(FunctionCallExpr call) => Call = call;

        public FunctionCallExpr Call { get; }
    }

    /// <summary>CREATE [TEMP] TABLE / VIEW in the same batch: later statements may use the name.</summary>
    public sealed class CreateStatement : SqlStatement
    {
        public CreateStatement(SqlObjectName name) => Name = name;

        public SqlObjectName Name { get; }
    }

    /// <summary>A statement the parser does not understand: never reported on.</summary>
    public sealed class UnsupportedStatement : SqlStatement
    {
        public UnsupportedStatement(string reason) => Reason = reason;

        public string Reason { get; }
    }
}
