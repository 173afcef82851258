using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Builtins;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Core.Sql.Analysis
{
    /// <summary>
    /// Resolves the names in parsed SQL against a snapshot the way the engine does:
    /// FROM items and joins make a scope, subqueries see their outer scopes, CTEs and
    /// derived tables expose the columns their queries produce. A name is reported
    /// only when every scope it could come from is fully known; anything opaque
    /// (an unknown table, a table function, a system catalog) silences the check.
    /// </summary>
    public sealed class SqlChecker
    {
        private readonly SchemaIndex _ix;
        private readonly SqlDialect _d;
        private readonly string _sql;
        private readonly SqlCheckResult _result;
        private readonly HashSet<string> _created = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Where the walk is: the clause, and the removable item (select item, column-list
        // entry, SET assignment) the names being checked belong to, for code fixes.
        private SqlClause _clause;
        private SqlExpr? _removableExpr;
        private int _removeStart = -1;
        private int _removeEnd;

        private SqlChecker(SchemaIndex index, string sql, SqlCheckResult result)
        {
            _ix = index;
            _d = index.Dialect;
            _sql = sql;
            _result = result;
        }

        public static SqlCheckResult Check(string sql, SchemaIndex index) => Check(SqlParser.Parse(sql, index.Dialect), index);

        /// <summary>Checks text already parsed (for <paramref name="index"/>'s dialect), so that several analyses share one parse.</summary>
        public static SqlCheckResult Check(SqlBatch batch, SchemaIndex index)
        {
            var sql = batch.Text;
            var result = new SqlCheckResult();
            if (!batch.Tokenized)
            {
                result.StatementsSkipped++;
                result.SkipReasons.Add("not tokenized");
                return result;
            }
            var checker = new SqlChecker(index, sql, result);
            foreach (var statement in batch.Statements)
            {
                checker.CheckStatement(statement);
            }
            return result;
        }

        /// <summary>
        /// CommandType.StoredProcedure: the whole text is a (possibly qualified) procedure or
        /// function name. Reports DBDRIFT701 when neither the snapshot nor the engine has it.
        /// </summary>
        public static SqlCheckResult CheckRoutineName(string text, SchemaIndex index)
        {
            var result = new SqlCheckResult();
            if (index.Dialect == SqlDialect.Sqlite || index.Snapshot.PartialVisibility || !SqlLexer.TryTokenize(text ?? "", index.Dialect, out var tokens))
            {
                result.StatementsSkipped++;
                return result;
            }
            // name [. name [. name]] and nothing else.
            var parts = new List<SqlIdentifier>();
            var i = 0;
            while (true)
            {
                var t = tokens[i];
                if (!t.IsIdentifier) return Skipped(result, "not a name");
                parts.Add(new SqlIdentifier(t.Value, t.Kind == SqlTokenKind.QuotedIdentifier, t.Start, t.Length));
                i++;
                if (tokens[i].Kind == SqlTokenKind.Dot && parts.Count < 3)
                {
                    i++;
                    continue;
                }
                break;
            }
            if (tokens[i].Kind != SqlTokenKind.End) return Skipped(result, "not a name");
            var name = new SqlObjectName(parts);
            var call = new FunctionCallExpr(name) { Start = name.Start, End = name.End };
            var checker = new SqlChecker(index, text!, result) { _clause = SqlClause.ProcedureName };
            checker.CheckRoutine(call, "procedure");
            result.StatementsChecked++;
            return result;
        }

        private static SqlCheckResult Skipped(SqlCheckResult result, string reason)
        {
            result.StatementsSkipped++;
            result.SkipReasons.Add(reason);
            return result;
        }

        private void CheckStatement(SqlStatement statement)
        {
            if (statement is UnsupportedStatement u)
            {
                _result.StatementsSkipped++;
                _result.SkipReasons.Add(u.Reason);
                return;
            }
            var before = _result.Findings.Count;
            _walkDepth = 0;
            try
            {
                switch (statement)
                {
                    case SelectStatement s:
                        BindQuery(s.Query, null, null);
                        break;
                    case InsertStatement i:
                        BindInsert(i, null);
                        break;
                    case UpdateStatement up:
                        BindUpdate(up, null);
                        break;
                    case DeleteStatement del:
                        BindDelete(del, null);
                        break;
                    case CallStatement call:
                        _clause = SqlClause.Call;
                        CheckRoutine(call.Call, "procedure");
                        foreach (var a in call.Call.Arguments) Walk(a, new Scope(null), null);
                        break;
                    case CreateStatement c:
                        _created.Add(c.Name.Name.Value);
                        break;
                }
                _result.StatementsChecked++;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A binder bug must cost this statement's findings, never the compiler.
                _result.Findings.RemoveRange(before, _result.Findings.Count - before);
                _result.StatementsSkipped++;
                _result.SkipReasons.Add("internal: " + ex.GetType().Name);
            }
        }

        // ------------------------------------------------------------ scopes

        private sealed class Source
        {
            /// <summary>The name the query uses for it (alias, else table name), as the engine stores it.</summary>
            public string Exposed = "";
            public bool HasAlias;
            public string? Schema;
            public TableInfo? Table;

            /// <summary>Table's columns by name: see ColumnsOf.</summary>
            public TableColumns? TableColumns;

            /// <summary>Columns of a derived table or CTE; null entries are columns with unknown names.</summary>
            public List<string?>? Columns;

            /// <summary>Columns unknown: everything resolves against it.</summary>
            public bool Opaque;
        }

        private sealed class Scope
        {
            public Scope(Scope? parent) => Parent = parent;

            public Scope? Parent { get; }
            public List<Source> Sources { get; } = new List<Source>();
            public List<string> OutputAliases { get; } = new List<string>();
            public bool AliasesVisible { get; set; }

            /// <summary>False where a qualifier may name something outside the FROM items (ORDER BY of a set operation).</summary>
            public bool QualifiersJudged { get; set; } = true;
        }

        private sealed class CteEnv
        {
            public CteEnv(string name, List<string?>? columns, CteEnv? parent)
            {
                Name = name;
                Columns = columns;
                Parent = parent;
            }

            public string Name { get; }
            public List<string?>? Columns { get; set; }
            public CteEnv? Parent { get; }
        }

        private string Eff(SqlIdentifier id) => NameRules.Effective(id, _d);

        private bool Same(string a, string b) => NameRules.SameName(a, b, _d);

        // Loops rather than Linq in the per-column helpers: they run for every column reference of
        // every call site, and a lambda capturing a local allocates its closure on each call.
        private bool SourceHasColumn(Source s, SqlIdentifier column)
        {
            if (IsOpaque(s)) return true;
            if (s.Table != null) return _ix.FindColumn(ColumnsOf(s, s.Table), column) != null || _ix.IsImplicitColumn(s.Table, column);
            var name = Eff(column);
            foreach (var c in s.Columns!)
            {
                if (Same(c!, name)) return true;
            }
            return false;
        }

        /// <summary>The column map of a FROM item's table, fetched once for all the references resolved against it.</summary>
        private TableColumns ColumnsOf(Source s, TableInfo table) => s.TableColumns ??= _ix.ColumnsOf(table);

        /// <summary>Whether the scope's select list has an output alias named like the column.</summary>
        private bool HasOutputAlias(Scope s, SqlIdentifier column)
        {
            if (s.OutputAliases.Count == 0) return false;
            var name = Eff(column);
            foreach (var a in s.OutputAliases)
            {
                if (Same(a, name)) return true;
            }
            return false;
        }

        /// <summary>Whether a FROM item of the scope is exposed (aliased or named) like the column.</summary>
        private bool ExposesName(Scope s, SqlIdentifier column)
        {
            var name = Eff(column);
            foreach (var src in s.Sources)
            {
                if (src.Exposed.Length > 0 && Same(src.Exposed, name)) return true;
            }
            return false;
        }

        private IEnumerable<string> SourceColumnNames(Source s)
        {
            if (s.Table != null) return s.Table.Columns.Select(c => c.Name);
            return s.Columns?.Where(c => c != null).Select(c => c!) ?? Enumerable.Empty<string>();
        }

        private bool IsOpaque(Source s) => s.Opaque || (s.Table == null && (s.Columns == null || s.Columns.Contains(null)));

        private CteEnv? FindCte(CteEnv? env, SqlIdentifier name)
        {
            var n = Eff(name);
            for (var e = env; e != null; e = e.Parent)
            {
                if (Same(e.Name, n)) return e;
            }
            return null;
        }

        // ------------------------------------------------------------ queries

        private sealed class QueryResult
        {
            public List<string?>? Columns;
            public Scope? CoreScope;
        }

        private QueryResult BindQuery(SqlQuery query, Scope? parent, CteEnv? env)
        {
            switch (query)
            {
                case QueryExpression qe:
                {
                    env = BindWith(qe.With, parent, env);
                    var body = BindQuery(qe.Body, parent, env);
                    Scope orderScope;
                    if (body.CoreScope != null)
                    {
                        orderScope = body.CoreScope;
                        orderScope.AliasesVisible = true;
                    }
                    else
                    {
                        // ORDER BY after a set operation names output columns; unknown ones are not judged.
                        orderScope = new Scope(parent);
                        orderScope.Sources.Add(new Source { Opaque = true });
                        orderScope.QualifiersJudged = false;
                    }
                    var saved = SaveContext();
                    _clause = SqlClause.OrderBy;
                    foreach (var o in qe.OrderBy) WalkOrderOrGroupItem(o.Expr, orderScope, env);
                    _clause = SqlClause.Other;
                    foreach (var l in qe.LimitOffset) Walk(l, new Scope(parent), env);
                    RestoreContext(saved);
                    return new QueryResult { Columns = body.Columns, CoreScope = qe.OrderBy.Count == 0 ? body.CoreScope : null };
                }
                case SelectCore core:
                    return BindSelectCore(core, parent, env);
                case SetOperation so:
                {
                    var left = BindQuery(so.Left, parent, env);
                    BindQuery(so.Right, parent, env);
                    return new QueryResult { Columns = left.Columns };
                }
                case ValuesQuery v:
                {
                    var scope = new Scope(parent);
                    foreach (var row in v.Rows)
                    {
                        foreach (var e in row) Walk(e, scope, env);
                    }
                    var count = v.Rows.Count > 0 ? v.Rows[0].Count : 0;
                    var cols = new List<string?>();
                    for (var i = 0; i < count; i++)
                    {
                        cols.Add(_d == SqlDialect.MySql ? "column_" + i : "column" + (i + 1));
                    }
                    return new QueryResult { Columns = cols };
                }
                default:
                    return new QueryResult();
            }
        }

        private CteEnv? BindWith(WithClause? with, Scope? parent, CteEnv? env)
        {
            if (with == null) return env;
            foreach (var cte in with.Tables)
            {
                var name = Eff(cte.Name);
                List<string?>? declared = cte.Columns?.Select(c => (string?)Eff(c)).ToList();
                if (with.Recursive)
                {
                    // The recursive member refers to the CTE itself: register it first with
                    // the declared columns, or the anchor's, before binding the whole body.
                    List<string?>? anchorColumns = declared;
                    if (anchorColumns == null && cte.Body is SelectStatement sel)
                    {
                        var anchor = Anchor(sel.Query);
                        if (anchor != null) anchorColumns = OutputColumnsOnly(anchor, parent, env);
                    }
                    env = new CteEnv(name, anchorColumns, env);
                    var bodyColumns = BindCteBody(cte.Body, parent, env);
                    env.Columns = declared ?? bodyColumns ?? anchorColumns;
                }
                else
                {
                    var bodyColumns = BindCteBody(cte.Body, parent, env);
                    env = new CteEnv(name, declared ?? bodyColumns, env);
                }
            }
            return env;
        }

        private static SqlQuery? Anchor(SqlQuery q)
        {
            if (q is QueryExpression qe && qe.With == null) return Anchor(qe.Body);
            if (q is SetOperation so) return Anchor(so.Left);
            return q is SelectCore || q is ValuesQuery ? q : null;
        }

        /// <summary>Output columns of a query without reporting anything (used for recursive CTE anchors).</summary>
        private List<string?>? OutputColumnsOnly(SqlQuery q, Scope? parent, CteEnv? env)
        {
            var mark = _result.Findings.Count;
            var r = BindQuery(q, parent, env);
            _result.Findings.RemoveRange(mark, _result.Findings.Count - mark);
            return r.Columns;
        }

        private List<string?>? BindCteBody(SqlStatement body, Scope? parent, CteEnv? env)
        {
            switch (body)
            {
                case SelectStatement s:
                    return BindQuery(s.Query, parent, env).Columns;
                case InsertStatement i:
                    return BindInsert(i, env);
                case UpdateStatement u:
                    return BindUpdate(u, env);
                case DeleteStatement d:
                    return BindDelete(d, env);
                default:
                    return null;
            }
        }

        private QueryResult BindSelectCore(SelectCore core, Scope? parent, CteEnv? env)
        {
            var scope = new Scope(parent);
            // SQLite resolves ON and USING against the whole FROM clause, the others against the join's operands.
            var deferred = _d == SqlDialect.Sqlite ? new List<JoinSource>() : null;
            foreach (var item in core.From) AddFromItem(item, scope, parent, env, deferred);
            if (deferred != null)
            {
                foreach (var j in deferred) BindJoinCondition(j, scope, env);
            }

            var saved = SaveContext();
            _clause = SqlClause.SelectList;
            foreach (var e in core.DistinctOn) Walk(e, scope, env);
            var columns = new List<string?>();
            for (var i = 0; i < core.Items.Count; i++)
            {
                var item = core.Items[i];
                SetRemovable(item.Expr, core.Items.Count, i, core.Items[Math.Max(0, i - 1)], item, core.Items[Math.Min(core.Items.Count - 1, i + 1)]);
                Walk(item.Expr, scope, env);
                ClearRemovable();
                AddOutputColumns(item, scope, columns);
                if (item.Alias != null) scope.OutputAliases.Add(Eff(item.Alias));
            }

            // SQLite lets WHERE use select-list aliases; the others do not.
            scope.AliasesVisible = _d == SqlDialect.Sqlite;
            _clause = SqlClause.Where;
            if (core.Where != null) Walk(core.Where, scope, env);
            scope.AliasesVisible = true;
            _clause = SqlClause.GroupBy;
            foreach (var g in core.GroupBy) WalkOrderOrGroupItem(g, scope, env);
            // PostgreSQL's HAVING cannot see output aliases; MySQL's and SQLite's can.
            scope.AliasesVisible = _d != SqlDialect.PostgreSql;
            _clause = SqlClause.Having;
            if (core.Having != null) Walk(core.Having, scope, env);
            scope.AliasesVisible = true;
            _clause = SqlClause.Window;
            foreach (var w in core.Windows) Walk(w.Spec, scope, env);
            scope.AliasesVisible = false;
            RestoreContext(saved);
            return new QueryResult { Columns = columns, CoreScope = scope };
        }

        private void AddOutputColumns(SelectItem item, Scope scope, List<string?> columns)
        {
            if (item.Alias != null)
            {
                columns.Add(Eff(item.Alias));
                return;
            }
            switch (item.Expr)
            {
                case ColumnRefExpr c:
                    columns.Add(Eff(c.Column));
                    return;
                case StarExpr star when star.Qualifier == null:
                    if (scope.Sources.Count == 0) columns.Add(null);
                    foreach (var s in scope.Sources)
                    {
                        if (IsOpaque(s)) columns.Add(null);
                        else columns.AddRange(SourceColumnNames(s));
                    }
                    return;
                case StarExpr star:
                {
                    var src = FindQualified(star.Qualifier!, star.Qualifier!.Count, scope);
                    if (src == null || IsOpaque(src)) columns.Add(null);
                    else columns.AddRange(SourceColumnNames(src));
                    return;
                }
                case FunctionCallExpr f when _d == SqlDialect.PostgreSql && !f.IsSyntax:
                    columns.Add(Eff(f.Name.Name));
                    return;
                default:
                    columns.Add(null);
                    return;
            }
        }

        private void AddFromItem(FromItem item, Scope scope, Scope? outer, CteEnv? env, List<JoinSource>? deferredJoins = null)
        {
            switch (item)
            {
                case TableSource t:
                    scope.Sources.Add(ResolveTable(t, env));
                    break;
                case DerivedSource d:
                {
                    // A LATERAL subquery sees the FROM items before it; others only the outer query.
                    var r = BindQuery(d.Query, d.Lateral ? scope : outer, env);
                    var cols = d.ColumnAliases != null ? d.ColumnAliases.Select(c => (string?)Eff(c)).ToList() : r.Columns;
                    scope.Sources.Add(new Source
                    {
                        Exposed = d.Alias != null ? Eff(d.Alias) : "",
                        HasAlias = d.Alias != null,
                        Columns = cols,
                        Opaque = cols == null,
                    });
                    break;
                }
                case FunctionSource f:
                {
                    // Table functions may refer to earlier FROM items (implicitly lateral on PostgreSQL).
                    var saved = SaveContext();
                    _clause = SqlClause.From;
                    if (_d == SqlDialect.PostgreSql) CheckRoutine(f.Call, "function");
                    foreach (var a in f.Call.Arguments) Walk(a, scope, env);
                    RestoreContext(saved);
                    scope.Sources.Add(new Source
                    {
                        Exposed = f.Alias != null ? Eff(f.Alias) : Eff(f.Call.Name.Name),
                        HasAlias = f.Alias != null,
                        Columns = f.ColumnAliases?.Select(c => (string?)Eff(c)).ToList(),
                        Opaque = f.ColumnAliases == null,
                    });
                    break;
                }
                case JoinSource j:
                {
                    AddFromItem(j.Left, scope, outer, env, deferredJoins);
                    AddFromItem(j.Right, scope, outer, env, deferredJoins);
                    if (deferredJoins != null)
                    {
                        deferredJoins.Add(j);
                        break;
                    }
                    BindJoinCondition(j, scope, env);
                    break;
                }
            }
        }

        private void BindJoinCondition(JoinSource j, Scope scope, CteEnv? env)
        {
            var saved = SaveContext();
            _clause = SqlClause.JoinCondition;
            if (j.On != null) Walk(j.On, scope, env);
            if (j.Using != null)
            {
                foreach (var u in j.Using)
                {
                    CheckUsingColumn(u, scope);
                }
            }
            RestoreContext(saved);
        }

        private void CheckUsingColumn(SqlIdentifier column, Scope scope)
        {
            // USING (col) needs the column on both sides; report it only when no source has it.
            foreach (var s in scope.Sources)
            {
                if (SourceHasColumn(s, column)) return;
            }
            ReportColumn(column, scope.Sources, scope);
        }

        private Source ResolveTable(TableSource t, CteEnv? env)
        {
            var name = t.Name;
            var source = new Source
            {
                Exposed = t.Alias != null ? Eff(t.Alias) : Eff(name.Name),
                HasAlias = t.Alias != null,
                Schema = name.Schema != null ? Eff(name.Schema) : null,
            };
            if (name.Parts.Count == 1)
            {
                var cte = FindCte(env, name.Name);
                if (cte != null)
                {
                    source.Columns = cte.Columns;
                    source.Opaque = cte.Columns == null;
                    return source;
                }
            }
            if (_created.Contains(name.Name.Value) || _ix.IsSystemObject(name))
            {
                source.Opaque = true;
                return source;
            }
            var table = _ix.FindTable(name);
            if (table != null)
            {
                if (t.ColumnAliases != null)
                {
                    // FROM users AS u(a, b): the first columns take the new names, the rest keep theirs.
                    var columns = table.Columns.OrderBy(c => c.Ordinal).Select(c => (string?)c.Name).ToList();
                    for (var i = 0; i < t.ColumnAliases.Count && i < columns.Count; i++) columns[i] = Eff(t.ColumnAliases[i]);
                    source.Columns = columns;
                    return source;
                }
                // A table or view whose columns introspection could not read is opaque, never "has no columns".
                if (table.Columns.Count == 0) source.Opaque = true;
                else source.Table = table;
                return source;
            }
            source.Opaque = true;
            if (name.Schema != null && !_ix.KnowsSchema(name.Schema))
            {
                return source; // another database (MySQL), schema (PostgreSQL) or attached file (SQLite): not introspected
            }
            if (name.Parts.Count == 3) return source;
            if (_ix.Snapshot.PartialVisibility) return source; // the introspecting user may simply not see it
            var finding = NameFinding(SqlFindingKind.UnknownTable, name, SqlClause.From);
            finding.Candidates.AddRange(NameSimilarity.Candidates(Eff(name.Name), _ix.TableNameKeys.Concat(CteNames(env).Select(n => new NameSimilarity.Key(n)))));
            _result.Findings.Add(finding);
            return source;
        }

        /// <summary>A finding on the last part of a qualified name; its qualifier goes in Table.</summary>
        private static SqlFinding NameFinding(SqlFindingKind kind, SqlObjectName name, SqlClause clause) => new SqlFinding
        {
            Kind = kind,
            Start = name.Name.Start,
            Length = name.Name.Length,
            Name = name.Name.Value,
            Table = name.Schema?.Value,
            Clause = clause,
        };

        private static IEnumerable<string> CteNames(CteEnv? env)
        {
            for (var e = env; e != null; e = e.Parent) yield return e.Name;
        }

        // ------------------------------------------------------------ DML

        private Source TargetSource(TableSource target, CteEnv? env) => ResolveTable(target, env);

        private List<string?>? BindInsert(InsertStatement ins, CteEnv? env)
        {
            env = BindWith(ins.With, null, env);
            var target = TargetSource(ins.Target, env);
            var singleRow = ins.Source is ValuesQuery v1 && v1.Rows.Count == 1 ? v1.Rows[0] : null;
            if (ins.Columns != null)
            {
                for (var i = 0; i < ins.Columns.Count; i++)
                {
                    var c = ins.Columns[i];
                    var before = _result.Findings.Count;
                    CheckTargetColumn(c, target, SqlClause.InsertColumns);
                    if (_result.Findings.Count > before && ins.Columns.Count > 1)
                    {
                        var f = _result.Findings[_result.Findings.Count - 1];
                        var (rs, re) = ListRemoval(ins.Columns.Count, i, k => ins.Columns[k].Start, k => ins.Columns[k].Start + ins.Columns[k].Length);
                        f.SetRemoval(rs, re);
                        if (singleRow != null && singleRow.Count == ins.Columns.Count)
                        {
                            var (ps, pe) = ListRemoval(singleRow.Count, i, k => singleRow[k].Start, k => singleRow[k].End);
                            f.SetPairedRemoval(ps, pe);
                        }
                    }
                }
            }
            var saved = SaveContext();
            _clause = SqlClause.InsertValues;
            if (ins.Source != null) BindQuery(ins.Source, null, env);
            CheckInsertEnumValues(ins, target);

            var scope = new Scope(null);
            scope.Sources.Add(target);
            BindAssignments(ins.SetAssignments, target, scope, env);
            _clause = SqlClause.OnConflict;
            if (ins.ConflictColumns != null)
            {
                foreach (var c in ins.ConflictColumns) CheckTargetColumn(c, target, SqlClause.OnConflict);
            }
            if (ins.ConflictWhere != null) Walk(ins.ConflictWhere, scope, env);
            if (ins.ConflictUpdates.Count > 0 || ins.ConflictUpdateWhere != null)
            {
                var upsert = new Scope(null);
                upsert.Sources.Add(target);
                upsert.Sources.Add(PseudoRow("excluded", target));
                BindAssignments(ins.ConflictUpdates, target, upsert, env);
                _clause = SqlClause.OnConflict;
                if (ins.ConflictUpdateWhere != null) Walk(ins.ConflictUpdateWhere, upsert, env);
            }
            if (ins.DuplicateKeyUpdates.Count > 0)
            {
                var dup = new Scope(null);
                dup.Sources.Add(target);
                if (ins.RowAlias != null) dup.Sources.Add(PseudoRow(Eff(ins.RowAlias), target));
                if (ins.Source != null && !(ins.Source is ValuesQuery))
                {
                    // INSERT … SELECT … ON DUPLICATE KEY UPDATE may use the SELECT's columns: not judged.
                    dup.Sources.Add(new Source { Opaque = true });
                    dup.QualifiersJudged = false;
                }
                BindAssignments(ins.DuplicateKeyUpdates, target, dup, env);
            }
            _clause = SqlClause.Returning;
            var returning = BindReturning(ins.Returning, scope, env);
            RestoreContext(saved);
            return returning;
        }

        private static Source PseudoRow(string name, Source target) => new Source
        {
            Exposed = name,
            HasAlias = true,
            Table = target.Table,
            Columns = target.Columns,
            Opaque = target.Opaque,
        };

        private List<string?>? BindReturning(List<SelectItem> returning, Scope scope, CteEnv? env)
        {
            if (returning.Count == 0) return null;
            var saved = SaveContext();
            _clause = SqlClause.Returning;
            var cols = new List<string?>();
            for (var i = 0; i < returning.Count; i++)
            {
                var item = returning[i];
                SetRemovable(item.Expr, returning.Count, i, returning[Math.Max(0, i - 1)], item, returning[Math.Min(returning.Count - 1, i + 1)]);
                Walk(item.Expr, scope, env);
                ClearRemovable();
                AddOutputColumns(item, scope, cols);
            }
            RestoreContext(saved);
            return cols;
        }

        /// <summary>SET targets and values (UPDATE, INSERT … SET, ON CONFLICT / ON DUPLICATE KEY UPDATE).</summary>
        private void BindAssignments(List<Assignment> assignments, Source target, Scope scope, CteEnv? env, bool targetIsSingleTable = true)
        {
            for (var i = 0; i < assignments.Count; i++)
            {
                var a = assignments[i];
                foreach (var t in a.Targets)
                {
                    var before = _result.Findings.Count;
                    if (t.Count == 1 && targetIsSingleTable) CheckTargetColumn(t[0], target, SqlClause.SetTarget);
                    else
                    {
                        _clause = SqlClause.SetTarget;
                        CheckColumnParts(t, scope, t[t.Count - 1]);
                    }
                    if (_result.Findings.Count > before && a.Targets.Count == 1 && assignments.Count > 1)
                    {
                        var (rs, re) = ListRemoval(assignments.Count, i, k => assignments[k].Start, k => assignments[k].End);
                        _result.Findings[_result.Findings.Count - 1].SetRemoval(rs, re);
                    }
                }
                _clause = SqlClause.SetValue;
                Walk(a.Value, scope, env);
                if (a.Targets.Count == 1) CheckEnumAssignment(a.Targets[0], a.Value, targetIsSingleTable ? target : null, scope);
            }
        }

        private List<string?>? BindUpdate(UpdateStatement up, CteEnv? env)
        {
            env = BindWith(up.With, null, env);
            var scope = new Scope(null);
            AddFromItem(up.Target, scope, null, env);
            var target = scope.Sources.Count > 0 ? scope.Sources[0] : new Source { Opaque = true };
            foreach (var f in up.From) AddFromItem(f, scope, null, env);
            var saved = SaveContext();
            BindAssignments(up.Assignments, target, scope, env, up.Target is TableSource);
            _clause = SqlClause.Where;
            if (up.Where != null) Walk(up.Where, scope, env);
            _clause = SqlClause.OrderBy;
            foreach (var o in up.OrderBy) Walk(o.Expr, scope, env);
            var returning = BindReturning(up.Returning, scope, env);
            RestoreContext(saved);
            return returning;
        }

        private List<string?>? BindDelete(DeleteStatement del, CteEnv? env)
        {
            env = BindWith(del.With, null, env);
            var scope = new Scope(null);
            AddFromItem(del.Target, scope, null, env);
            foreach (var f in del.Using) AddFromItem(f, scope, null, env);
            var saved = SaveContext();
            _clause = SqlClause.Where;
            if (del.Where != null) Walk(del.Where, scope, env);
            _clause = SqlClause.OrderBy;
            foreach (var o in del.OrderBy) Walk(o.Expr, scope, env);
            var returning = BindReturning(del.Returning, scope, env);
            RestoreContext(saved);
            return returning;
        }

        private void CheckTargetColumn(SqlIdentifier column, Source target, SqlClause clause)
        {
            if (SourceHasColumn(target, column)) return;
            var saved = SaveContext();
            _clause = clause;
            ReportColumn(column, new List<Source> { target }, null);
            RestoreContext(saved);
        }

        /// <summary>PostgreSQL sees output aliases in ORDER BY and GROUP BY only as a bare name, never inside an expression.</summary>
        private void WalkOrderOrGroupItem(SqlExpr e, Scope scope, CteEnv? env)
        {
            if (_d != SqlDialect.PostgreSql || !scope.AliasesVisible || (e is ColumnRefExpr c && c.Parts.Count == 1))
            {
                Walk(e, scope, env);
                return;
            }
            scope.AliasesVisible = false;
            Walk(e, scope, env);
            scope.AliasesVisible = true;
        }

        // ------------------------------------------------------------ clause context

        private ClauseContext SaveContext() => new ClauseContext(_clause, _removableExpr, _removeStart, _removeEnd);

        private void RestoreContext(ClauseContext saved)
        {
            _clause = saved.Clause;
            _removableExpr = saved.Expr;
            _removeStart = saved.Start;
            _removeEnd = saved.End;
        }

        /// <summary>
        /// The clause being walked and what a fix may remove from it. A struct of our own, not a
        /// tuple: a tuple with value-type members is code the runtime JIT-compiles in every build,
        /// outside the precompiled analyzers.
        /// </summary>
        private readonly struct ClauseContext
        {
            public ClauseContext(SqlClause clause, SqlExpr? expr, int start, int end)
            {
                Clause = clause;
                Expr = expr;
                Start = start;
                End = end;
            }

            public SqlClause Clause { get; }
            public SqlExpr? Expr { get; }
            public int Start { get; }
            public int End { get; }
        }

        private void SetRemovable(SqlExpr expr, int count, int index, SqlNode previous, SqlNode item, SqlNode next)
        {
            _removableExpr = expr;
            if (count < 2)
            {
                _removeStart = -1;
                return;
            }
            if (index < count - 1)
            {
                _removeStart = item.Start;
                _removeEnd = next.Start;
            }
            else
            {
                _removeStart = previous.End;
                _removeEnd = item.End;
            }
        }

        private void ClearRemovable()
        {
            _removableExpr = null;
            _removeStart = -1;
        }

        /// <summary>The span that removes item <paramref name="index"/> of a comma-separated list with one adjacent comma.</summary>
        private static (int Start, int End) ListRemoval(int count, int index, Func<int, int> start, Func<int, int> end) =>
            index < count - 1 ? (start(index), start(index + 1)) : (end(index - 1), end(index));

        // ------------------------------------------------------------ routines (DBDRIFT701)

        private void CheckRoutine(FunctionCallExpr f, string kind)
        {
            if (f.IsSyntax || _ix.Snapshot.PartialVisibility) return;
            var name = f.Name;
            if (name.Parts.Count >= 3) return;
            if (_d == SqlDialect.Sqlite && name.Parts.Count > 1) return;
            var eff = Eff(name.Name);
            // Built-in names are never reported, qualified or not (extensions often live in public).
            if (BuiltinFunctions.IsBuiltin(eff, _d)) return;
            if (name.Schema != null)
            {
                if (!_ix.KnowsSchema(name.Schema)) return; // another database or an extension schema: not introspected
                if (_ix.FindRoutines(name).Count > 0) return;
            }
            else
            {
                if (_ix.HasRoutineNamed(name.Name)) return; // in some schema: search_path may reach it
                if (_ix.HasTypeNamed(name.Name)) return;    // PostgreSQL function-style cast to a user type
            }
            var finding = NameFinding(SqlFindingKind.UnknownRoutine, name, _clause);
            finding.Detail = kind;
            finding.Candidates.AddRange(NameSimilarity.Candidates(eff, _ix.RoutineNameKeys));
            if (finding.Candidates.Count == 0)
            {
                finding.Candidates.AddRange(NameSimilarity.Candidates(eff.ToLowerInvariant(), BuiltinFunctions.Names(_d)));
            }
            _result.Findings.Add(finding);
        }

        // ------------------------------------------------------------ enum labels (DBDRIFT801)

        private static bool IsEqualityOperator(string op) =>
            op == "=" || op == "==" || op == "<>" || op == "!=" || op == "<=>" || op == "IS" || op == "IS NOT";

        /// <summary>The table column a reference resolves to, when it resolves to exactly one real table column.</summary>
        private (TableInfo Table, ColumnInfo Column)? ResolveColumn(List<SqlIdentifier> parts, Scope scope)
        {
            var column = parts[parts.Count - 1];
            if (parts.Count == 1)
            {
                for (var s = scope; s != null; s = s.Parent)
                {
                    var having = s.Sources.Where(src => SourceHasColumn(src, column)).ToList();
                    if (having.Count == 0)
                    {
                        if (s.AliasesVisible && HasOutputAlias(s, column)) return null;
                        continue;
                    }
                    if (having.Count != 1 || having[0].Table == null) return null;
                    var c = _ix.FindColumn(ColumnsOf(having[0], having[0].Table!), column);
                    return c == null ? ((TableInfo, ColumnInfo)?)null : (having[0].Table!, c);
                }
                return null;
            }
            if (parts.Count > 3) return null;
            var source = FindQualified(parts, parts.Count - 1, scope);
            if (source?.Table == null) return null;
            var col = _ix.FindColumn(ColumnsOf(source, source.Table), column);
            return col == null ? ((TableInfo, ColumnInfo)?)null : (source.Table, col);
        }

        private void CheckEnumLiteral(ColumnRefExpr column, SqlExpr value, Scope scope)
        {
            if (!(value is LiteralExpr lit) || lit.Kind != LiteralKind.String || lit.Typed) return;
            var resolved = ResolveColumn(column.Parts, scope);
            if (resolved == null) return;
            CheckEnumValue(resolved.Value.Table, resolved.Value.Column, lit);
        }

        private void CheckEnumAssignment(List<SqlIdentifier> target, SqlExpr value, Source? targetSource, Scope scope)
        {
            if (!(value is LiteralExpr lit) || lit.Kind != LiteralKind.String || lit.Typed) return;
            if (target.Count == 1 && targetSource?.Table != null)
            {
                var c = _ix.FindColumn(targetSource.Table, target[0]);
                if (c != null) CheckEnumValue(targetSource.Table, c, lit);
                return;
            }
            var resolved = ResolveColumn(target, scope);
            if (resolved != null) CheckEnumValue(resolved.Value.Table, resolved.Value.Column, lit);
        }

        private void CheckInsertEnumValues(InsertStatement ins, Source target)
        {
            if (target.Table == null || !(ins.Source is ValuesQuery values)) return;
            List<ColumnInfo?> columns;
            if (ins.Columns != null)
            {
                columns = ins.Columns.Select(c => _ix.FindColumn(target.Table, c)).ToList();
            }
            else
            {
                columns = target.Table.Columns.OrderBy(c => c.Ordinal).Select(c => (ColumnInfo?)c).ToList();
            }
            foreach (var row in values.Rows)
            {
                if (row.Count > columns.Count) continue;
                for (var i = 0; i < row.Count; i++)
                {
                    if (columns[i] != null && row[i] is LiteralExpr lit && lit.Kind == LiteralKind.String && !lit.Typed)
                    {
                        CheckEnumValue(target.Table, columns[i]!, lit);
                    }
                }
            }
        }

        private void CheckEnumValue(TableInfo table, ColumnInfo column, LiteralExpr literal)
        {
            var labels = _ix.EnumLabels(column);
            if (labels == null || labels.Count == 0) return;
            var value = literal.Value;
            if (_d == SqlDialect.PostgreSql)
            {
                if (labels.Contains(value)) return;
            }
            else if (_d == SqlDialect.MySql)
            {
                // MySQL compares ENUM values by the column's collation (case-insensitive as a rule) and ignores
                // trailing spaces; '' is the error value and a numeric string may be an index: not judged.
                var trimmed = value.TrimEnd(' ');
                if (trimmed.Length == 0 || trimmed.All(char.IsDigit)) return;
                if (labels.Any(l => string.Equals(l.TrimEnd(' '), trimmed, StringComparison.OrdinalIgnoreCase))) return;
            }
            else
            {
                return; // SQLite has no enum types
            }
            var finding = new SqlFinding
            {
                Kind = SqlFindingKind.InvalidEnumValue,
                Start = literal.Start,
                Length = literal.End - literal.Start,
                Name = value,
                Table = table.Name,
                Column = column.Name,
                Detail = column.EnumType ?? "enum",
                Clause = _clause,
            };
            finding.Allowed.AddRange(labels);
            finding.Candidates.AddRange(NameSimilarity.Candidates(value, labels));
            _result.Findings.Add(finding);
        }

        // ------------------------------------------------------------ expressions

        /// <summary>
        /// Left-deep operator chains (a OR b OR c …) are as deep as they are long; walking one of
        /// thousands of terms must cost the statement, never the compiler's stack.
        /// </summary>
        private const int MaxWalkDepth = 400;

        private int _walkDepth;

        private void Walk(SqlExpr? e, Scope scope, CteEnv? env)
        {
            if (++_walkDepth > MaxWalkDepth)
            {
                _walkDepth = 0;
                throw new InvalidOperationException("expression too deep to check");
            }
            try
            {
                WalkCore(e, scope, env);
            }
            finally
            {
                if (_walkDepth > 0) _walkDepth--;
            }
        }

        private void WalkCore(SqlExpr? e, Scope scope, CteEnv? env)
        {
            switch (e)
            {
                case null:
                    return;
                case ColumnRefExpr c:
                    CheckColumnParts(c.Parts, scope, c.Column);
                    return;
                case FunctionCallExpr f:
                    CheckRoutine(f, "function");
                    foreach (var a in f.Arguments) Walk(a, scope, env);
                    foreach (var x in f.Extras) Walk(x, scope, env);
                    return;
                case SubqueryExpr s:
                    BindQuery(s.Query, scope, env);
                    return;
                case InExpr i:
                    Walk(i.Value, scope, env);
                    foreach (var item in i.Items) Walk(item, scope, env);
                    if (i.Query != null) BindQuery(i.Query, scope, env);
                    if (i.Value is ColumnRefExpr inColumn)
                    {
                        foreach (var item in i.Items) CheckEnumLiteral(inColumn, item, scope);
                    }
                    return;
                case BinaryExpr b:
                    Walk(b.Left, scope, env);
                    Walk(b.Right, scope, env);
                    if (IsEqualityOperator(b.Operator))
                    {
                        if (b.Left is ColumnRefExpr lc) CheckEnumLiteral(lc, b.Right, scope);
                        else if (b.Right is ColumnRefExpr rc) CheckEnumLiteral(rc, b.Left, scope);
                    }
                    return;
                case UnaryExpr u:
                    Walk(u.Operand, scope, env);
                    return;
                case CastExpr cast:
                    Walk(cast.Value, scope, env);
                    return;
                case CompositeExpr comp:
                    foreach (var child in comp.Children) Walk(child, scope, env);
                    return;
            }
        }

        /// <summary>The FROM item named by the first <paramref name="count"/> parts (one: alias or table; two: schema.table).</summary>
        private Source? FindQualified(List<SqlIdentifier> parts, int count, Scope scope)
        {
            if (count != 1 && count != 2) return null;
            var exposed = Eff(parts[count - 1]);
            for (var s = scope; s != null; s = s.Parent)
            {
                foreach (var src in s.Sources)
                {
                    if (count == 1)
                    {
                        if (src.Exposed.Length > 0 && Same(src.Exposed, exposed)) return src;
                    }
                    else if (!src.HasAlias && src.Table != null)
                    {
                        if (Same(src.Exposed, exposed) && NameRules.Matches(parts[0], src.Table.Schema, _d)) return src;
                    }
                }
            }
            return null;
        }

        private void CheckColumnParts(List<SqlIdentifier> parts, Scope scope, SqlIdentifier column)
        {
            if (parts.Count == 1)
            {
                for (var s = scope; s != null; s = s.Parent)
                {
                    // MySQL lets a subquery see the enclosing query's select-list aliases.
                    var aliasesVisible = s.AliasesVisible || (s != scope && _d == SqlDialect.MySql);
                    if (aliasesVisible && HasOutputAlias(s, column)) return;
                    foreach (var src in s.Sources)
                    {
                        if (SourceHasColumn(src, column)) return;
                    }
                    // PostgreSQL: an alias used as a value is a whole-row reference.
                    if (_d == SqlDialect.PostgreSql && ExposesName(s, column)) return;
                }
                if (_d == SqlDialect.Sqlite && column.Quoted && column.Start < _sql.Length && _sql[column.Start] == '"')
                {
                    // SQLite reads an unresolvable "name" as the string 'name'.
                    return;
                }
                if (!column.Quoted && SqlKeywords.IsReserved(column.Value, _d)) return;
                ReportColumn(column, scope.Sources, scope);
                return;
            }
            if (parts.Count > 3) return;
            var source = FindQualified(parts, parts.Count - 1, scope);
            if (source == null)
            {
                if (parts.Count == 2 && QualifierJudged(scope, parts[0])) ReportQualifier(parts[0], column);
                return;
            }
            if (SourceHasColumn(source, column)) return;
            ReportColumn(column, new List<Source> { source }, null);
        }

        /// <summary>
        /// A one-part qualifier that names no FROM item in any enclosing scope: every engine rejects
        /// it (PostgreSQL: missing FROM-clause entry; MySQL: unknown column 'x.c'; SQLite: no such column).
        /// </summary>
        private bool QualifierJudged(Scope scope, SqlIdentifier qualifier)
        {
            for (var s = scope; s != null; s = s.Parent)
            {
                if (!s.QualifiersJudged) return false;
            }
            var name = Eff(qualifier).ToLowerInvariant();
            // PostgreSQL 18 RETURNING old.* / new.*; trigger-style names are never judged.
            return name != "old" && name != "new" && name != "excluded";
        }

        private void ReportQualifier(SqlIdentifier qualifier, SqlIdentifier column)
        {
            var finding = new SqlFinding
            {
                Kind = SqlFindingKind.UnknownColumn,
                Start = qualifier.Start,
                Length = column.Start + column.Length - qualifier.Start,
                Name = qualifier.Value + "." + column.Value,
                Detail = "qualifier",
                Clause = _clause,
            };
            _result.Findings.Add(finding);
        }

        private void ReportColumn(SqlIdentifier column, List<Source> sources, Scope? scope)
        {
            var finding = new SqlFinding
            {
                Kind = SqlFindingKind.UnknownColumn,
                Start = column.Start,
                Length = column.Length,
                Name = column.Value,
                Clause = _clause,
            };
            if (_removeStart >= 0 && _removableExpr is ColumnRefExpr removable && removable.Column == column)
            {
                finding.SetRemoval(_removeStart, _removeEnd);
            }
            var tables = sources.Where(s => s.Table != null || s.Columns != null).ToList();
            if (tables.Count == 1) finding.Table = tables[0].Table?.Name ?? tables[0].Exposed;
            var known = new List<string>();
            foreach (var s in sources) known.AddRange(SourceColumnNames(s));
            finding.Candidates.AddRange(NameSimilarity.Candidates(Eff(column), known));
            _result.Findings.Add(finding);
        }
    }
}
