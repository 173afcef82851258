using System;
using System.Collections.Generic;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Core.Sql
{
    /// <summary>The statements of one SQL string.</summary>
    public sealed class SqlBatch
    {
        public SqlBatch(string text, SqlDialect dialect, bool tokenized, List<SqlStatement> statements)
        {
            Text = text;
            Dialect = dialect;
            Tokenized = tokenized;
            Statements = statements;
        }

        public string Text { get; }
        public SqlDialect Dialect { get; }

        /// <summary>False when the text could not even be split into tokens (nothing is analyzed).</summary>
        public bool Tokenized { get; }
        public List<SqlStatement> Statements { get; }
    }

    /// <summary>
    /// A recursive-descent parser for the statements applications send: SELECT (joins,
    /// CTEs, set operations, subqueries, windows), INSERT (upserts, RETURNING), UPDATE,
    /// DELETE and CALL, in the PostgreSQL, MySQL/MariaDB and SQLite dialects. Anything
    /// it does not understand becomes an <see cref="UnsupportedStatement"/>: the
    /// analyzer reports nothing on it rather than guess. Nesting is bounded and the
    /// work is linear in the number of tokens.
    /// </summary>
    public sealed class SqlParser
    {
        private const int MaxDepth = 100;

        // Token arrays of this size or less are kept for the thread's next parse.
        private const int MaxPooledTokens = 4096;

        // The token array of the thread's last parse, reused: every call site of a build is
        // parsed, and a new array per text was a quarter of what parsing allocated. Taken while
        // in use, so a parse that started another on the same thread would get its own.
        [ThreadStatic]
        private static SqlToken[]? t_pooled;

        private readonly SqlToken[] _t;
        private readonly int _count;
        private readonly SqlDialect _d;
        private int _p;
        private int _end;
        private int _depth;

        // What Cur reads past the end of the statement being parsed.
        private SqlToken _endToken;

        private SqlParser(SqlToken[] tokens, int count, SqlDialect dialect)
        {
            _t = tokens;
            _count = count;
            _d = dialect;
        }

        public static SqlBatch Parse(string sql, SqlDialect dialect)
        {
            sql ??= "";
            var pooled = t_pooled;
            t_pooled = null;
            var tokens = new SqlTokenBuffer(pooled ?? new SqlToken[SqlLexer.InitialCapacity(sql)]);
            try
            {
                if (!SqlLexer.Tokenize(sql, dialect, ref tokens))
                {
                    return new SqlBatch(sql, dialect, false, new List<SqlStatement>());
                }
                var parser = new SqlParser(tokens.Items, tokens.Count, dialect);
                return new SqlBatch(sql, dialect, true, parser.ParseAll());
            }
            finally
            {
                // The batch keeps no token; clearing lets this text's strings go with it. A long
                // script's array is dropped, the one it outgrew kept.
                Array.Clear(tokens.Items, 0, tokens.Count);
                if (tokens.Items.Length <= MaxPooledTokens) t_pooled = tokens.Items;
                else if (pooled != null)
                {
                    Array.Clear(pooled, 0, pooled.Length);
                    t_pooled = pooled;
                }
            }
        }

        private List<SqlStatement> ParseAll()
        {
            var result = new List<SqlStatement>(1);
            var start = 0;
            var depth = 0;
            for (var i = 0; i < _count; i++)
            {
                var k = _t[i].Kind;
                if (k == SqlTokenKind.LeftParen) depth++;
                else if (k == SqlTokenKind.RightParen) depth--;
                if ((k == SqlTokenKind.Semicolon && depth <= 0) || k == SqlTokenKind.End)
                {
                    if (i > start) result.Add(ParseOne(start, i));
                    start = i + 1;
                    depth = 0;
                }
            }
            return result;
        }

        private SqlStatement ParseOne(int start, int end)
        {
            _p = start;
            _end = end;
            _depth = 0;
            _endToken = new SqlToken(SqlTokenKind.End, EndOffset, "", "");
            try
            {
                var statement = ParseStatement();
                if (_p != _end) throw Error("unexpected '" + Cur.Text + "'");
                statement.Start = _t[start].Start;
                statement.End = _t[end - 1].End;
                return statement;
            }
            catch (SqlParseException ex)
            {
                return new UnsupportedStatement(ex.Message) { Start = _t[start].Start, End = _t[end - 1].End };
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException || ex is InvalidOperationException || ex is NullReferenceException)
            {
                // A parser bug must cost an analysis, never a compiler crash.
                return new UnsupportedStatement("internal: " + ex.GetType().Name) { Start = _t[start].Start, End = _t[end - 1].End };
            }
        }

        // ------------------------------------------------------------ token helpers

        // By reference: the parser asks the current token several questions per step.
        private ref readonly SqlToken Cur => ref (_p < _end ? ref _t[_p] : ref _endToken);

        private int EndOffset => _end > 0 && _end <= _count ? (_end < _count ? _t[_end].Start : _t[_count - 1].End) : 0;

        private ref readonly SqlToken PeekAt(int offset) => ref (_p + offset < _end ? ref _t[_p + offset] : ref _endToken);

        private bool AtEnd => _p >= _end;

        private SqlToken Next()
        {
            var tok = Cur;
            if (_p < _end) _p++;
            return tok;
        }

        private bool IsWord(string w) => Cur.IsWord(w);

        private bool IsWordAt(int offset, string w) => PeekAt(offset).IsWord(w);

        private bool AcceptWord(string w)
        {
            if (!IsWord(w)) return false;
            _p++;
            return true;
        }

        private void ExpectWord(string w)
        {
            if (!AcceptWord(w)) throw Error("expected " + w);
        }

        private bool Accept(SqlTokenKind kind)
        {
            if (Cur.Kind != kind) return false;
            _p++;
            return true;
        }

        private SqlToken Expect(SqlTokenKind kind)
        {
            if (Cur.Kind != kind) throw Error("expected " + kind);
            return Next();
        }

        private bool AcceptOperator(string op)
        {
            if (!Cur.IsOperator(op)) return false;
            _p++;
            return true;
        }

        private static SqlParseException Error(string message) => new SqlParseException(message);

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Error("nesting too deep");
        }

        private void Leave() => _depth--;

        private int PrevEnd => _p > 0 ? _t[_p - 1].End : 0;

        // ------------------------------------------------------------ statements

        private SqlStatement ParseStatement()
        {
            WithClause? with = null;
            if (IsWord("WITH"))
            {
                with = ParseWith();
            }
            if (IsWord("SELECT") || IsWord("VALUES") || Cur.Kind == SqlTokenKind.LeftParen)
            {
                var q = ParseQueryExpression(with);
                return new SelectStatement(q);
            }
            if (IsWord("INSERT") || (IsWord("REPLACE") && _d != SqlDialect.PostgreSql)) return ParseInsert(with);
            if (IsWord("UPDATE")) return ParseUpdate(with);
            if (IsWord("DELETE")) return ParseDelete(with);
            if (with != null) throw Error("WITH before an unsupported statement");
            if (IsWord("CALL"))
            {
                Next();
                var name = ParseObjectName();
                var call = new FunctionCallExpr(name) { Start = name.Start };
                if (Cur.Kind == SqlTokenKind.LeftParen) ParseCallArguments(call);
                call.End = PrevEnd;
                return new CallStatement(call);
            }
            if (IsWord("CREATE")) return ParseCreate();
            throw Error("statement not analyzed: " + Cur.Text);
        }

        private SqlStatement ParseCreate()
        {
            Next();
            AcceptWord("OR");
            AcceptWord("REPLACE");
            if (AcceptWord("TEMP") || AcceptWord("TEMPORARY") || AcceptWord("UNLOGGED")) { }
            if (!(AcceptWord("TABLE") || AcceptWord("VIEW"))) throw Error("CREATE other than TABLE/VIEW");
            if (AcceptWord("IF"))
            {
                ExpectWord("NOT");
                ExpectWord("EXISTS");
            }
            var name = ParseObjectName();
            // The rest of the DDL is not analyzed, only the name is remembered.
            _p = _end;
            return new CreateStatement(name);
        }

        private WithClause ParseWith()
        {
            ExpectWord("WITH");
            var with = new WithClause { Recursive = AcceptWord("RECURSIVE") };
            do
            {
                var name = ParseIdentifier();
                List<SqlIdentifier>? cols = null;
                if (Cur.Kind == SqlTokenKind.LeftParen) cols = ParseIdentifierList();
                ExpectWord("AS");
                if (AcceptWord("NOT")) ExpectWord("MATERIALIZED");
                else AcceptWord("MATERIALIZED");
                Expect(SqlTokenKind.LeftParen);
                Enter();
                SqlStatement body;
                if (IsWord("INSERT") || IsWord("UPDATE") || IsWord("DELETE"))
                {
                    body = ParseStatement();
                }
                else
                {
                    body = new SelectStatement(ParseQueryExpression(null));
                }
                Leave();
                Expect(SqlTokenKind.RightParen);
                if (IsWord("SEARCH") || IsWord("CYCLE")) throw Error("SEARCH/CYCLE clause");
                with.Tables.Add(new CommonTableExpression(name, body) { Columns = cols });
            }
            while (Accept(SqlTokenKind.Comma));
            return with;
        }

        private InsertStatement ParseInsert(WithClause? with)
        {
            Next(); // INSERT or REPLACE
            if (_d == SqlDialect.Sqlite && AcceptWord("OR"))
            {
                if (!(AcceptWord("REPLACE") || AcceptWord("IGNORE") || AcceptWord("ABORT") || AcceptWord("FAIL") || AcceptWord("ROLLBACK")))
                    throw Error("INSERT OR ?");
            }
            if (_d == SqlDialect.MySql)
            {
                while (AcceptWord("LOW_PRIORITY") || AcceptWord("DELAYED") || AcceptWord("HIGH_PRIORITY") || AcceptWord("IGNORE")) { }
            }
            if (!AcceptWord("INTO") && _d != SqlDialect.MySql) throw Error("expected INTO");
            var name = ParseObjectName();
            var target = new TableSource(name) { Start = name.Start, End = name.End };
            if (_d != SqlDialect.MySql && AcceptWord("AS")) target.Alias = ParseIdentifier();
            var insert = new InsertStatement(target) { With = with };
            if (Cur.Kind == SqlTokenKind.LeftParen && !IsQueryStart(1))
            {
                insert.Columns = ParseIdentifierList();
            }
            if (AcceptWord("DEFAULT"))
            {
                ExpectWord("VALUES");
            }
            else if (_d == SqlDialect.MySql && IsWord("SET"))
            {
                Next();
                ParseAssignments(insert.SetAssignments);
            }
            else if (IsWord("VALUES") || IsWord("VALUE"))
            {
                insert.Source = ParseValues();
                if (_d == SqlDialect.MySql && AcceptWord("AS"))
                {
                    insert.RowAlias = ParseIdentifier();
                    if (Cur.Kind == SqlTokenKind.LeftParen) throw Error("row alias column list");
                }
            }
            else if (IsWord("SELECT") || IsWord("WITH") || Cur.Kind == SqlTokenKind.LeftParen)
            {
                insert.Source = ParseQueryExpression(null);
            }
            else
            {
                throw Error("INSERT source");
            }

            while (IsWord("ON"))
            {
                if (IsWordAt(1, "CONFLICT"))
                {
                    _p += 2;
                    if (Cur.Kind == SqlTokenKind.LeftParen)
                    {
                        Next();
                        insert.ConflictColumns = new List<SqlIdentifier>();
                        do
                        {
                            var e = ParseExpr();
                            if (e is ColumnRefExpr c && c.Parts.Count == 1) insert.ConflictColumns.Add(c.Column);
                            else throw Error("ON CONFLICT expression target");
                            if (AcceptWord("COLLATE")) ParseObjectName();
                            AcceptWord("ASC");
                            AcceptWord("DESC");
                        }
                        while (Accept(SqlTokenKind.Comma));
                        Expect(SqlTokenKind.RightParen);
                        if (AcceptWord("WHERE")) insert.ConflictWhere = ParseExpr();
                    }
                    else if (AcceptWord("ON"))
                    {
                        ExpectWord("CONSTRAINT");
                        ParseIdentifier();
                    }
                    ExpectWord("DO");
                    if (AcceptWord("NOTHING")) continue;
                    ExpectWord("UPDATE");
                    ExpectWord("SET");
                    ParseAssignments(insert.ConflictUpdates);
                    if (AcceptWord("WHERE")) insert.ConflictUpdateWhere = ParseExpr();
                }
                else if (IsWordAt(1, "DUPLICATE"))
                {
                    _p += 2;
                    ExpectWord("KEY");
                    ExpectWord("UPDATE");
                    ParseAssignments(insert.DuplicateKeyUpdates);
                }
                else
                {
                    throw Error("ON ?");
                }
            }
            if (AcceptWord("RETURNING")) ParseSelectItems(insert.Returning);
            return insert;
        }

        private UpdateStatement ParseUpdate(WithClause? with)
        {
            Next();
            if (_d == SqlDialect.MySql)
            {
                while (AcceptWord("LOW_PRIORITY") || AcceptWord("IGNORE")) { }
            }
            if (_d == SqlDialect.Sqlite && AcceptWord("OR"))
            {
                Next();
            }
            AcceptWord("ONLY");
            FromItem target;
            if (_d == SqlDialect.MySql)
            {
                var items = new List<FromItem>();
                ParseFromList(items);
                if (items.Count != 1) throw Error("multi-table UPDATE with commas");
                target = items[0];
            }
            else
            {
                target = ParseTablePrimary();
            }
            var update = new UpdateStatement(target) { With = with };
            ExpectWord("SET");
            ParseAssignments(update.Assignments);
            if (AcceptWord("FROM")) ParseFromList(update.From);
            if (AcceptWord("WHERE"))
            {
                if (IsWord("CURRENT") && IsWordAt(1, "OF")) throw Error("WHERE CURRENT OF");
                update.Where = ParseExpr();
            }
            if (IsWord("ORDER"))
            {
                Next();
                ExpectWord("BY");
                ParseOrderItems(update.OrderBy);
            }
            if (AcceptWord("LIMIT")) update.Limit.Add(ParseExpr());
            if (AcceptWord("RETURNING")) ParseSelectItems(update.Returning);
            return update;
        }

        private DeleteStatement ParseDelete(WithClause? with)
        {
            Next();
            if (_d == SqlDialect.MySql)
            {
                while (AcceptWord("LOW_PRIORITY") || AcceptWord("QUICK") || AcceptWord("IGNORE")) { }
            }
            if (!AcceptWord("FROM")) throw Error("multi-table DELETE");
            AcceptWord("ONLY");
            var target = ParseTablePrimary();
            if (target is not TableSource) throw Error("DELETE target");
            if (Cur.Kind == SqlTokenKind.Comma || IsWord("JOIN")) throw Error("multi-table DELETE");
            var delete = new DeleteStatement(target) { With = with };
            if (AcceptWord("USING")) ParseFromList(delete.Using);
            if (AcceptWord("WHERE"))
            {
                if (IsWord("CURRENT") && IsWordAt(1, "OF")) throw Error("WHERE CURRENT OF");
                delete.Where = ParseExpr();
            }
            if (IsWord("ORDER"))
            {
                Next();
                ExpectWord("BY");
                ParseOrderItems(delete.OrderBy);
            }
            if (AcceptWord("LIMIT")) delete.Limit.Add(ParseExpr());
            if (AcceptWord("RETURNING")) ParseSelectItems(delete.Returning);
            return delete;
        }

        private void ParseAssignments(List<Assignment> into)
        {
            do
            {
                var start = Cur.Start;
                var targets = new List<List<SqlIdentifier>>();
                if (Cur.Kind == SqlTokenKind.LeftParen)
                {
                    Next();
                    do
                    {
                        targets.Add(ParseIdentifierChain());
                    }
                    while (Accept(SqlTokenKind.Comma));
                    Expect(SqlTokenKind.RightParen);
                }
                else
                {
                    targets.Add(ParseIdentifierChain());
                }
                if (Cur.Kind == SqlTokenKind.LeftBracket) throw Error("array element assignment");
                if (!AcceptOperator("=")) throw Error("expected =");
                var value = ParseExpr();
                into.Add(new Assignment(targets, value) { Start = start, End = PrevEnd });
            }
            while (Accept(SqlTokenKind.Comma));
        }

        // ------------------------------------------------------------ queries

        private bool IsQueryStart(int offset)
        {
            var tok = PeekAt(offset);
            if (tok.IsWord("SELECT") || tok.IsWord("WITH") || tok.IsWord("VALUES")) return true;
            if (tok.Kind == SqlTokenKind.LeftParen) return IsQueryStart(offset + 1);
            return false;
        }

        private QueryExpression ParseQueryExpression(WithClause? with)
        {
            Enter();
            var start = Cur.Start;
            if (with == null && IsWord("WITH")) with = ParseWith();
            var body = ParseSetOperations();
            var q = new QueryExpression(body) { With = with, Start = start };
            ParseQueryTail(q);
            q.End = PrevEnd;
            Leave();
            return q;
        }

        private void ParseQueryTail(QueryExpression q)
        {
            if (IsWord("ORDER") && IsWordAt(1, "BY"))
            {
                _p += 2;
                ParseOrderItems(q.OrderBy);
            }
            for (var guard = 0; guard < 4; guard++)
            {
                if (AcceptWord("LIMIT"))
                {
                    if (AcceptWord("ALL")) continue;
                    q.LimitOffset.Add(ParseExpr());
                    if (Accept(SqlTokenKind.Comma)) q.LimitOffset.Add(ParseExpr());
                }
                else if (AcceptWord("OFFSET"))
                {
                    q.LimitOffset.Add(ParseExpr());
                    if (!AcceptWord("ROWS")) AcceptWord("ROW");
                }
                else if (AcceptWord("FETCH"))
                {
                    if (!AcceptWord("FIRST")) ExpectWord("NEXT");
                    if (!IsWord("ROW") && !IsWord("ROWS")) q.LimitOffset.Add(ParseExpr());
                    if (!AcceptWord("ROWS")) ExpectWord("ROW");
                    if (!AcceptWord("ONLY"))
                    {
                        ExpectWord("WITH");
                        ExpectWord("TIES");
                    }
                }
                else if (IsWord("FOR") && (IsWordAt(1, "UPDATE") || IsWordAt(1, "SHARE") || IsWordAt(1, "NO") || IsWordAt(1, "KEY")))
                {
                    Next();
                    while (AcceptWord("UPDATE") || AcceptWord("SHARE") || AcceptWord("NO") || AcceptWord("KEY")) { }
                    if (AcceptWord("OF"))
                    {
                        do
                        {
                            ParseObjectName();
                        }
                        while (Accept(SqlTokenKind.Comma));
                    }
                    if (AcceptWord("NOWAIT")) { }
                    else if (AcceptWord("SKIP")) ExpectWord("LOCKED");
                }
                else if (_d == SqlDialect.MySql && IsWord("LOCK") && IsWordAt(1, "IN"))
                {
                    _p += 2;
                    ExpectWord("SHARE");
                    ExpectWord("MODE");
                }
                else
                {
                    break;
                }
            }
        }

        private SqlQuery ParseSetOperations()
        {
            var left = ParseQueryPrimary();
            while (IsWord("UNION") || IsWord("INTERSECT") || IsWord("EXCEPT") || (IsWord("MINUS") && _d == SqlDialect.MySql))
            {
                var op = Next().Text.ToUpperInvariant();
                if (!AcceptWord("ALL")) AcceptWord("DISTINCT");
                var right = ParseQueryPrimary();
                left = new SetOperation(op, left, right) { Start = left.Start, End = right.End };
            }
            return left;
        }

        private SqlQuery ParseQueryPrimary()
        {
            if (IsWord("SELECT")) return ParseSelectCore();
            if (IsWord("VALUES")) return ParseValues();
            if (Cur.Kind == SqlTokenKind.LeftParen)
            {
                Next();
                var inner = ParseQueryExpression(null);
                Expect(SqlTokenKind.RightParen);
                return inner;
            }
            throw Error("expected a query");
        }

        private ValuesQuery ParseValues()
        {
            var start = Cur.Start;
            Next(); // VALUES / VALUE
            var v = new ValuesQuery { Start = start };
            do
            {
                if (_d == SqlDialect.MySql) AcceptWord("ROW");
                Expect(SqlTokenKind.LeftParen);
                var row = new List<SqlExpr>();
                if (Cur.Kind != SqlTokenKind.RightParen)
                {
                    do
                    {
                        row.Add(ParseExpr());
                    }
                    while (Accept(SqlTokenKind.Comma));
                }
                Expect(SqlTokenKind.RightParen);
                v.Rows.Add(row);
            }
            while (Accept(SqlTokenKind.Comma));
            v.End = PrevEnd;
            return v;
        }

        private static readonly string[] MySqlSelectModifiers =
        {
            "DISTINCTROW", "HIGH_PRIORITY", "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT",
            "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS",
        };

        private SelectCore ParseSelectCore()
        {
            Enter();
            var core = new SelectCore { Start = Cur.Start };
            ExpectWord("SELECT");
            while (true)
            {
                if (AcceptWord("ALL")) continue;
                if (AcceptWord("DISTINCT"))
                {
                    core.Distinct = true;
                    if (_d == SqlDialect.PostgreSql && AcceptWord("ON"))
                    {
                        Expect(SqlTokenKind.LeftParen);
                        do
                        {
                            core.DistinctOn.Add(ParseExpr());
                        }
                        while (Accept(SqlTokenKind.Comma));
                        Expect(SqlTokenKind.RightParen);
                    }
                    continue;
                }
                if (_d == SqlDialect.MySql && Array.Exists(MySqlSelectModifiers, m => IsWord(m)))
                {
                    Next();
                    continue;
                }
                break;
            }

            var emptyList = _d == SqlDialect.PostgreSql && (IsWord("FROM") || AtEnd);
            if (!emptyList) ParseSelectItems(core.Items);

            if (IsWord("INTO")) throw Error("SELECT INTO");
            if (AcceptWord("FROM")) ParseFromList(core.From);
            if (AcceptWord("WHERE")) core.Where = ParseExpr();
            if (IsWord("GROUP") && IsWordAt(1, "BY"))
            {
                _p += 2;
                if (!AcceptWord("ALL")) AcceptWord("DISTINCT");
                do
                {
                    core.GroupBy.Add(ParseGroupingElement());
                }
                while (Accept(SqlTokenKind.Comma));
                if (_d == SqlDialect.MySql && IsWord("WITH") && IsWordAt(1, "ROLLUP")) _p += 2;
            }
            if (AcceptWord("HAVING")) core.Having = ParseExpr();
            if (IsWord("WINDOW") && PeekAt(2).IsWord("AS"))
            {
                Next();
                do
                {
                    var name = ParseIdentifier();
                    ExpectWord("AS");
                    core.Windows.Add(new WindowDefinition(name, ParseWindowSpec()));
                }
                while (Accept(SqlTokenKind.Comma));
            }
            core.End = PrevEnd;
            Leave();
            return core;
        }

        private SqlExpr ParseGroupingElement()
        {
            if ((IsWord("ROLLUP") || IsWord("CUBE")) && PeekAt(1).Kind == SqlTokenKind.LeftParen)
            {
                var c = new CompositeExpr(Next().Text.ToUpperInvariant()) { Start = Cur.Start };
                Next();
                do
                {
                    c.Children.Add(ParseExpr());
                }
                while (Accept(SqlTokenKind.Comma));
                Expect(SqlTokenKind.RightParen);
                c.End = PrevEnd;
                return c;
            }
            if (IsWord("GROUPING") && IsWordAt(1, "SETS"))
            {
                var c = new CompositeExpr("GROUPING SETS") { Start = Cur.Start };
                _p += 2;
                Expect(SqlTokenKind.LeftParen);
                do
                {
                    c.Children.Add(ParseGroupingElement());
                }
                while (Accept(SqlTokenKind.Comma));
                Expect(SqlTokenKind.RightParen);
                c.End = PrevEnd;
                return c;
            }
            if (Cur.Kind == SqlTokenKind.LeftParen && PeekAt(1).Kind == SqlTokenKind.RightParen)
            {
                var start = Cur.Start;
                _p += 2;
                return new CompositeExpr("()") { Start = start, End = PrevEnd };
            }
            return ParseExpr();
        }

        private void ParseSelectItems(List<SelectItem> items)
        {
            do
            {
                var start = Cur.Start;
                SqlExpr expr;
                if (Cur.IsOperator("*"))
                {
                    Next();
                    expr = new StarExpr { Start = start, End = PrevEnd };
                }
                else
                {
                    expr = ParseExpr();
                }
                var alias = ParseOptionalAlias(allowString: _d != SqlDialect.PostgreSql);
                items.Add(new SelectItem(expr, alias) { Start = start, End = PrevEnd });
            }
            while (Accept(SqlTokenKind.Comma));
        }

        private SqlIdentifier? ParseOptionalAlias(bool allowString)
        {
            if (AcceptWord("AS"))
            {
                if (allowString && Cur.Kind == SqlTokenKind.String)
                {
                    var s = Next();
                    return new SqlIdentifier(s.Value, true, s.Start, s.Length);
                }
                return ParseIdentifier(allowReserved: _d == SqlDialect.PostgreSql);
            }
            var tok = Cur;
            if (tok.Kind == SqlTokenKind.QuotedIdentifier)
            {
                Next();
                return new SqlIdentifier(tok.Value, true, tok.Start, tok.Length);
            }
            if (tok.Kind == SqlTokenKind.String && allowString)
            {
                Next();
                return new SqlIdentifier(tok.Value, true, tok.Start, tok.Length);
            }
            if (tok.Kind == SqlTokenKind.Word && !SqlKeywords.IsClauseWord(tok.Text) && !SqlKeywords.IsReserved(tok.Text, _d))
            {
                Next();
                return new SqlIdentifier(tok.Value, false, tok.Start, tok.Length);
            }
            return null;
        }

        private void ParseOrderItems(List<OrderItem> items)
        {
            do
            {
                var e = ParseExpr();
                var desc = false;
                if (AcceptWord("DESC")) desc = true;
                else if (!AcceptWord("ASC") && _d == SqlDialect.PostgreSql && AcceptWord("USING")) Next();
                if (AcceptWord("NULLS"))
                {
                    if (!AcceptWord("FIRST")) ExpectWord("LAST");
                }
                items.Add(new OrderItem(e, desc));
            }
            while (Accept(SqlTokenKind.Comma));
        }

        // ------------------------------------------------------------ FROM

        private void ParseFromList(List<FromItem> items)
        {
            do
            {
                items.Add(ParseJoinedTable());
            }
            while (Accept(SqlTokenKind.Comma));
        }

        private FromItem ParseJoinedTable()
        {
            var left = ParseTablePrimary();
            while (true)
            {
                var natural = false;
                string kind;
                var save = _p;
                if (AcceptWord("NATURAL")) natural = true;
                if (AcceptWord("JOIN")) kind = "INNER";
                else if (AcceptWord("INNER")) { ExpectWord("JOIN"); kind = "INNER"; }
                else if (AcceptWord("LEFT")) { AcceptWord("OUTER"); ExpectWord("JOIN"); kind = "LEFT"; }
                else if (AcceptWord("RIGHT")) { AcceptWord("OUTER"); ExpectWord("JOIN"); kind = "RIGHT"; }
                else if (AcceptWord("FULL")) { AcceptWord("OUTER"); ExpectWord("JOIN"); kind = "FULL"; }
                else if (AcceptWord("CROSS"))
                {
                    if (_d != SqlDialect.Sqlite && IsWord("APPLY")) throw Error("APPLY");
                    ExpectWord("JOIN");
                    kind = "CROSS";
                }
                else if (_d == SqlDialect.MySql && AcceptWord("STRAIGHT_JOIN")) kind = "INNER";
                else
                {
                    _p = save;
                    if (natural) throw Error("NATURAL without JOIN");
                    return left;
                }
                var right = ParseTablePrimary();
                var join = new JoinSource(left, right, kind) { Natural = natural, Start = left.Start };
                if (!natural && kind != "CROSS")
                {
                    if (AcceptWord("ON")) join.On = ParseExpr();
                    else if (AcceptWord("USING"))
                    {
                        join.Using = ParseIdentifierList();
                        if (_d == SqlDialect.PostgreSql && AcceptWord("AS")) ParseIdentifier();
                    }
                    else if (_d == SqlDialect.PostgreSql || kind != "INNER") throw Error("JOIN without ON");
                }
                join.End = PrevEnd;
                left = join;
            }
        }

        private FromItem ParseTablePrimary()
        {
            Enter();
            var start = Cur.Start;
            FromItem item;
            var lateral = AcceptWord("LATERAL");
            if (Cur.Kind == SqlTokenKind.LeftParen)
            {
                if (IsQueryStart(1))
                {
                    Next();
                    var q = ParseQueryExpression(null);
                    Expect(SqlTokenKind.RightParen);
                    item = new DerivedSource(q) { Lateral = lateral };
                }
                else
                {
                    // A parenthesized join or table: (a JOIN b ON …).
                    if (lateral) throw Error("LATERAL (");
                    Next();
                    var inner = ParseJoinedTable();
                    Expect(SqlTokenKind.RightParen);
                    if (ParseOptionalAlias(allowString: false) != null) throw Error("alias on a parenthesized join");
                    SkipIndexHints();
                    Leave();
                    return inner;
                }
            }
            else if (_d == SqlDialect.MySql && IsWord("DUAL"))
            {
                var dual = Next();
                item = new TableSource(new SqlObjectName(new List<SqlIdentifier> { new SqlIdentifier("dual", false, dual.Start, dual.Length) }));
            }
            else if (_d == SqlDialect.PostgreSql && IsWord("ROWS") && IsWordAt(1, "FROM"))
            {
                throw Error("ROWS FROM");
            }
            else
            {
                AcceptWord("ONLY");
                var name = ParseObjectName();
                if (Cur.Kind == SqlTokenKind.LeftParen)
                {
                    var call = new FunctionCallExpr(name) { Start = name.Start };
                    ParseCallArguments(call);
                    call.End = PrevEnd;
                    item = new FunctionSource(call);
                    if (AcceptWord("WITH")) ExpectWord("ORDINALITY");
                }
                else
                {
                    if (lateral) throw Error("LATERAL table");
                    item = new TableSource(name);
                    if (Cur.IsOperator("*")) Next();
                }
            }
            item.Start = start;
            if (_d == SqlDialect.PostgreSql && IsWord("TABLESAMPLE") && item is TableSource)
            {
                Next();
                ParseIdentifier(allowReserved: true);
                SkipParenthesizedExpressions();
                if (AcceptWord("REPEATABLE")) SkipParenthesizedExpressions();
            }
            if (IsWord("TABLESAMPLE")) throw Error("TABLESAMPLE");
            if (_d == SqlDialect.MySql && IsWord("PARTITION")) throw Error("PARTITION");
            if (!(item is JoinSource))
            {
                item.Alias = ParseOptionalAlias(allowString: false);
                if (item.Alias != null && Cur.Kind == SqlTokenKind.LeftParen && !IsQueryStart(1))
                {
                    item.ColumnAliases = ParseIdentifierList();
                }
            }
            SkipIndexHints();
            item.End = PrevEnd;
            Leave();
            return item;
        }

        /// <summary>( expr, … ) that the checker does not need (TABLESAMPLE arguments: constants in practice).</summary>
        private void SkipParenthesizedExpressions()
        {
            Expect(SqlTokenKind.LeftParen);
            do
            {
                ParseExpr();
            }
            while (Accept(SqlTokenKind.Comma));
            Expect(SqlTokenKind.RightParen);
        }

        private void SkipIndexHints()
        {
            if (_d == SqlDialect.MySql)
            {
                while ((IsWord("USE") || IsWord("FORCE") || IsWord("IGNORE")) && (IsWordAt(1, "INDEX") || IsWordAt(1, "KEY")))
                {
                    _p += 2;
                    if (AcceptWord("FOR"))
                    {
                        if (AcceptWord("JOIN")) { }
                        else if (AcceptWord("ORDER") || AcceptWord("GROUP")) ExpectWord("BY");
                        else throw Error("index hint");
                    }
                    Expect(SqlTokenKind.LeftParen);
                    if (Cur.Kind != SqlTokenKind.RightParen)
                    {
                        do
                        {
                            ParseIdentifier(allowReserved: true);
                        }
                        while (Accept(SqlTokenKind.Comma));
                    }
                    Expect(SqlTokenKind.RightParen);
                }
            }
            else if (_d == SqlDialect.Sqlite)
            {
                if (IsWord("INDEXED") && IsWordAt(1, "BY"))
                {
                    _p += 2;
                    ParseIdentifier();
                }
                else if (IsWord("NOT") && IsWordAt(1, "INDEXED"))
                {
                    _p += 2;
                }
            }
        }

        // ------------------------------------------------------------ names

        private SqlIdentifier ParseIdentifier(bool allowReserved = false)
        {
            var tok = Cur;
            if (tok.Kind == SqlTokenKind.QuotedIdentifier)
            {
                Next();
                return new SqlIdentifier(tok.Value, true, tok.Start, tok.Length);
            }
            if (tok.Kind == SqlTokenKind.Word && (allowReserved || !SqlKeywords.IsReserved(tok.Text, _d)))
            {
                Next();
                return new SqlIdentifier(tok.Value, false, tok.Start, tok.Length);
            }
            throw Error("expected a name, found '" + tok.Text + "'");
        }

        private List<SqlIdentifier> ParseIdentifierChain()
        {
            // Most names have one or two parts: sized for two rather than the default four.
            var parts = new List<SqlIdentifier>(2) { ParseIdentifier() };
            while (Cur.Kind == SqlTokenKind.Dot)
            {
                Next();
                parts.Add(ParseIdentifier(allowReserved: true));
            }
            return parts;
        }

        private SqlObjectName ParseObjectName()
        {
            var parts = ParseIdentifierChain();
            if (parts.Count > 3) throw Error("name with too many parts");
            return new SqlObjectName(parts);
        }

        private List<SqlIdentifier> ParseIdentifierList()
        {
            Expect(SqlTokenKind.LeftParen);
            var list = new List<SqlIdentifier>();
            do
            {
                list.Add(ParseIdentifier(allowReserved: _d == SqlDialect.PostgreSql));
            }
            while (Accept(SqlTokenKind.Comma));
            Expect(SqlTokenKind.RightParen);
            return list;
        }

        // ------------------------------------------------------------ expressions

        public SqlExpr ParseExpr()
        {
            Enter();
            var e = ParseOr();
            if (_d == SqlDialect.MySql && Cur.IsOperator(":="))
            {
                // MySQL assignment to a user variable inside an expression: @n := @n + 1.
                Next();
                var value = ParseExpr();
                e = Binary(":=", e, value);
            }
            Leave();
            return e;
        }

        private SqlExpr ParseOr()
        {
            var left = ParseAnd();
            while (IsWord("OR") || IsWord("XOR") || (_d == SqlDialect.MySql && Cur.IsOperator("||")))
            {
                var op = Next().Text.ToUpperInvariant();
                var right = ParseAnd();
                left = Binary(op == "||" ? "OR" : op, left, right);
            }
            return left;
        }

        private SqlExpr ParseAnd()
        {
            var left = ParseNot();
            while (IsWord("AND") || (_d == SqlDialect.MySql && Cur.IsOperator("&&")))
            {
                Next();
                var right = ParseNot();
                left = Binary("AND", left, right);
            }
            return left;
        }

        private SqlExpr ParseNot()
        {
            if (IsWord("NOT"))
            {
                var start = Next().Start;
                Enter();
                var operand = ParseNot();
                Leave();
                return new UnaryExpr("NOT", operand) { Start = start, End = operand.End };
            }
            return ParsePredicate();
        }

        private static BinaryExpr Binary(string op, SqlExpr left, SqlExpr right) =>
            new BinaryExpr(op, left, right) { Start = left.Start, End = right.End };

        private static readonly HashSet<string> ComparisonOperators = new HashSet<string>(StringComparer.Ordinal)
        {
            "=", "==", "<>", "!=", "<", ">", "<=", ">=", "<=>",
        };

        private SqlExpr ParsePredicate()
        {
            var left = ParseOtherOperators();
            for (var guard = 0; guard < 64; guard++)
            {
                var tok = Cur;
                if (tok.Kind == SqlTokenKind.Operator && ComparisonOperators.Contains(tok.Text))
                {
                    Next();
                    SqlExpr right;
                    if ((IsWord("ANY") || IsWord("ALL") || IsWord("SOME")) && PeekAt(1).Kind == SqlTokenKind.LeftParen)
                    {
                        var q = new CompositeExpr(Next().Text.ToUpperInvariant()) { Start = Cur.Start };
                        Next();
                        if (IsQueryStart(0)) q.Children.Add(new SubqueryExpr(ParseQueryExpression(null)));
                        else q.Children.Add(ParseExpr());
                        Expect(SqlTokenKind.RightParen);
                        q.End = PrevEnd;
                        right = q;
                    }
                    else
                    {
                        right = ParseOtherOperators();
                    }
                    left = Binary(tok.Text, left, right);
                    continue;
                }
                if (tok.IsWord("IS"))
                {
                    Next();
                    var not = AcceptWord("NOT");
                    var c = new CompositeExpr(not ? "IS NOT" : "IS") { Start = left.Start };
                    c.Children.Add(left);
                    if (AcceptWord("NULL") || AcceptWord("TRUE") || AcceptWord("FALSE") || AcceptWord("UNKNOWN")) { }
                    else if (AcceptWord("DISTINCT"))
                    {
                        ExpectWord("FROM");
                        c.Children.Add(ParseOtherOperators());
                    }
                    else if (_d == SqlDialect.Sqlite)
                    {
                        // SQLite: "a IS b" compares like = but treats NULLs as equal.
                        c.Children.Add(ParseOtherOperators());
                    }
                    else throw Error("IS ?");
                    c.End = PrevEnd;
                    left = c;
                    continue;
                }
                if ((tok.IsWord("ISNULL") || tok.IsWord("NOTNULL")) && _d != SqlDialect.MySql)
                {
                    Next();
                    var c = new CompositeExpr("ISNULL") { Start = left.Start, End = PrevEnd };
                    c.Children.Add(left);
                    left = c;
                    continue;
                }
                var negated = tok.IsWord("NOT") && !IsWordAt(1, "NULL");
                var opTok = negated ? PeekAt(1) : tok;
                if (opTok.IsWord("IN"))
                {
                    _p += negated ? 2 : 1;
                    var inExpr = new InExpr(left, negated) { Start = left.Start };
                    if (Cur.Kind == SqlTokenKind.Parameter)
                    {
                        // Dapper expands "IN @ids" into a parenthesized parameter list.
                        var p = Next();
                        inExpr.Items.Add(new ParameterExpr(p.Text) { Start = p.Start, End = p.End });
                        inExpr.End = PrevEnd;
                        left = inExpr;
                        continue;
                    }
                    Expect(SqlTokenKind.LeftParen);
                    if (IsQueryStart(0))
                    {
                        inExpr.Query = ParseQueryExpression(null);
                    }
                    else if (Cur.Kind != SqlTokenKind.RightParen)
                    {
                        do
                        {
                            inExpr.Items.Add(ParseExpr());
                        }
                        while (Accept(SqlTokenKind.Comma));
                    }
                    Expect(SqlTokenKind.RightParen);
                    inExpr.End = PrevEnd;
                    left = inExpr;
                    continue;
                }
                if (opTok.IsWord("BETWEEN"))
                {
                    _p += negated ? 2 : 1;
                    if (!AcceptWord("SYMMETRIC")) AcceptWord("ASYMMETRIC");
                    var c = new CompositeExpr("BETWEEN") { Start = left.Start };
                    c.Children.Add(left);
                    c.Children.Add(ParseOtherOperators());
                    ExpectWord("AND");
                    c.Children.Add(ParseOtherOperators());
                    c.End = PrevEnd;
                    left = c;
                    continue;
                }
                if (opTok.IsWord("LIKE") || opTok.IsWord("ILIKE") || opTok.IsWord("GLOB") || opTok.IsWord("REGEXP") ||
                    opTok.IsWord("RLIKE") || (opTok.IsWord("MATCH") && _d == SqlDialect.Sqlite) || opTok.IsWord("SIMILAR"))
                {
                    _p += negated ? 2 : 1;
                    var op = opTok.Text.ToUpperInvariant();
                    if (op == "SIMILAR") ExpectWord("TO");
                    var right = ParseOtherOperators();
                    var b = Binary(op, left, right);
                    if (AcceptWord("ESCAPE"))
                    {
                        var c = new CompositeExpr("ESCAPE") { Start = b.Start };
                        c.Children.Add(b);
                        c.Children.Add(ParsePrimaryWithPostfix());
                        c.End = PrevEnd;
                        left = c;
                    }
                    else
                    {
                        left = b;
                    }
                    continue;
                }
                break;
            }
            return left;
        }

        private static readonly HashSet<string> ArithmeticOperators = new HashSet<string>(StringComparer.Ordinal)
        {
            "+", "-", "*", "/", "%", "=", "==", "<>", "!=", "<", ">", "<=", ">=", "<=>",
        };

        /// <summary>Every other operator (||, ->, ->>, @>, ~, &amp;&amp;…): one precedence level, left to right.</summary>
        private SqlExpr ParseOtherOperators()
        {
            var left = ParseAdditive();
            while (Cur.Kind == SqlTokenKind.Operator && !ArithmeticOperators.Contains(Cur.Text) &&
                   !(_d == SqlDialect.MySql && (Cur.Text == "||" || Cur.Text == "&&")) && Cur.Text != "::" && Cur.Text != ":=")
            {
                var op = Next().Text;
                var right = ParseAdditive();
                left = Binary(op, left, right);
            }
            return left;
        }

        private SqlExpr ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Cur.IsOperator("+") || Cur.IsOperator("-"))
            {
                var op = Next().Text;
                var right = ParseMultiplicative();
                left = Binary(op, left, right);
            }
            return left;
        }

        private SqlExpr ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Cur.IsOperator("*") || Cur.IsOperator("/") || Cur.IsOperator("%") ||
                   (_d == SqlDialect.MySql && (IsWord("DIV") || IsWord("MOD"))))
            {
                var op = Next().Text.ToUpperInvariant();
                var right = ParseUnary();
                left = Binary(op, left, right);
            }
            return left;
        }

        private SqlExpr ParseUnary()
        {
            var tok = Cur;
            if (tok.IsOperator("-") || tok.IsOperator("+") || tok.IsOperator("~") || (tok.IsOperator("!") && _d == SqlDialect.MySql) ||
                (tok.IsOperator("@") && _d == SqlDialect.PostgreSql))
            {
                Next();
                Enter();
                var operand = ParseUnary();
                Leave();
                return new UnaryExpr(tok.Text, operand) { Start = tok.Start, End = operand.End };
            }
            if (_d == SqlDialect.MySql && tok.IsWord("BINARY") && PeekAt(1).Kind != SqlTokenKind.LeftParen)
            {
                Next();
                var operand = ParseUnary();
                return new UnaryExpr("BINARY", operand) { Start = tok.Start, End = operand.End };
            }
            return ParsePrimaryWithPostfix();
        }

        private SqlExpr ParsePrimaryWithPostfix()
        {
            var e = ParsePrimary();
            for (var guard = 0; guard < 64; guard++)
            {
                if (Cur.IsOperator("::"))
                {
                    Next();
                    var type = ParseTypeName();
                    e = new CastExpr(e, type) { Start = e.Start, End = PrevEnd };
                    continue;
                }
                if (Cur.Kind == SqlTokenKind.LeftBracket)
                {
                    Next();
                    var c = new CompositeExpr("SUBSCRIPT") { Start = e.Start };
                    c.Children.Add(e);
                    if (!Cur.IsOperator(":")) c.Children.Add(ParseExpr());
                    if (AcceptOperator(":") && Cur.Kind != SqlTokenKind.RightBracket) c.Children.Add(ParseExpr());
                    Expect(SqlTokenKind.RightBracket);
                    c.End = PrevEnd;
                    e = c;
                    continue;
                }
                if (IsWord("COLLATE"))
                {
                    Next();
                    if (Cur.Kind == SqlTokenKind.String) Next();
                    else ParseObjectName();
                    continue;
                }
                if (IsWord("AT") && IsWordAt(1, "TIME") && IsWordAt(2, "ZONE"))
                {
                    _p += 3;
                    var c = new CompositeExpr("AT TIME ZONE") { Start = e.Start };
                    c.Children.Add(e);
                    c.Children.Add(ParsePrimaryWithPostfix());
                    c.End = PrevEnd;
                    e = c;
                    continue;
                }
                if (Cur.Kind == SqlTokenKind.Dot && !(e is ColumnRefExpr))
                {
                    // (composite).field
                    Next();
                    if (Cur.IsOperator("*")) Next();
                    else ParseIdentifier(allowReserved: true);
                    var c = new CompositeExpr("FIELD") { Start = e.Start, End = PrevEnd };
                    c.Children.Add(e);
                    e = c;
                    continue;
                }
                break;
            }
            return e;
        }

        /// <summary>A type name after :: or CAST … AS: words, optional (args), optional [] and the multi-word forms.</summary>
        private string ParseTypeName()
        {
            var first = _p;
            if (IsWord("DOUBLE") && IsWordAt(1, "PRECISION")) _p += 2;
            else if ((IsWord("CHARACTER") || IsWord("CHAR") || IsWord("NATIONAL") || IsWord("BIT")) && IsWordAt(1, "VARYING")) _p += 2;
            else if (_d == SqlDialect.MySql && (IsWord("SIGNED") || IsWord("UNSIGNED")))
            {
                Next();
                if (!AcceptWord("INTEGER")) AcceptWord("INT");
            }
            else
            {
                var parts = new List<SqlIdentifier> { ParseIdentifier(allowReserved: true) };
                while (Cur.Kind == SqlTokenKind.Dot)
                {
                    Next();
                    parts.Add(ParseIdentifier(allowReserved: true));
                }
            }
            if (Cur.Kind == SqlTokenKind.LeftParen)
            {
                Next();
                var depth = 1;
                while (!AtEnd && depth > 0)
                {
                    var k = Next().Kind;
                    if (k == SqlTokenKind.LeftParen) depth++;
                    else if (k == SqlTokenKind.RightParen) depth--;
                }
                if (depth != 0) throw Error("unbalanced type arguments");
            }
            if ((IsWord("WITH") || IsWord("WITHOUT")) && IsWordAt(1, "TIME") && IsWordAt(2, "ZONE")) _p += 3;
            if (_d == SqlDialect.MySql && (IsWord("CHARACTER") || IsWord("CHARSET")))
            {
                if (AcceptWord("CHARACTER")) ExpectWord("SET");
                else Next();
                ParseIdentifier(allowReserved: true);
            }
            while (Cur.Kind == SqlTokenKind.LeftBracket)
            {
                Next();
                if (Cur.Kind == SqlTokenKind.Number) Next();
                Expect(SqlTokenKind.RightBracket);
            }
            var sb = new System.Text.StringBuilder();
            for (var i = first; i < _p; i++)
            {
                if (sb.Length > 0 && _t[i].Kind != SqlTokenKind.LeftParen && _t[i].Kind != SqlTokenKind.RightParen && _t[i - 1].Kind != SqlTokenKind.LeftParen &&
                    _t[i].Kind != SqlTokenKind.Dot && _t[i - 1].Kind != SqlTokenKind.Dot && _t[i].Kind != SqlTokenKind.LeftBracket && _t[i].Kind != SqlTokenKind.RightBracket && _t[i].Kind != SqlTokenKind.Comma)
                {
                    sb.Append(' ');
                }
                sb.Append(_t[i].Text);
            }
            return sb.ToString();
        }

        private static readonly HashSet<string> IntervalUnits = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "YEAR", "YEARS", "MONTH", "MONTHS", "WEEK", "WEEKS", "DAY", "DAYS", "HOUR", "HOURS", "MINUTE", "MINUTES",
            "SECOND", "SECONDS", "MICROSECOND", "QUARTER", "YEAR_MONTH", "DAY_HOUR", "DAY_MINUTE", "DAY_SECOND",
            "DAY_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "HOUR_MICROSECOND", "MINUTE_SECOND",
            "MINUTE_MICROSECOND", "SECOND_MICROSECOND", "TO",
        };

        private SqlExpr ParsePrimary()
        {
            Enter();
            try
            {
                return ParsePrimaryCore();
            }
            finally
            {
                Leave();
            }
        }

        private SqlExpr ParsePrimaryCore()
        {
            var tok = Cur;
            switch (tok.Kind)
            {
                case SqlTokenKind.Number:
                    Next();
                    return new LiteralExpr(LiteralKind.Number, tok.Text) { Start = tok.Start, End = tok.End };
                case SqlTokenKind.String:
                {
                    Next();
                    var value = tok.Value;
                    while (Cur.Kind == SqlTokenKind.String && _d != SqlDialect.Sqlite)
                    {
                        value += Next().Value; // adjacent literals concatenate
                    }
                    return new LiteralExpr(LiteralKind.String, value) { Start = tok.Start, End = PrevEnd };
                }
                case SqlTokenKind.Parameter:
                    Next();
                    return new ParameterExpr(tok.Text) { Start = tok.Start, End = tok.End };
                case SqlTokenKind.LeftParen:
                {
                    if (IsQueryStart(1))
                    {
                        Next();
                        var q = ParseQueryExpression(null);
                        Expect(SqlTokenKind.RightParen);
                        // A parenthesized query may go on as a set operation: (SELECT…) UNION (SELECT…) in an IN list etc.
                        return new SubqueryExpr(q) { Start = tok.Start, End = PrevEnd };
                    }
                    Next();
                    var first = ParseExpr();
                    if (Accept(SqlTokenKind.RightParen)) return first;
                    var row = new CompositeExpr("ROW") { Start = tok.Start };
                    row.Children.Add(first);
                    while (Accept(SqlTokenKind.Comma)) row.Children.Add(ParseExpr());
                    Expect(SqlTokenKind.RightParen);
                    row.End = PrevEnd;
                    return row;
                }
                case SqlTokenKind.Operator when tok.Text == "*":
                    Next();
                    return new StarExpr { Start = tok.Start, End = tok.End };
                case SqlTokenKind.Word:
                    return ParseWordExpression(tok);
                case SqlTokenKind.QuotedIdentifier:
                    return ParseNameExpression();
                default:
                    throw Error("unexpected '" + tok.Text + "'");
            }
        }

        private SqlExpr ParseWordExpression(SqlToken tok)
        {
            var next = PeekAt(1);
            var paren = next.Kind == SqlTokenKind.LeftParen;
            var w = tok.Text.ToUpperInvariant();
            switch (w)
            {
                case "NULL":
                    Next();
                    return new LiteralExpr(LiteralKind.Null, "NULL") { Start = tok.Start, End = tok.End };
                case "TRUE":
                case "FALSE":
                    Next();
                    return new LiteralExpr(LiteralKind.Boolean, w) { Start = tok.Start, End = tok.End };
                case "DEFAULT" when !paren:
                    Next();
                    return new LiteralExpr(LiteralKind.Default, w) { Start = tok.Start, End = tok.End };
                case "CASE":
                    return ParseCase();
                case "EXISTS" when paren:
                {
                    Next();
                    Next();
                    var c = new CompositeExpr("EXISTS") { Start = tok.Start };
                    c.Children.Add(new SubqueryExpr(ParseQueryExpression(null)));
                    Expect(SqlTokenKind.RightParen);
                    c.End = PrevEnd;
                    return c;
                }
                case "NOT" when next.IsWord("EXISTS"):
                {
                    Next();
                    var inner = ParseWordExpression(Cur);
                    return new UnaryExpr("NOT", inner) { Start = tok.Start, End = inner.End };
                }
                case "CAST" when paren:
                case "TRY_CAST" when paren:
                {
                    _p += 2;
                    var value = ParseExpr();
                    ExpectWord("AS");
                    var type = ParseTypeName();
                    Expect(SqlTokenKind.RightParen);
                    return new CastExpr(value, type) { Start = tok.Start, End = PrevEnd };
                }
                case "CONVERT" when paren && _d == SqlDialect.MySql:
                {
                    _p += 2;
                    var value = ParseExpr();
                    if (AcceptWord("USING")) ParseIdentifier(allowReserved: true);
                    else
                    {
                        Expect(SqlTokenKind.Comma);
                        ParseTypeName();
                    }
                    Expect(SqlTokenKind.RightParen);
                    return new CastExpr(value, "convert") { Start = tok.Start, End = PrevEnd };
                }
                case "EXTRACT" when paren:
                {
                    _p += 2;
                    var call = SyntaxCall(tok);
                    if (Cur.Kind == SqlTokenKind.String) Next();
                    else ParseIdentifier(allowReserved: true);
                    ExpectWord("FROM");
                    call.Arguments.Add(ParseExpr());
                    Expect(SqlTokenKind.RightParen);
                    call.End = PrevEnd;
                    return call;
                }
                case "POSITION" when paren && _d != SqlDialect.Sqlite:
                {
                    _p += 2;
                    var call = SyntaxCall(tok);
                    call.Arguments.Add(ParseOtherOperators());
                    ExpectWord("IN");
                    call.Arguments.Add(ParseExpr());
                    Expect(SqlTokenKind.RightParen);
                    call.End = PrevEnd;
                    return call;
                }
                case "SUBSTRING" when paren:
                case "SUBSTR" when paren:
                case "OVERLAY" when paren:
                case "TRIM" when paren:
                {
                    _p += 2;
                    var call = SyntaxCall(tok);
                    if (w == "TRIM" && (AcceptWord("BOTH") || AcceptWord("LEADING") || AcceptWord("TRAILING")) && AcceptWord("FROM"))
                    {
                        // TRIM(LEADING FROM x)
                    }
                    if (Cur.Kind != SqlTokenKind.RightParen) call.Arguments.Add(ParseExpr());
                    while (Accept(SqlTokenKind.Comma) || AcceptWord("FROM") || AcceptWord("FOR") || AcceptWord("PLACING"))
                    {
                        call.Arguments.Add(ParseExpr());
                    }
                    Expect(SqlTokenKind.RightParen);
                    call.End = PrevEnd;
                    return call;
                }
                case "ARRAY" when _d == SqlDialect.PostgreSql && (paren || next.Kind == SqlTokenKind.LeftBracket):
                {
                    Next();
                    var c = new CompositeExpr("ARRAY") { Start = tok.Start };
                    if (Accept(SqlTokenKind.LeftParen))
                    {
                        c.Children.Add(new SubqueryExpr(ParseQueryExpression(null)));
                        Expect(SqlTokenKind.RightParen);
                    }
                    else
                    {
                        ParseArrayLiteral(c);
                    }
                    c.End = PrevEnd;
                    return c;
                }
                case "ROW" when paren:
                {
                    _p += 2;
                    var c = new CompositeExpr("ROW") { Start = tok.Start };
                    if (Cur.Kind != SqlTokenKind.RightParen)
                    {
                        do
                        {
                            c.Children.Add(ParseExpr());
                        }
                        while (Accept(SqlTokenKind.Comma));
                    }
                    Expect(SqlTokenKind.RightParen);
                    c.End = PrevEnd;
                    return c;
                }
                case "INTERVAL" when _d != SqlDialect.Sqlite && !paren:
                {
                    Next();
                    var c = new CompositeExpr("INTERVAL") { Start = tok.Start };
                    if (_d == SqlDialect.PostgreSql)
                    {
                        if (Cur.Kind != SqlTokenKind.String) throw Error("INTERVAL without literal");
                        Next();
                    }
                    else
                    {
                        c.Children.Add(ParseAdditive());
                    }
                    while (Cur.Kind == SqlTokenKind.Word && IntervalUnits.Contains(Cur.Text)) Next();
                    if (Cur.Kind == SqlTokenKind.LeftParen && _d == SqlDialect.PostgreSql)
                    {
                        Next();
                        Expect(SqlTokenKind.Number);
                        Expect(SqlTokenKind.RightParen);
                    }
                    c.End = PrevEnd;
                    return c;
                }
                case "MATCH" when paren && _d == SqlDialect.MySql:
                {
                    _p += 2;
                    var c = new CompositeExpr("MATCH") { Start = tok.Start };
                    do
                    {
                        c.Children.Add(ParseNameExpression());
                    }
                    while (Accept(SqlTokenKind.Comma));
                    Expect(SqlTokenKind.RightParen);
                    ExpectWord("AGAINST");
                    Expect(SqlTokenKind.LeftParen);
                    c.Children.Add(ParseOtherOperators());
                    while (AcceptWord("IN") || AcceptWord("NATURAL") || AcceptWord("LANGUAGE") || AcceptWord("BOOLEAN") ||
                           AcceptWord("MODE") || AcceptWord("WITH") || AcceptWord("QUERY") || AcceptWord("EXPANSION")) { }
                    Expect(SqlTokenKind.RightParen);
                    c.End = PrevEnd;
                    return c;
                }
                case "VALUES" when paren && _d == SqlDialect.MySql:
                {
                    _p += 2;
                    var call = SyntaxCall(tok);
                    call.Arguments.Add(ParseNameExpression());
                    Expect(SqlTokenKind.RightParen);
                    call.End = PrevEnd;
                    return call;
                }
                case "RAISE" when paren && _d == SqlDialect.Sqlite:
                    throw Error("RAISE");
            }

            if (SqlKeywords.IsValueWord(tok.Text, _d))
            {
                Next();
                if (Cur.Kind == SqlTokenKind.LeftParen)
                {
                    var call = SyntaxCall(tok);
                    ParseCallArguments(call);
                    call.End = PrevEnd;
                    return call;
                }
                return new LiteralExpr(LiteralKind.Other, w) { Start = tok.Start, End = tok.End };
            }

            // Typed literals: DATE '2024-01-01', and on PostgreSQL any type name before a string.
            if (next.Kind == SqlTokenKind.String)
            {
                if (_d == SqlDialect.PostgreSql ||
                    (_d == SqlDialect.MySql && (w == "DATE" || w == "TIME" || w == "TIMESTAMP" || tok.Text.StartsWith("_", StringComparison.Ordinal))))
                {
                    _p += 2;
                    return new LiteralExpr(LiteralKind.String, next.Value) { Start = tok.Start, End = PrevEnd, Typed = true };
                }
            }
            return ParseNameExpression();
        }

        private FunctionCallExpr SyntaxCall(SqlToken tok) =>
            new FunctionCallExpr(new SqlObjectName(new List<SqlIdentifier> { new SqlIdentifier(tok.Text, false, tok.Start, tok.Length) }))
            {
                IsSyntax = true,
                Start = tok.Start,
            };

        private void ParseArrayLiteral(CompositeExpr into)
        {
            Expect(SqlTokenKind.LeftBracket);
            if (Cur.Kind != SqlTokenKind.RightBracket)
            {
                do
                {
                    if (Cur.Kind == SqlTokenKind.LeftBracket)
                    {
                        var inner = new CompositeExpr("ARRAY") { Start = Cur.Start };
                        Enter();
                        ParseArrayLiteral(inner);
                        Leave();
                        inner.End = PrevEnd;
                        into.Children.Add(inner);
                    }
                    else
                    {
                        into.Children.Add(ParseExpr());
                    }
                }
                while (Accept(SqlTokenKind.Comma));
            }
            Expect(SqlTokenKind.RightBracket);
        }

        private SqlExpr ParseCase()
        {
            var start = Next().Start;
            var c = new CompositeExpr("CASE") { Start = start };
            if (!IsWord("WHEN")) c.Children.Add(ParseExpr());
            var whens = 0;
            while (AcceptWord("WHEN"))
            {
                whens++;
                c.Children.Add(ParseExpr());
                ExpectWord("THEN");
                c.Children.Add(ParseExpr());
            }
            if (whens == 0) throw Error("CASE without WHEN");
            if (AcceptWord("ELSE")) c.Children.Add(ParseExpr());
            ExpectWord("END");
            c.End = PrevEnd;
            return c;
        }

        /// <summary>A column reference, t.*, or a function call (name followed by parentheses).</summary>
        private SqlExpr ParseNameExpression()
        {
            var first = Cur;
            if (first.Kind == SqlTokenKind.Word && SqlKeywords.IsReserved(first.Text, _d) && PeekAt(1).Kind != SqlTokenKind.LeftParen)
            {
                throw Error("reserved word '" + first.Text + "' where a name was expected");
            }
            var parts = new List<SqlIdentifier>(2);
            parts.Add(first.Kind == SqlTokenKind.QuotedIdentifier
                ? new SqlIdentifier(first.Value, true, first.Start, first.Length)
                : new SqlIdentifier(first.Value, false, first.Start, first.Length));
            Next();
            while (Cur.Kind == SqlTokenKind.Dot)
            {
                Next();
                if (Cur.IsOperator("*"))
                {
                    Next();
                    return new StarExpr { Qualifier = parts, Start = first.Start, End = PrevEnd };
                }
                parts.Add(ParseIdentifier(allowReserved: true));
            }
            if (Cur.Kind == SqlTokenKind.LeftParen)
            {
                if (parts.Count > 3) throw Error("function name with too many parts");
                var call = new FunctionCallExpr(new SqlObjectName(parts)) { Start = first.Start };
                ParseCallArguments(call);
                ParseCallSuffix(call);
                call.End = PrevEnd;
                return call;
            }
            if (parts.Count > 4) throw Error("column name with too many parts");
            return new ColumnRefExpr(parts) { Start = first.Start, End = PrevEnd };
        }

        private void ParseCallArguments(FunctionCallExpr call)
        {
            Expect(SqlTokenKind.LeftParen);
            if (Accept(SqlTokenKind.RightParen)) return;
            if (!AcceptWord("DISTINCT")) AcceptWord("ALL");
            do
            {
                if (Cur.IsOperator("*") && (PeekAt(1).Kind == SqlTokenKind.RightParen || PeekAt(1).Kind == SqlTokenKind.Comma))
                {
                    var star = Next();
                    call.Arguments.Add(new StarExpr { Start = star.Start, End = star.End });
                    continue;
                }
                AcceptWord("VARIADIC");
                // Named arguments: name => value, name := value.
                if (Cur.IsIdentifier && (PeekAt(1).IsOperator("=>") || PeekAt(1).IsOperator(":=")))
                {
                    _p += 2;
                }
                call.Arguments.Add(ParseExpr());
            }
            while (Accept(SqlTokenKind.Comma));
            if (IsWord("ORDER") && IsWordAt(1, "BY"))
            {
                _p += 2;
                var items = new List<OrderItem>();
                ParseOrderItems(items);
                foreach (var i in items) call.Extras.Add(i.Expr);
            }
            if (_d == SqlDialect.MySql && AcceptWord("SEPARATOR"))
            {
                Expect(SqlTokenKind.String);
            }
            if ((IsWord("IGNORE") || IsWord("RESPECT")) && IsWordAt(1, "NULLS")) _p += 2;
            Expect(SqlTokenKind.RightParen);
        }

        private void ParseCallSuffix(FunctionCallExpr call)
        {
            if (IsWord("WITHIN") && IsWordAt(1, "GROUP"))
            {
                _p += 2;
                Expect(SqlTokenKind.LeftParen);
                ExpectWord("ORDER");
                ExpectWord("BY");
                var items = new List<OrderItem>();
                ParseOrderItems(items);
                foreach (var i in items) call.Extras.Add(i.Expr);
                Expect(SqlTokenKind.RightParen);
            }
            if (IsWord("FILTER") && PeekAt(1).Kind == SqlTokenKind.LeftParen)
            {
                _p += 2;
                ExpectWord("WHERE");
                call.Extras.Add(ParseExpr());
                Expect(SqlTokenKind.RightParen);
            }
            if ((IsWord("IGNORE") || IsWord("RESPECT")) && IsWordAt(1, "NULLS")) _p += 2;
            if (AcceptWord("OVER"))
            {
                call.HasOver = true;
                if (Cur.Kind == SqlTokenKind.LeftParen) call.Extras.Add(ParseWindowSpec());
                else call.WindowName = ParseIdentifier();
            }
        }

        private CompositeExpr ParseWindowSpec()
        {
            var spec = new CompositeExpr("WINDOW") { Start = Cur.Start };
            Expect(SqlTokenKind.LeftParen);
            if (Cur.Kind == SqlTokenKind.Word && !IsWord("PARTITION") && !IsWord("ORDER") && !IsWord("ROWS") && !IsWord("RANGE") && !IsWord("GROUPS"))
            {
                ParseIdentifier(); // base window name
            }
            if (IsWord("PARTITION") && IsWordAt(1, "BY"))
            {
                _p += 2;
                do
                {
                    spec.Children.Add(ParseExpr());
                }
                while (Accept(SqlTokenKind.Comma));
            }
            if (IsWord("ORDER") && IsWordAt(1, "BY"))
            {
                _p += 2;
                var items = new List<OrderItem>();
                ParseOrderItems(items);
                foreach (var i in items) spec.Children.Add(i.Expr);
            }
            if (IsWord("ROWS") || IsWord("RANGE") || IsWord("GROUPS"))
            {
                // Frame clauses hold only keywords and offsets; skip to the closing parenthesis.
                var depth = 0;
                while (!AtEnd)
                {
                    if (Cur.Kind == SqlTokenKind.LeftParen) depth++;
                    else if (Cur.Kind == SqlTokenKind.RightParen)
                    {
                        if (depth == 0) break;
                        depth--;
                    }
                    if (Cur.Kind == SqlTokenKind.QuotedIdentifier) throw Error("name in window frame");
                    Next();
                }
            }
            Expect(SqlTokenKind.RightParen);
            spec.End = PrevEnd;
            return spec;
        }
    }

    /// <summary>Thrown inside the parser only; turned into an <see cref="UnsupportedStatement"/>.</summary>
    internal sealed class SqlParseException : Exception
    {
        public SqlParseException(string message)
            : base(message)
        {
        }
    }
}
