using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SchemaDrift.Analyzers.EntryPoints
{
    internal enum CommandTypeValue
    {
        /// <summary>No command type given: the API's default (text; Dapper infers).</summary>
        NotGiven,
        Text,
        StoredProcedure,

        /// <summary>TableDirect or a value outside the enum: not analyzed.</summary>
        Other,

        /// <summary>Not a constant, or assigned several different values: not analyzed.</summary>
        Unknown,
    }

    /// <summary>
    /// What CommandType a command runs with, as far as the code in the same method shows
    /// it: the argument, the object initializer, and every assignment to the same
    /// variable's CommandType. Anything it cannot see through is <see cref="CommandTypeValue.Unknown"/>.
    /// </summary>
    internal static class CommandTypes
    {
        private const int Text = 1;
        private const int StoredProcedure = 4;

        public static CommandTypeValue Of(IOperation? value)
        {
            var v = value;
            while (v is IConversionOperation c) v = c.Operand;
            if (v == null || v is IDefaultValueOperation) return CommandTypeValue.NotGiven;
            if (!v.ConstantValue.HasValue) return CommandTypeValue.Unknown;
            switch (v.ConstantValue.Value)
            {
                case null:
                    return CommandTypeValue.NotGiven;
                case int i when i == Text:
                    return CommandTypeValue.Text;
                case int i when i == StoredProcedure:
                    return CommandTypeValue.StoredProcedure;
                default:
                    return CommandTypeValue.Other;
            }
        }

        /// <summary>The command type of <c>new XxxCommand(…) { … }</c>, including later assignments to the variable it is stored in.</summary>
        public static CommandTypeValue OfCreatedCommand(IObjectCreationOperation creation)
        {
            var values = new List<CommandTypeValue>();
            if (creation.Initializer != null) CollectInitializer(creation.Initializer, values);
            var symbol = StoredIn(creation);
            if (symbol != null) CollectAssignments(Root(creation), symbol, values);
            return Combine(values);
        }

        /// <summary>The command type of the command whose CommandText this assignment sets.</summary>
        public static CommandTypeValue OfAssignedCommand(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property)
        {
            if (assignment.Parent is IObjectOrCollectionInitializerOperation init)
            {
                return init.Parent is IObjectCreationOperation creation ? OfCreatedCommand(creation) : Combine(Initializer(init));
            }
            var values = new List<CommandTypeValue>();
            var symbol = SymbolOf(property.Instance);
            if (symbol == null) return property.Instance is IInstanceReferenceOperation || property.Instance == null ? CommandTypeValue.Unknown : CommandTypeValue.NotGiven;
            var root = Root(assignment);
            CollectAssignments(root, symbol, values);
            if (symbol is ILocalSymbol)
            {
                foreach (var op in root.Descendants())
                {
                    if (op is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, symbol) &&
                        Unwrap(d.Initializer?.Value) is IObjectCreationOperation created && created.Initializer != null)
                    {
                        CollectInitializer(created.Initializer, values);
                    }
                }
            }
            return Combine(values);
        }

        private static List<CommandTypeValue> Initializer(IObjectOrCollectionInitializerOperation init)
        {
            var values = new List<CommandTypeValue>();
            CollectInitializer(init, values);
            return values;
        }

        private static void CollectInitializer(IObjectOrCollectionInitializerOperation init, List<CommandTypeValue> values)
        {
            foreach (var i in init.Initializers)
            {
                if (i is ISimpleAssignmentOperation a && a.Target is IPropertyReferenceOperation p && p.Property.Name == "CommandType")
                {
                    values.Add(Of(a.Value));
                }
            }
        }

        private static void CollectAssignments(IOperation root, ISymbol symbol, List<CommandTypeValue> values)
        {
            foreach (var op in root.Descendants())
            {
                if (op is ISimpleAssignmentOperation a && a.Target is IPropertyReferenceOperation p && p.Property.Name == "CommandType" &&
                    SymbolEqualityComparer.Default.Equals(SymbolOf(p.Instance), symbol))
                {
                    values.Add(Of(a.Value));
                }
            }
        }

        private static CommandTypeValue Combine(List<CommandTypeValue> values)
        {
            if (values.Count == 0) return CommandTypeValue.NotGiven;
            var first = values[0] == CommandTypeValue.NotGiven ? CommandTypeValue.Text : values[0];
            foreach (var v in values)
            {
                var x = v == CommandTypeValue.NotGiven ? CommandTypeValue.Text : v;
                if (x != first) return CommandTypeValue.Unknown;
            }
            return first;
        }

        private static ISymbol? StoredIn(IOperation creation)
        {
            var p = creation.Parent;
            while (p is IConversionOperation) p = p.Parent;
            if (p is IVariableInitializerOperation vi && vi.Parent is IVariableDeclaratorOperation d) return d.Symbol;
            if (p is ISimpleAssignmentOperation a && Unwrap(a.Value) == creation) return SymbolOf(a.Target);
            return null;
        }

        private static IOperation? Unwrap(IOperation? op)
        {
            while (op is IConversionOperation c) op = c.Operand;
            return op;
        }

        private static ISymbol? SymbolOf(IOperation? op)
        {
            switch (Unwrap(op))
            {
                case ILocalReferenceOperation l:
                    return l.Local;
                case IParameterReferenceOperation p:
                    return p.Parameter;
                case IFieldReferenceOperation f when f.Instance == null || f.Instance is IInstanceReferenceOperation:
                    return f.Field;
                case IPropertyReferenceOperation pr when pr.Instance == null || pr.Instance is IInstanceReferenceOperation:
                    return pr.Property;
                default:
                    return null;
            }
        }

        /// <summary>The outermost operation of the member body the operation belongs to.</summary>
        public static IOperation Root(IOperation op)
        {
            var root = op;
            while (root.Parent != null) root = root.Parent;
            return root;
        }
    }
}
