using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SchemaDrift.Analyzers.EntryPoints
{
    /// <summary>What the text passed to a data-access API is.</summary>
    internal enum SqlTextKind
    {
        /// <summary>One or more SQL statements.</summary>
        Statements,

        /// <summary>CommandType.StoredProcedure: the text is the name of a procedure or function.</summary>
        ProcedureName,

        /// <summary>Dapper without a commandType: a bare name is run as a procedure, anything else as SQL.</summary>
        DapperInferred,
    }

    /// <summary>Where SQL text enters a data-access API: the operation that supplies it.</summary>
    internal readonly struct SqlCallSite
    {
        public SqlCallSite(IOperation sql, string api, SqlTextKind kind, bool holesAreParameters = false, bool formatPlaceholders = false)
        {
            Sql = sql;
            Api = api;
            Kind = kind;
            HolesAreParameters = holesAreParameters;
            FormatPlaceholders = formatPlaceholders;
        }

        public IOperation Sql { get; }

        /// <summary>Dapper, ADO.NET, EF Core (for messages and reports).</summary>
        public string Api { get; }

        public SqlTextKind Kind { get; }

        /// <summary>EF Core FormattableString APIs: every interpolation hole becomes a DbParameter.</summary>
        public bool HolesAreParameters { get; }

        /// <summary>EF Core *Raw APIs: {0}, {1}… in the text are replaced by parameters.</summary>
        public bool FormatPlaceholders { get; }
    }

    /// <summary>Recognizes the call shapes that carry SQL.</summary>
    internal static class SqlCallSites
    {
        /// <summary>
        /// Calls <paramref name="analyze"/> for every operation that carries SQL (invocations, object
        /// creations, CommandText assignments), from one action per operation block: a diagnostic
        /// anywhere in the member (a local or const assigned earlier in the method) is then "local"
        /// to it, which the IDE needs to show the squiggle while typing and to offer code fixes. One
        /// walk per block costs the compiler fewer callbacks than per-operation actions registered
        /// per block (docs/benchmarks.md). An exception in recognizing or analyzing one call site
        /// is caught here: that site is skipped, and nothing becomes an AD0001.
        /// </summary>
        public static void RegisterPerBlock(CompilationStartAnalysisContext start, KnownTypes types,
            System.Action<OperationBlockAnalysisContext, SqlCallSite> analyze)
        {
            start.RegisterOperationBlockAction(block =>
            {
                var pending = new System.Collections.Generic.Stack<IOperation>();
                foreach (var root in block.OperationBlocks) pending.Push(root);
                while (pending.Count > 0)
                {
                    block.CancellationToken.ThrowIfCancellationRequested();
                    var op = pending.Pop();
                    Visit(block, op, types, analyze);
                    // Order does not matter: each finding is reported once, wherever it is met first.
                    foreach (var child in op.ChildOperations) pending.Push(child);
                }
            });
        }

        private static void Visit(OperationBlockAnalysisContext block, IOperation op, KnownTypes types, System.Action<OperationBlockAnalysisContext, SqlCallSite> analyze)
        {
            try
            {
                SqlCallSite? site;
                switch (op.Kind)
                {
                    case OperationKind.Invocation:
                        site = FromInvocation((IInvocationOperation)op, types);
                        break;
                    case OperationKind.ObjectCreation:
                        site = FromObjectCreation((IObjectCreationOperation)op, types);
                        break;
                    case OperationKind.SimpleAssignment:
                        site = FromAssignment((ISimpleAssignmentOperation)op, types);
                        break;
                    default:
                        return;
                }
                if (site != null) analyze(block, site.Value);
            }
            catch (System.Exception ex) when (!(ex is System.OperationCanceledException))
            {
                // An analyzer exception becomes AD0001 and hides every other finding in the file.
            }
        }

        /// <summary>Dapper SqlMapper methods ("sql" argument) and EF Core raw SQL methods.</summary>
        public static SqlCallSite? FromInvocation(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (containing == null) return null;
            if (types.SqlMapper != null && SymbolEqualityComparer.Default.Equals(containing, types.SqlMapper)) return FromDapper(invocation);
            if (types.IsEfRawSqlType(containing)) return FromEntityFramework(invocation, types);
            if (types.IsCommand(method.ReturnType)) return FromCommandFactory(invocation);
            return null;
        }

        /// <summary>DbDataSource.CreateCommand("…") and provider factories that return a command for the text given.</summary>
        private static SqlCallSite? FromCommandFactory(IInvocationOperation invocation)
        {
            foreach (var arg in invocation.Arguments)
            {
                var p = arg.Parameter;
                if (p != null && IsTextParameter(p) && arg.ArgumentKind == ArgumentKind.Explicit)
                {
                    return new SqlCallSite(arg.Value, "ADO.NET", SqlTextKind.Statements);
                }
            }
            return null;
        }

        private static SqlCallSite? FromDapper(IInvocationOperation invocation)
        {
            IOperation? sql = null;
            var kind = SqlTextKind.DapperInferred;
            foreach (var arg in invocation.Arguments)
            {
                var p = arg.Parameter;
                if (p == null) continue;
                if (p.Name == "sql" && p.Type.SpecialType == SpecialType.System_String) sql = arg.Value;
                if (p.Name == "commandType")
                {
                    var ct = CommandTypes.Of(arg.Value);
                    if (ct == CommandTypeValue.Unknown) return null;
                    if (ct == CommandTypeValue.StoredProcedure) kind = SqlTextKind.ProcedureName;
                    else if (ct == CommandTypeValue.Text) kind = SqlTextKind.Statements;
                    else if (ct != CommandTypeValue.NotGiven) return null; // TableDirect
                }
            }
            return sql == null ? (SqlCallSite?)null : new SqlCallSite(sql, "Dapper", kind);
        }

        private static SqlCallSite? FromEntityFramework(IInvocationOperation invocation, KnownTypes types)
        {
            var name = invocation.TargetMethod.Name;
            if (name.EndsWith("Async", System.StringComparison.Ordinal)) name = name.Substring(0, name.Length - 5);
            bool interpolated;
            switch (name)
            {
                case "FromSqlRaw":
                case "SqlQueryRaw":
                case "ExecuteSqlRaw":
                    interpolated = false;
                    break;
                case "FromSql":
                case "FromSqlInterpolated":
                case "SqlQuery":
                case "ExecuteSql":
                case "ExecuteSqlInterpolated":
                    interpolated = true;
                    break;
                default:
                    return null;
            }
            foreach (var arg in invocation.Arguments)
            {
                var p = arg.Parameter;
                if (p == null || p.Name != "sql") continue;
                if (!interpolated && p.Type.SpecialType == SpecialType.System_String)
                {
                    return new SqlCallSite(arg.Value, "EF Core", SqlTextKind.Statements, formatPlaceholders: true);
                }
                if (interpolated && types.FormattableString != null && SymbolEqualityComparer.Default.Equals(p.Type, types.FormattableString))
                {
                    return new SqlCallSite(arg.Value, "EF Core", SqlTextKind.Statements, holesAreParameters: true);
                }
            }
            return null;
        }

        /// <summary>new XxxCommand("…"), new XxxBatchCommand("…") and new CommandDefinition("…").</summary>
        public static SqlCallSite? FromObjectCreation(IObjectCreationOperation creation, KnownTypes types)
        {
            var ctor = creation.Constructor;
            if (ctor == null) return null;
            var isDefinition = types.CommandDefinition != null && SymbolEqualityComparer.Default.Equals(ctor.ContainingType, types.CommandDefinition);
            if (!isDefinition && !types.IsCommand(ctor.ContainingType)) return null;
            IOperation? sql = null;
            var kind = isDefinition ? SqlTextKind.DapperInferred : SqlTextKind.Statements;
            foreach (var arg in creation.Arguments)
            {
                var p = arg.Parameter;
                if (p == null) continue;
                if (sql == null && IsTextParameter(p)) sql = arg.Value;
                if (p.Name == "commandType")
                {
                    var ct = CommandTypes.Of(arg.Value);
                    if (ct == CommandTypeValue.StoredProcedure) kind = SqlTextKind.ProcedureName;
                    else if (ct == CommandTypeValue.Text) kind = SqlTextKind.Statements;
                    else if (ct != CommandTypeValue.NotGiven) return null;
                }
            }
            if (sql == null) return null;
            if (!isDefinition)
            {
                var ct = CommandTypes.OfCreatedCommand(creation);
                if (ct == CommandTypeValue.Unknown || ct == CommandTypeValue.Other) return null;
                if (ct == CommandTypeValue.StoredProcedure) kind = SqlTextKind.ProcedureName;
            }
            return new SqlCallSite(sql, isDefinition ? "Dapper" : "ADO.NET", kind);
        }

        private static bool IsTextParameter(IParameterSymbol p) =>
            p.Type.SpecialType == SpecialType.System_String &&
            (p.Name == "commandText" || p.Name == "cmdText" || p.Name == "sql" || p.Name == "text");

        /// <summary>command.CommandText = "…" (also inside object initializers), for commands and batch commands.</summary>
        public static SqlCallSite? FromAssignment(ISimpleAssignmentOperation assignment, KnownTypes types)
        {
            if (assignment.Target is not IPropertyReferenceOperation prop || prop.Property.Name != "CommandText") return null;
            if (!types.IsCommand(prop.Property.ContainingType) && !types.IsCommand(prop.Instance?.Type)) return null;
            var ct = CommandTypes.OfAssignedCommand(assignment, prop);
            if (ct == CommandTypeValue.Unknown || ct == CommandTypeValue.Other) return null;
            return new SqlCallSite(assignment.Value, "ADO.NET", ct == CommandTypeValue.StoredProcedure ? SqlTextKind.ProcedureName : SqlTextKind.Statements);
        }
    }
}
