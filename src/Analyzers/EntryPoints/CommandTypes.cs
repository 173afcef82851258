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
            var values = default(Tally);
            if (creation.Initializer != null) CollectInitializer(creation.Initializer, ref values);
            var symbol = StoredIn(creation);
            if (symbol != null) CollectAssignments(Root(creation), symbol, ref values);
            return values.Result;
        }

        /// <summary>The command type of the command whose CommandText this assignment sets.</summary>
        public static CommandTypeValue OfAssignedCommand(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property)
        {
            if (assignment.Parent is IObjectOrCollectionInitializerOperation init)
            {
                if (init.Parent is IObjectCreationOperation creation) return OfCreatedCommand(creation);
                var fromInitializer = default(Tally);
                CollectInitializer(init, ref fromInitializer);
                return fromInitializer.Result;
            }
            var values = default(Tally);
            var symbol = SymbolOf(property.Instance);
            if (symbol == null) return property.Instance is IInstanceReferenceOperation || property.Instance == null ? CommandTypeValue.Unknown : CommandTypeValue.NotGiven;
            var root = Root(assignment);
            CollectAssignments(root, symbol, ref values);
            if (symbol is ILocalSymbol)
            {
                foreach (var op in root.Descendants())
                {
                    if (op is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, symbol) &&
                        Unwrap(d.Initializer?.Value) is IObjectCreationOperation created && created.Initializer != null)
                    {
                        CollectInitializer(created.Initializer, ref values);
                    }
                }
            }
            return values.Result;
        }

        private static void CollectInitializer(IObjectOrCollectionInitializerOperation init, ref Tally values)
        {
            foreach (var i in init.Initializers)
            {
                if (i is ISimpleAssignmentOperation a && a.Target is IPropertyReferenceOperation p && p.Property.Name == "CommandType")
                {
                    values.Add(Of(a.Value));
                }
            }
        }

        private static void CollectAssignments(IOperation root, ISymbol symbol, ref Tally values)
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

        /// <summary>
        /// The CommandType values set on one command, folded as they are found: none is NotGiven,
        /// NotGiven counts as Text (ADO.NET's default), and two different values are Unknown. A
        /// struct rather than a list: nothing to allocate per call site, and no List code over an
        /// enum for the runtime to JIT-compile in every build.
        /// </summary>
        private struct Tally
        {
            private bool _any;
            private CommandTypeValue _value;

            public void Add(CommandTypeValue value)
            {
                var normalized = value == CommandTypeValue.NotGiven ? CommandTypeValue.Text : value;
                if (!_any)
                {
                    _any = true;
                    _value = normalized;
                }
                else if (normalized != _value)
                {
                    _value = CommandTypeValue.Unknown;
                }
            }

            public CommandTypeValue Result => _any ? _value : CommandTypeValue.NotGiven;
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
