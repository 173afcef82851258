using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SchemaDrift.Analyzers.EntryPoints
{
    /// <summary>Where SQL text enters a data-access API: the operation that supplies it.</summary>
    internal readonly struct SqlCallSite
    {
        public SqlCallSite(IOperation sql, string api)
        {
            Sql = sql;
            Api = api;
        }

        public IOperation Sql { get; }

        /// <summary>Dapper, ADO.NET (for messages and reports).</summary>
        public string Api { get; }
    }

    /// <summary>Recognizes the call shapes that carry SQL.</summary>
    internal static class SqlCallSites
    {
        /// <summary>Dapper: any SqlMapper method's "sql" argument, unless commandType says it is a stored procedure name.</summary>
        public static SqlCallSite? FromInvocation(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            if (types.SqlMapper == null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, types.SqlMapper)) return null;
            IOperation? sql = null;
            foreach (var arg in invocation.Arguments)
            {
                var p = arg.Parameter;
                if (p == null) continue;
                if (p.Name == "sql" && p.Type.SpecialType == SpecialType.System_String) sql = arg.Value;
                if (p.Name == "commandType" && IsStoredProcedure(arg.Value)) return null;
            }
            return sql == null ? (SqlCallSite?)null : new SqlCallSite(sql, "Dapper");
        }

        /// <summary>new XxxCommand("…") and new CommandDefinition("…").</summary>
        public static SqlCallSite? FromObjectCreation(IObjectCreationOperation creation, KnownTypes types)
        {
            var ctor = creation.Constructor;
            if (ctor == null) return null;
            var isDefinition = types.CommandDefinition != null && SymbolEqualityComparer.Default.Equals(ctor.ContainingType, types.CommandDefinition);
            if (!isDefinition && !types.IsCommand(ctor.ContainingType)) return null;
            IOperation? sql = null;
            foreach (var arg in creation.Arguments)
            {
                var p = arg.Parameter;
                if (p == null) continue;
                if ((p.Name == "commandText" || p.Name == "cmdText") && p.Type.SpecialType == SpecialType.System_String) sql = arg.Value;
                if (p.Name == "commandType" && IsStoredProcedure(arg.Value)) return null;
            }
            if (sql != null && creation.Initializer != null && InitializerSetsStoredProcedure(creation.Initializer)) return null;
            return sql == null ? (SqlCallSite?)null : new SqlCallSite(sql, isDefinition ? "Dapper" : "ADO.NET");
        }

        /// <summary>command.CommandText = "…" (also inside object initializers).</summary>
        public static SqlCallSite? FromAssignment(ISimpleAssignmentOperation assignment, KnownTypes types)
        {
            if (assignment.Target is not IPropertyReferenceOperation prop || prop.Property.Name != "CommandText") return null;
            if (!types.IsCommand(prop.Property.ContainingType) && !types.IsCommand(prop.Instance?.Type)) return null;
            if (assignment.Parent is IObjectOrCollectionInitializerOperation init && InitializerSetsStoredProcedure(init)) return null;
            return new SqlCallSite(assignment.Value, "ADO.NET");
        }

        private static bool InitializerSetsStoredProcedure(IObjectOrCollectionInitializerOperation init)
        {
            foreach (var i in init.Initializers)
            {
                if (i is ISimpleAssignmentOperation a && a.Target is IPropertyReferenceOperation p && p.Property.Name == "CommandType" && IsStoredProcedure(a.Value))
                    return true;
            }
            return false;
        }

        /// <summary>True when the value is (or may be) CommandType.StoredProcedure: then the text is a procedure name, not SQL.</summary>
        private static bool IsStoredProcedure(IOperation value)
        {
            var v = value;
            while (v is IConversionOperation c) v = c.Operand;
            if (v.ConstantValue.HasValue)
            {
                return v.ConstantValue.Value is int i && i == 4; // CommandType.StoredProcedure
            }
            // Not a constant: it might be StoredProcedure, so do not treat the text as SQL.
            return !(v is IDefaultValueOperation) && !(v is ILiteralOperation);
        }
    }
}
