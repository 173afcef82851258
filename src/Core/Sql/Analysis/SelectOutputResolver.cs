using System;
using System.Collections.Generic;
using System.Linq;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql.Syntax;

namespace SchemaDrift.Core.Sql.Analysis
{
    /// <summary>One column of a query's result, as a data reader reports it.</summary>
    public sealed class SelectOutput
    {
        public SelectOutput(string? name, ColumnInfo? source, bool outerJoined, bool nullabilityKnown = true)
        {
            Name = name;
            Source = source;
            OuterJoined = outerJoined;
            NullabilityKnown = nullabilityKnown;
        }

        /// <summary>The column name the reader reports; null when the engine makes one up from the expression.</summary>
        public string? Name { get; }

        /// <summary>The table column it is read from, or null for expressions and anything not provably one column.</summary>
        public ColumnInfo? Source { get; }

        /// <summary>True when it comes from the nullable side of an outer join (NULL even if the column is NOT NULL).</summary>
        public bool OuterJoined { get; }

        /// <summary>
        /// False for a column of a view on PostgreSQL and SQLite: their catalogs report every view
        /// column as nullable whatever it is built from, so "nullable" proves nothing there.
        /// </summary>
        public bool NullabilityKnown { get; }

        /// <summary>Whether the value may be NULL (only meaningful when <see cref="Source"/> is known; false when not known).</summary>
        public bool Nullable => OuterJoined || (NullabilityKnown && (Source?.Nullable ?? true));
    }

    /// <summary>
    /// The result columns of a constant SELECT, resolved through the snapshot: <c>*</c>,
    /// <c>t.*</c>, aliases, joins (outer joins make columns nullable) and derived tables.
    /// Returns null whenever the column list is not provably known (several statements,
    /// CTEs, unknown tables, table functions, columns that do not resolve): callers then
    /// say nothing.
    /// </summary>
    public sealed class SelectOutputResolver
    {
        private readonly SchemaIndex _ix;
        private readonly SqlDialect _d;

        private SelectOutputResolver(SchemaIndex index)
        {
            _ix = index;
            _d = index.Dialect;
        }

        /// <summary>The first result set's columns, or null when not provably known.</summary>
        public static IReadOnlyList<SelectOutput>? Resolve(string sql, SchemaIndex index)
        {
            try
            {
                return Resolve(SqlParser.Parse(sql, index.Dialect), index);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return null;
            }
        }

        /// <summary>The same, from text already parsed (for <paramref name="index"/>'s dialect).</summary>
        public static IReadOnlyList<SelectOutput>? Resolve(SqlBatch batch, SchemaIndex index)
        {
            try
            {
                if (!batch.Tokenized || batch.Statements.Count != 1 || !(batch.Statements[0] is SelectStatement select)) return null;
                return new SelectOutputResolver(index).Query(select.Query);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return null;
            }
        }

        private sealed class Source
        {
            public string Exposed = "";
            public TableInfo? Table;
            public List<SelectOutput>? Columns;
            public bool OuterJoined;
        }

        private string Eff(SqlIdentifier id) => NameRules.Effective(id, _d);

        private List<SelectOutput>? Query(SqlQuery query)
        {
            switch (query)
            {
                case QueryExpression qe:
                    return qe.With != null ? null : Query(qe.Body);
                case SelectCore core:
                    return Core(core);
                case SetOperation so:
                {
                    // The names come from the first SELECT; the values from all of them.
                    var left = Query(so.Left);
                    return left?.Select(c => new SelectOutput(c.Name, null, false)).ToList();
                }
                default:
                    return null;
            }
        }

        private List<SelectOutput>? Core(SelectCore core)
        {
            if (core.HasInto) return null;
            var sources = new List<Source>();
            foreach (var item in core.From)
            {
                if (!AddFrom(item, sources, false)) return null;
            }
            var result = new List<SelectOutput>();
            foreach (var item in core.Items)
            {
                switch (item.Expr)
                {
                    case StarExpr star when star.Qualifier == null:
                        if (sources.Count == 0) return null;
                        foreach (var s in sources)
                        {
                            var cols = Columns(s);
                            if (cols == null) return null;
                            result.AddRange(cols);
                        }
                        break;
                    case StarExpr star:
                    {
                        var s = Find(star.Qualifier!, sources);
                        var cols = s == null ? null : Columns(s);
                        if (cols == null) return null;
                        result.AddRange(cols);
                        break;
                    }
                    case ColumnRefExpr c:
                    {
                        var resolved = ResolveColumn(c, sources);
                        if (resolved == null) return null;
                        var name = item.Alias != null ? Eff(item.Alias) : resolved.Name;
                        result.Add(new SelectOutput(name, resolved.Source, resolved.OuterJoined, resolved.NullabilityKnown));
                        break;
                    }
                    default:
                    {
                        string? name = item.Alias != null ? Eff(item.Alias) : null;
                        if (name == null && _d == SqlDialect.PostgreSql && item.Expr is FunctionCallExpr f && !f.IsSyntax) name = Eff(f.Name.Name);
                        if (name == null && item.Expr is CastExpr cast && cast.Value is ColumnRefExpr castColumn && _d == SqlDialect.PostgreSql) name = Eff(castColumn.Column);
                        result.Add(new SelectOutput(name, null, false));
                        break;
                    }
                }
            }
            return result;
        }

        private List<SelectOutput>? Columns(Source s)
        {
            // A user with column-level grants sees only some columns: * is not provably known then.
            if (_ix.Snapshot.PartialVisibility && s.Table != null) return null;
            if (s.Columns != null)
            {
                return s.OuterJoined ? s.Columns.Select(c => new SelectOutput(c.Name, c.Source, true, c.NullabilityKnown)).ToList() : s.Columns;
            }
            if (s.Table == null) return null;
            var known = NullabilityKnownIn(s.Table);
            return s.Table.Columns.OrderBy(c => c.Ordinal).Select(c => new SelectOutput(c.Name, c, s.OuterJoined, known)).ToList();
        }

        private bool AddFrom(FromItem item, List<Source> sources, bool outer)
        {
            switch (item)
            {
                case TableSource t:
                {
                    if (_ix.IsSystemObject(t.Name)) return false;
                    var table = _ix.FindTable(t.Name);
                    if (table == null) return false;
                    sources.Add(new Source { Exposed = t.Alias != null ? Eff(t.Alias) : Eff(t.Name.Name), Table = table, OuterJoined = outer });
                    return t.ColumnAliases == null;
                }
                case DerivedSource d:
                {
                    if (d.Lateral || d.Alias == null || d.ColumnAliases != null) return false;
                    var cols = Query(d.Query);
                    if (cols == null || cols.Any(c => c.Name == null)) return false;
                    sources.Add(new Source { Exposed = Eff(d.Alias), Columns = cols, OuterJoined = outer });
                    return true;
                }
                case JoinSource j:
                {
                    if (j.Natural || j.Using != null) return false; // merged columns: not followed
                    var kind = j.Kind.ToUpperInvariant();
                    var leftOuter = outer || kind == "RIGHT" || kind == "FULL";
                    var rightOuter = outer || kind == "LEFT" || kind == "FULL";
                    return AddFrom(j.Left, sources, leftOuter) && AddFrom(j.Right, sources, rightOuter);
                }
                default:
                    return false;
            }
        }

        private Source? Find(List<SqlIdentifier> qualifier, List<Source> sources)
        {
            if (qualifier.Count == 1)
            {
                var matches = sources.Where(s => NameRules.SameName(s.Exposed, Eff(qualifier[0]), _d)).ToList();
                return matches.Count == 1 ? matches[0] : null;
            }
            if (qualifier.Count == 2)
            {
                var matches = sources.Where(s => s.Table != null && NameRules.Matches(qualifier[1], s.Table.Name, _d) && NameRules.Matches(qualifier[0], s.Table.Schema, _d)).ToList();
                return matches.Count == 1 ? matches[0] : null;
            }
            return null;
        }

        private SelectOutput? ResolveColumn(ColumnRefExpr c, List<Source> sources)
        {
            if (c.Parts.Count > 1)
            {
                var s = Find(c.Parts.GetRange(0, c.Parts.Count - 1), sources);
                return s == null ? null : FindIn(s, c.Column);
            }
            SelectOutput? found = null;
            foreach (var s in sources)
            {
                var hit = FindIn(s, c.Column);
                if (hit == null) continue;
                if (found != null) return null; // ambiguous: the engine rejects it
                found = hit;
            }
            return found;
        }

        private SelectOutput? FindIn(Source s, SqlIdentifier column)
        {
            if (s.Table != null)
            {
                var info = _ix.FindColumn(s.Table, column);
                return info == null ? null : new SelectOutput(info.Name, info, s.OuterJoined, NullabilityKnownIn(s.Table));
            }
            if (s.Columns == null) return null;
            var name = Eff(column);
            var matches = s.Columns.Where(c => c.Name != null && NameRules.SameName(c.Name, name, _d)).ToList();
            return matches.Count == 1 ? new SelectOutput(matches[0].Name, matches[0].Source, s.OuterJoined || matches[0].OuterJoined, matches[0].NullabilityKnown) : null;
        }

        /// <summary>Views' column nullability is only reliable on MySQL/MariaDB (PostgreSQL and SQLite call every view column nullable).</summary>
        private bool NullabilityKnownIn(TableInfo table) => table.Kind == TableKind.Table || _d == SqlDialect.MySql;
    }
}
