using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>
    /// Reads fluent model configuration (OnModelCreating, IEntityTypeConfiguration.Configure,
    /// ConfigureConventions) statement by statement through the operation tree. It follows
    /// builder chains from the model builder, builder parameters, lambda parameters and
    /// locals; any statement that touches a builder in a way it does not understand makes
    /// the entity (or, at model level, the whole context) unchecked rather than guessed.
    /// </summary>
    internal sealed class FluentInterpreter
    {
        private readonly ContextConfig _config;
        private readonly Dictionary<ISymbol, Target> _bindings = new Dictionary<ISymbol, Target>(SymbolEqualityComparer.Default);
        private readonly Func<SyntaxNode, IOperation?> _operationOf;
        private int _depth;

        public FluentInterpreter(ContextConfig config, Func<SyntaxNode, IOperation?> operationOf)
        {
            _config = config;
            _operationOf = operationOf;
        }

        private enum TargetKind
        {
            Model,
            Entity,
            Property,
            Owned,
            Relationship,
            Conventions,
            ConventionProperties,
            Harmless,
        }

        private sealed class Target
        {
            public TargetKind Kind;
            public TypeConfig? Type;
            public PropertyConfig? Property;
            public OwnedConfig? Owned;
            public ITypeSymbol? Related;
            public ITypeSymbol? ConventionType;

            public static Target Of(TargetKind kind) => new Target { Kind = kind };
        }

        // ------------------------------------------------------------------ entry points

        /// <summary>OnModelCreating(ModelBuilder modelBuilder).</summary>
        public void ModelBuilderMethod(IMethodSymbol method, IOperation? body)
        {
            if (method.Parameters.Length != 1 || body == null) return;
            _bindings[method.Parameters[0]] = Target.Of(TargetKind.Model);
            Block(body);
        }

        /// <summary>IEntityTypeConfiguration&lt;T&gt;.Configure(EntityTypeBuilder&lt;T&gt; builder).</summary>
        public void ConfigureMethod(IMethodSymbol method, IOperation? body, TypeConfig type)
        {
            if (method.Parameters.Length != 1 || body == null) return;
            var target = new Target { Kind = TargetKind.Entity, Type = type };
            _bindings[method.Parameters[0]] = target;
            _bindings[method.Parameters[0].OriginalDefinition] = target; // a generic base class's Configure
            Block(body);
        }

        /// <summary>ConfigureConventions(ModelConfigurationBuilder configurationBuilder).</summary>
        public void ConventionsMethod(IMethodSymbol method, IOperation? body)
        {
            if (method.Parameters.Length != 1 || body == null) return;
            _bindings[method.Parameters[0]] = Target.Of(TargetKind.Conventions);
            Block(body);
        }

        // ------------------------------------------------------------------ statements

        private void Block(IOperation body)
        {
            foreach (var statement in Statements(body))
            {
                Statement(statement);
            }
        }

        private static IEnumerable<IOperation> Statements(IOperation body)
        {
            if (body is IMethodBodyOperation mb) body = (IOperation?)mb.BlockBody ?? mb.ExpressionBody!;
            if (body is IBlockOperation block) return block.Operations;
            return new[] { body };
        }

        private void Statement(IOperation statement)
        {
            switch (statement)
            {
                case null:
                    return;
                case IBlockOperation block:
                    foreach (var s in block.Operations) Statement(s);
                    return;
                case IExpressionStatementOperation es:
                    Expression(es.Operation);
                    return;
                case IReturnOperation ret:
                    if (ret.ReturnedValue != null) Expression(ret.ReturnedValue);
                    return;
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            var init = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                            if (init == null) continue;
                            var target = Eval(init);
                            if (target != null) _bindings[declarator.Symbol] = target;
                            else if (TouchesBuilder(init)) FailFor(init, "a builder is used in a way SchemaDrift does not follow");
                        }
                    }
                    return;
                default:
                    if (TouchesBuilder(statement)) FailFor(statement, "the model is built with control flow (" + statement.Kind + ")");
                    return;
            }
        }

        private void Expression(IOperation op)
        {
            var target = Eval(op);
            if (target == null && TouchesBuilder(op)) FailFor(op, "a builder is used in a way SchemaDrift does not follow");
        }

        /// <summary>Whether the operation reads any tracked builder (parameter or local).</summary>
        private bool TouchesBuilder(IOperation op)
        {
            foreach (var d in op.DescendantsAndSelf())
            {
                ISymbol? s = d is IParameterReferenceOperation p ? p.Parameter : d is ILocalReferenceOperation l ? l.Local : null;
                if (s != null && _bindings.ContainsKey(s)) return true;
            }
            return false;
        }

        /// <summary>Something not understood: fail the narrowest thing it provably belongs to.</summary>
        private void FailFor(IOperation op, string reason)
        {
            TypeConfig? only = null;
            var model = false;
            foreach (var d in op.DescendantsAndSelf())
            {
                ISymbol? s = d is IParameterReferenceOperation p ? p.Parameter : d is ILocalReferenceOperation l ? l.Local : null;
                if (s == null || !_bindings.TryGetValue(s, out var t)) continue;
                var tc = t.Type ?? t.Owned?.Inner;
                if (tc == null || (only != null && only != tc)) model = true;
                else only = tc;
            }
            if (model || only == null) _config.Fail(reason);
            else only.Fail(reason);
        }

        // ------------------------------------------------------------------ expressions

        private static IOperation Strip(IOperation op)
        {
            while (true)
            {
                switch (op)
                {
                    case IConversionOperation c:
                        op = c.Operand;
                        continue;
                    case IParenthesizedOperation p:
                        op = p.Operand;
                        continue;
                    default:
                        return op;
                }
            }
        }

        private Target? Eval(IOperation op)
        {
            op = Strip(op);
            switch (op)
            {
                case IParameterReferenceOperation p:
                    return _bindings.TryGetValue(p.Parameter, out var pt) ? pt : null;
                case ILocalReferenceOperation l:
                    return _bindings.TryGetValue(l.Local, out var lt) ? lt : null;
                case IInvocationOperation inv:
                {
                    var method = inv.TargetMethod;
                    IOperation? receiver = inv.Instance;
                    var args = inv.Arguments.ToList();
                    if (receiver == null && method.IsExtensionMethod && args.Count > 0)
                    {
                        receiver = args[0].Value;
                        args.RemoveAt(0);
                    }
                    if (receiver == null)
                    {
                        return HelperCall(inv);
                    }
                    if (Strip(receiver) is IInstanceReferenceOperation)
                    {
                        // base.OnModelCreating(modelBuilder): the base override is read on its own.
                        if (method.Name == "OnModelCreating" && method.Parameters.Length == 1) return Target.Of(TargetKind.Harmless);
                        return HelperCall(inv);
                    }
                    var target = Eval(receiver);
                    if (target == null) return null;
                    if (!EfSymbols.IsEfMethod(method))
                    {
                        // A user extension method on a builder: follow it when its body is in source.
                        return UserExtension(inv, target, args);
                    }
                    return Apply(target, inv, method, args.Select(a => a.Value).ToList());
                }
                default:
                    return null;
            }
        }

        /// <summary>Static helpers that take a builder (Configure(modelBuilder.Entity&lt;T&gt;())): followed into their bodies when in source.</summary>
        private Target? HelperCall(IInvocationOperation inv)
        {
            if (!TouchesBuilder(inv)) return null;
            var method = inv.TargetMethod;
            var bodyOp = BodyOf(method);
            if (bodyOp == null || _depth > 4 || !method.ReturnsVoid) return null;
            foreach (var a in inv.Arguments)
            {
                if (a.Parameter == null) return null;
                var t = Eval(a.Value);
                if (t != null)
                {
                    _bindings[a.Parameter] = t;
                    _bindings[a.Parameter.OriginalDefinition] = t; // the body's own (unconstructed) parameters
                }
                else if (TouchesBuilder(a.Value))
                {
                    return null;
                }
            }
            _depth++;
            Block(bodyOp);
            _depth--;
            return Target.Of(TargetKind.Harmless);
        }

        private Target? UserExtension(IInvocationOperation inv, Target receiverTarget, List<IArgumentOperation> args)
        {
            var method = inv.TargetMethod;
            var reduced = method.ReducedFrom ?? method;
            var bodyOp = BodyOf(reduced);
            if (bodyOp == null || _depth > 4 || reduced.Parameters.Length == 0) return null;
            _bindings[reduced.Parameters[0]] = receiverTarget;
            _bindings[reduced.Parameters[0].OriginalDefinition] = receiverTarget;
            foreach (var a in args)
            {
                if (a.Parameter == null) continue;
                var p = reduced.Parameters.FirstOrDefault(x => x.Ordinal == a.Parameter.Ordinal + (method.ReducedFrom != null ? 1 : 0));
                var t = Eval(a.Value);
                if (p != null && t != null)
                {
                    _bindings[p] = t;
                    _bindings[p.OriginalDefinition] = t;
                }
            }
            _depth++;
            Block(bodyOp);
            _depth--;
            // Builder extensions conventionally return their receiver.
            return method.ReturnsVoid ? Target.Of(TargetKind.Harmless) : receiverTarget;
        }

        private IOperation? BodyOf(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length != 1) return null;
            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
            return _operationOf(syntax);
        }

        private void Lambda(IOperation? arg, Target target)
        {
            if (arg == null) return;
            var op = Strip(arg);
            if (op is IDelegateCreationOperation dc) op = Strip(dc.Target);
            if (op is IAnonymousFunctionOperation fn && fn.Symbol.Parameters.Length >= 1)
            {
                _bindings[fn.Symbol.Parameters[0]] = target;
                Block(fn.Body);
                return;
            }
            var tc = target.Type ?? target.Owned?.Inner;
            if (tc != null) tc.Fail("a build action that is not a lambda");
            else _config.Fail("a build action that is not a lambda");
        }

        private static string? ConstString(IOperation? op)
        {
            if (op == null) return null;
            return op.ConstantValue.HasValue ? op.ConstantValue.Value as string : null;
        }

        private static bool IsNullConstant(IOperation op) => op.ConstantValue.HasValue && op.ConstantValue.Value == null;

        /// <summary>x => x.Member → "Member"; null for anything else.</summary>
        private static string? MemberOfLambda(IOperation? op)
        {
            var members = MembersOfLambda(op);
            return members != null && members.Count == 1 ? members[0] : null;
        }

        /// <summary>x => x.A or x => new { x.A, x.B } → the member names.</summary>
        private static List<string>? MembersOfLambda(IOperation? op)
        {
            if (op == null) return null;
            op = Strip(op);
            if (op is IDelegateCreationOperation dc) op = Strip(dc.Target);
            if (!(op is IAnonymousFunctionOperation fn) || fn.Symbol.Parameters.Length != 1) return null;
            var body = fn.Body.Operations.Length == 1 ? fn.Body.Operations[0] : null;
            var value = body is IReturnOperation r ? r.ReturnedValue : body is IExpressionStatementOperation es ? es.Operation : null;
            if (value == null) return null;
            value = Strip(value);
            var parameter = fn.Symbol.Parameters[0];
            if (IsMemberOf(value, parameter, out var single)) return new List<string> { single! };
            if (value is IAnonymousObjectCreationOperation anon)
            {
                var list = new List<string>();
                foreach (var init in anon.Initializers)
                {
                    var v = init is ISimpleAssignmentOperation a ? Strip(a.Value) : init;
                    if (!IsMemberOf(v, parameter, out var name)) return null;
                    list.Add(name!);
                }
                return list;
            }
            return null;
        }

        private static bool IsMemberOf(IOperation value, IParameterSymbol parameter, out string? name)
        {
            name = null;
            if (value is IMemberReferenceOperation m && Strip(m.Instance!) is IParameterReferenceOperation pr &&
                SymbolEqualityComparer.Default.Equals(pr.Parameter, parameter) && (m.Member is IPropertySymbol || m.Member is IFieldSymbol))
            {
                name = m.Member.Name;
                return true;
            }
            return false;
        }

        private static ITypeSymbol? LambdaMemberType(IOperation? op)
        {
            if (op == null) return null;
            op = Strip(op);
            if (op is IDelegateCreationOperation dc) op = Strip(dc.Target);
            if (!(op is IAnonymousFunctionOperation fn)) return null;
            var body = fn.Body.Operations.Length == 1 ? fn.Body.Operations[0] : null;
            var value = body is IReturnOperation r ? r.ReturnedValue : null;
            return value == null ? null : Strip(value).Type;
        }

        private static bool IsLambda(IOperation op)
        {
            op = Strip(op);
            if (op is IDelegateCreationOperation dc) op = Strip(dc.Target);
            return op is IAnonymousFunctionOperation;
        }

        private static ITypeSymbol? TypeOfArgument(IOperation op) => Strip(op) is ITypeOfOperation t ? t.TypeOperand : null;

        // ------------------------------------------------------------------ builder methods

        private Target? Apply(Target target, IInvocationOperation inv, IMethodSymbol method, List<IOperation> args)
        {
            switch (target.Kind)
            {
                case TargetKind.Model:
                    return ModelCall(inv, method, args);
                case TargetKind.Entity:
                    return EntityCall(target.Type!, method, args, owned: null);
                case TargetKind.Owned:
                    return EntityCall(target.Owned!.Inner, method, args, target.Owned);
                case TargetKind.Property:
                    return PropertyCall(target, method, args);
                case TargetKind.Relationship:
                    return RelationshipCall(target, method, args);
                case TargetKind.Conventions:
                    return ConventionsCall(method, args);
                case TargetKind.ConventionProperties:
                    return ConventionPropertiesCall(target, method, args);
                default:
                    return Target.Of(TargetKind.Harmless);
            }
        }

        private static readonly HashSet<string> HarmlessModelCalls = new HashSet<string>(StringComparer.Ordinal)
        {
            "HasPostgresExtension", "HasSequence", "HasDbFunction", "UseCollation", "HasCharSet", "HasCollation", "UseIdentityColumns",
            "UseIdentityAlwaysColumns", "UseIdentityByDefaultColumns", "UseSerialColumns", "UseHiLo", "UseKeySequences",
            "HasDatabaseMaxSize", "HasServiceTier", "HasPerformanceLevel", "UseGuidCollation", "HasPostgresRange", "UseTablespace",
            "UsePropertyAccessMode", "HasChangeTrackingStrategy", "UseAutoIncrementColumns",
        };

        private Target? ModelCall(IInvocationOperation inv, IMethodSymbol method, List<IOperation> args)
        {
            var model = Target.Of(TargetKind.Model);
            switch (method.Name)
            {
                case "Entity":
                {
                    ITypeSymbol? type = method.IsGenericMethod ? method.TypeArguments[0] : args.Count > 0 ? TypeOfArgument(args[0]) : null;
                    if (type == null)
                    {
                        _config.Fail("Entity(...) on a type not known at compile time");
                        return null;
                    }
                    var tc = _config.For(type);
                    tc.InModel = true;
                    var entity = new Target { Kind = TargetKind.Entity, Type = tc };
                    foreach (var a in args)
                    {
                        if (IsLambda(a)) Lambda(a, entity);
                    }
                    return entity;
                }
                case "Ignore":
                {
                    var type = method.IsGenericMethod ? method.TypeArguments[0] : args.Count > 0 ? TypeOfArgument(args[0]) : null;
                    if (type == null) _config.Fail("Ignore(...) on a type not known at compile time");
                    else _config.IgnoredTypes.Add(type);
                    return model;
                }
                case "Owned":
                {
                    var type = method.IsGenericMethod ? method.TypeArguments[0] : args.Count > 0 ? TypeOfArgument(args[0]) : null;
                    if (type == null) _config.Fail("Owned(...) on a type not known at compile time");
                    else _config.OwnedTypes.Add(type);
                    return Target.Of(TargetKind.Harmless);
                }
                case "ApplyConfiguration":
                {
                    var created = args.Count > 0 ? Strip(args[0]) as IObjectCreationOperation : null;
                    if (created?.Type is INamedTypeSymbol ct) _config.AppliedConfigurations.Add(ct);
                    else _config.Fail("ApplyConfiguration with a configuration object not created in place");
                    return model;
                }
                case "ApplyConfigurationsFromAssembly":
                    if (args.Count > 1 && !IsNullConstant(args[1])) _config.Fail("ApplyConfigurationsFromAssembly with a filter");
                    _config.ApplyConfigurationsFromAssembly = true;
                    return model;
                case "HasDefaultSchema":
                {
                    var schema = args.Count > 0 ? ConstString(args[0]) : null;
                    if (schema == null && !(args.Count > 0 && IsNullConstant(args[0]))) _config.Fail("HasDefaultSchema with a computed name");
                    _config.DefaultSchema = schema;
                    return model;
                }
                case "HasPostgresEnum":
                case "HasAnnotation" when args.Count > 0 && ConstString(args[0]) is string an && !an.StartsWith("Relational:", StringComparison.Ordinal):
                    return model;
                default:
                    if (HarmlessModelCalls.Contains(method.Name)) return method.ReturnType?.Name == "ModelBuilder" ? model : Target.Of(TargetKind.Harmless);
                    _config.Fail("ModelBuilder." + method.Name + " is not understood");
                    return null;
            }
        }

        private static readonly HashSet<string> HarmlessEntityCalls = new HashSet<string>(StringComparer.Ordinal)
        {
            "HasIndex", "HasAlternateKey", "HasQueryFilter", "HasData", "HasComment", "HasCheckConstraint", "HasChangeTrackingStrategy",
            "UsePropertyAccessMode", "HasTrigger", "IsMemoryOptimized", "HasCharSet", "UseCollation", "UseTphMappingStrategy", "Navigation",
            "HasKey", "HasNoKey", "ToTable", "ToView", "IsTemporal", "UseXminAsConcurrencyToken", "WithOwner",
            "HasPrecision", "IsRequired", "HasField",
        };

        private Target? EntityCall(TypeConfig tc, IMethodSymbol method, List<IOperation> args, OwnedConfig? owned)
        {
            Target Self() => owned != null ? new Target { Kind = TargetKind.Owned, Owned = owned } : new Target { Kind = TargetKind.Entity, Type = tc };
            Target Chain() => method.ReturnType != null && method.ReturnType.Name.EndsWith("Builder", StringComparison.Ordinal) &&
                              (method.ReturnType.Name.StartsWith("EntityTypeBuilder", StringComparison.Ordinal) ||
                               method.ReturnType.Name.StartsWith("OwnedNavigationBuilder", StringComparison.Ordinal) ||
                               method.ReturnType.Name.StartsWith("ComplexPropertyBuilder", StringComparison.Ordinal))
                ? Self()
                : Target.Of(TargetKind.Harmless);

            switch (method.Name)
            {
                case "ToTable":
                case "ToView":
                {
                    if (owned != null && !owned.Many)
                    {
                        tc.Fail("an owned type split into its own table");
                        return Self();
                    }
                    var strings = args.Where(a => a.Type?.SpecialType == SpecialType.System_String).ToList();
                    foreach (var a in args.Where(IsLambda))
                    {
                        if (!TableBuilderIsHarmless(a)) tc.Fail("table-specific configuration (ToTable(…, t => …)) is not followed");
                    }
                    if (strings.Count == 0) return Self();
                    if (IsNullConstant(strings[0]))
                    {
                        tc.Fail("the entity is not mapped to a table");
                        return Self();
                    }
                    var name = ConstString(strings[0]);
                    if (name == null)
                    {
                        tc.Fail("the table name is computed");
                        return Self();
                    }
                    tc.Table = name;
                    tc.IsView = method.Name == "ToView";
                    if (strings.Count > 1)
                    {
                        if (IsNullConstant(strings[1])) tc.Schema = null;
                        else if (ConstString(strings[1]) is string schema) tc.Schema = schema;
                        else tc.Fail("the schema name is computed");
                    }
                    return Self();
                }
                case "HasKey":
                {
                    var members = args.Count == 1 && IsLambda(args[0]) ? MembersOfLambda(args[0]) : args.All(a => ConstString(a) != null) ? args.Select(a => ConstString(a)!).ToList() : null;
                    if (args.Count == 1 && Strip(args[0]) is IArrayCreationOperation arr && arr.Initializer != null)
                    {
                        members = arr.Initializer.ElementValues.Select(ConstString).Where(s => s != null).Select(s => s!).ToList();
                    }
                    if (members == null || members.Count == 0) tc.Fail("the key is not a list of properties");
                    else tc.Key = members;
                    return Target.Of(TargetKind.Harmless);
                }
                case "HasNoKey":
                    tc.Keyless = true;
                    return Self();
                case "Property":
                case "PrimitiveCollection":
                {
                    string? name = null;
                    ITypeSymbol? shadowType = null;
                    foreach (var a in args)
                    {
                        if (IsLambda(a)) name = MemberOfLambda(a);
                        else if (ConstString(a) is string s) name = s;
                        else if (TypeOfArgument(a) is ITypeSymbol t) shadowType = t;
                    }
                    if (method.IsGenericMethod && args.All(a => !IsLambda(a))) shadowType = method.TypeArguments[0];
                    if (name == null)
                    {
                        tc.Fail("Property(...) on something that is not a direct member");
                        return null;
                    }
                    var pc = tc.Property(name);
                    if (shadowType != null && !HasMember(tc.Type, name)) pc.ShadowType = shadowType;
                    return new Target { Kind = TargetKind.Property, Type = tc, Property = pc };
                }
                case "Ignore":
                {
                    var name = args.Count == 1 ? (IsLambda(args[0]) ? MemberOfLambda(args[0]) : ConstString(args[0])) : null;
                    if (name == null) tc.Fail("Ignore(...) on something that is not a direct member");
                    else tc.Ignored.Add(name);
                    return Self();
                }
                case "OwnsOne":
                case "OwnsMany":
                case "ComplexProperty":
                case "ComplexCollection":
                {
                    if (method.Name == "ComplexCollection")
                    {
                        tc.Fail("complex collections are not followed");
                        return null;
                    }
                    string? nav = null;
                    ITypeSymbol? type = method.IsGenericMethod ? method.TypeArguments[0] : null;
                    IOperation? build = null;
                    foreach (var a in args)
                    {
                        if (IsLambda(a))
                        {
                            var member = MemberOfLambda(a);
                            if (member != null && nav == null)
                            {
                                nav = member;
                                continue;
                            }
                            build = a;
                        }
                        else if (ConstString(a) is string s) nav = nav == null ? s : nav;
                        else if (TypeOfArgument(a) is ITypeSymbol t) type = t;
                    }
                    if (nav == null)
                    {
                        tc.Fail(method.Name + " on something that is not a direct member");
                        return null;
                    }
                    if (!tc.Owned.TryGetValue(nav, out var oc))
                    {
                        oc = new OwnedConfig(nav, method.Name == "OwnsMany", method.Name == "ComplexProperty", type);
                        tc.Owned[nav] = oc;
                    }
                    var inner = new Target { Kind = TargetKind.Owned, Owned = oc };
                    if (build != null) Lambda(build, inner);
                    return inner;
                }
                case "ToJson":
                    if (owned != null) owned.Json = true;
                    else tc.Fail("ToJson on an entity");
                    return Self();
                case "HasOne":
                case "HasMany":
                {
                    ITypeSymbol? related = method.IsGenericMethod ? method.TypeArguments[0] : null;
                    if (related == null)
                    {
                        foreach (var a in args)
                        {
                            if (TypeOfArgument(a) is ITypeSymbol t) related = t;
                        }
                    }
                    if (related == null || tc.Type == null) tc.RelationshipsUnknown = true;
                    else _config.AddPair(tc.Type, related);
                    return new Target { Kind = TargetKind.Relationship, Type = tc, Related = related };
                }
                case "HasDiscriminator":
                {
                    if (args.Count == 0)
                    {
                        tc.DiscriminatorColumn = null;
                    }
                    else if (IsLambda(args[0]))
                    {
                        var member = MemberOfLambda(args[0]);
                        if (member == null) tc.Fail("HasDiscriminator on something that is not a direct member");
                        tc.DiscriminatorProperty = member;
                    }
                    else if (ConstString(args[0]) is string s)
                    {
                        tc.DiscriminatorColumn = s;
                    }
                    else
                    {
                        tc.Fail("a computed discriminator name");
                    }
                    return Target.Of(TargetKind.Harmless);
                }
                case "HasNoDiscriminator":
                    tc.NoDiscriminator = true;
                    return Self();
                case "HasBaseType":
                case "UseTptMappingStrategy":
                case "UseTpcMappingStrategy":
                case "SplitToTable":
                case "SplitToView":
                case "ToSqlQuery":
                case "ToFunction":
                case "HasAnnotation":
                case "HasEntityTypeAnnotation":
                    tc.Fail(method.Name + " is not followed");
                    return null;
                default:
                    if (HarmlessEntityCalls.Contains(method.Name)) return Chain();
                    tc.Fail("EntityTypeBuilder." + method.Name + " is not understood");
                    return null;
            }
        }

        private static bool HasMember(ITypeSymbol? type, string name)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (t.GetMembers(name).Any(m => m is IPropertySymbol || m is IFieldSymbol)) return true;
            }
            return false;
        }

        private static readonly HashSet<string> HarmlessTableBuilderCalls = new HashSet<string>(StringComparer.Ordinal)
        {
            "HasCheckConstraint", "HasComment", "ExcludeFromMigrations", "HasTrigger", "IsTemporal", "UseSqlOutputClause", "HasName",
        };

        private static bool TableBuilderIsHarmless(IOperation lambda)
        {
            foreach (var d in lambda.Descendants())
            {
                if (d is IInvocationOperation inv && EfSymbols.IsEfMethod(inv.TargetMethod) &&
                    inv.TargetMethod.ContainingType.Name.Contains("TableBuilder") &&
                    !HarmlessTableBuilderCalls.Contains(inv.TargetMethod.Name))
                {
                    return false;
                }
                if (d is IInvocationOperation inv2 && inv2.TargetMethod.Name == "Property") return false;
            }
            return true;
        }

        private static readonly HashSet<string> HarmlessPropertyCalls = new HashSet<string>(StringComparer.Ordinal)
        {
            "ValueGeneratedOnAdd", "ValueGeneratedNever", "ValueGeneratedOnAddOrUpdate", "ValueGeneratedOnUpdate", "ValueGeneratedOnUpdateSometimes",
            "HasDefaultValue", "HasDefaultValueSql", "HasComputedColumnSql", "HasPrecision", "IsUnicode", "IsFixedLength", "IsConcurrencyToken",
            "IsRowVersion", "HasComment", "UseIdentityColumn", "UseIdentityByDefaultColumn", "UseIdentityAlwaysColumn", "UseSerialColumn",
            "UseHiLo", "UseSequence", "HasField", "UsePropertyAccessMode", "HasSentinel", "UseCollation", "HasCharSet", "HasSrid",
            "HasValueGenerator", "HasValueGeneratorFactory", "HasColumnOrder", "IsSparse", "HasIdentityOptions", "HasJsonPropertyName",
            "IsGeneratedTsVectorColumn", "HasPostgresArrayConversion", "ElementType", "HasStoredProcedure", "UseMySqlComputedColumn",
            "UseMySqlIdentityColumn", "HasNoDefaultValue",
        };

        private Target? PropertyCall(Target target, IMethodSymbol method, List<IOperation> args)
        {
            var pc = target.Property!;
            switch (method.Name)
            {
                case "HasColumnName":
                    if (args.Count == 1 && ConstString(args[0]) is string name) pc.ColumnName = name;
                    else pc.Unknown = true;
                    return target;
                case "IsRequired":
                    if (args.Count == 0) pc.Required = true;
                    else if (args[0].ConstantValue.HasValue && args[0].ConstantValue.Value is bool b) pc.Required = b;
                    else pc.Unknown = true;
                    return target;
                case "HasMaxLength":
                    if (args.Count == 1 && args[0].ConstantValue.HasValue && args[0].ConstantValue.Value is int n) pc.MaxLength = n;
                    else pc.MaxLength = null;
                    return target;
                case "HasConversion":
                {
                    ITypeSymbol? provider = null;
                    if (method.IsGenericMethod && args.Count == 0) provider = method.TypeArguments[0];
                    else if (!method.IsGenericMethod && args.Count == 1 && TypeOfArgument(args[0]) is ITypeSymbol t) provider = t;
                    var kind = provider == null ? ClrKind.Unknown : ClrTypes.KindOf(provider);
                    if (kind == ClrKind.Unknown) pc.UnknownConversion = true;
                    else pc.ConvertedTo = kind;
                    return target;
                }
                case "IsRowVersion":
                    pc.RowVersion = true;
                    return target;
                case "HasColumnType":
                    if (args.Count == 1 && ConstString(args[0]) is string type) pc.ColumnType = type;
                    else pc.UnknownConversion = true;
                    return target;
                default:
                    if (!HarmlessPropertyCalls.Contains(method.Name)) pc.Unknown = true;
                    return method.ReturnType != null && method.ReturnType.Name.Contains("PropertyBuilder") ? target : Target.Of(TargetKind.Harmless);
            }
        }

        private Target? RelationshipCall(Target target, IMethodSymbol method, List<IOperation> args)
        {
            var tc = target.Type!;
            switch (method.Name)
            {
                case "HasForeignKey":
                    foreach (var a in args.Where(IsLambda))
                    {
                        foreach (var m in MembersOfLambda(a) ?? new List<string>())
                        {
                            tc.ForeignKeyProperties.Add(m);
                            if (target.Related != null) _config.For(target.Related).ForeignKeyProperties.Add(m);
                        }
                    }
                    foreach (var a in args)
                    {
                        if (ConstString(a) is string s) tc.PossibleColumns.Add(s);
                        else if (Strip(a) is IArrayCreationOperation arr && arr.Initializer != null)
                        {
                            foreach (var e in arr.Initializer.ElementValues)
                            {
                                if (ConstString(e) is string es) tc.PossibleColumns.Add(es);
                            }
                        }
                    }
                    if (target.Related != null && ConstString(args.FirstOrDefault()) != null)
                    {
                        // The dependent may be either side: keep the names possible on the related type too.
                        var related = _config.For(target.Related);
                        foreach (var a in args)
                        {
                            if (ConstString(a) is string s) related.PossibleColumns.Add(s);
                        }
                    }
                    return target;
                default:
                    return target;
            }
        }

        private Target? ConventionsCall(IMethodSymbol method, List<IOperation> args)
        {
            switch (method.Name)
            {
                case "Properties":
                case "DefaultTypeMapping":
                    if (method.IsGenericMethod) return new Target { Kind = TargetKind.ConventionProperties, ConventionType = method.TypeArguments[0] };
                    if (args.Count > 0 && TypeOfArgument(args[0]) is ITypeSymbol t) return new Target { Kind = TargetKind.ConventionProperties, ConventionType = t };
                    _config.Fail("ConfigureConventions on types not known at compile time");
                    return null;
                case "IgnoreAny":
                    return Target.Of(TargetKind.Harmless);
                default:
                    _config.Fail("ModelConfigurationBuilder." + method.Name + " is not followed");
                    return null;
            }
        }

        private Target? ConventionPropertiesCall(Target target, IMethodSymbol method, List<IOperation> args)
        {
            var type = target.ConventionType!;
            switch (method.Name)
            {
                case "HaveConversion":
                {
                    ITypeSymbol? provider = null;
                    if (method.IsGenericMethod && method.TypeArguments.Length == 1) provider = method.TypeArguments[0];
                    else if (args.Count == 1 && TypeOfArgument(args[0]) is ITypeSymbol t) provider = t;
                    var kind = provider == null ? ClrKind.Unknown : ClrTypes.KindOf(provider);
                    if (kind == ClrKind.Unknown || method.TypeArguments.Length > 1) _config.ConventionUnknown.Add(type);
                    else _config.ConventionConversions[type] = kind;
                    return target;
                }
                case "HaveMaxLength":
                    if (args.Count == 1 && args[0].ConstantValue.Value is int n) _config.ConventionMaxLengths[type] = n;
                    return target;
                case "HaveColumnType":
                    _config.ConventionUnknown.Add(type);
                    return target;
                case "HavePrecision":
                case "AreUnicode":
                case "AreFixedLength":
                case "UseCollation":
                case "HaveAnnotation":
                    return target;
                default:
                    _config.ConventionUnknown.Add(type);
                    return target;
            }
        }
    }
}
