using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>
    /// Builds <see cref="EfModel"/>s for the DbContext classes of a compilation from
    /// source: DbSet properties, fluent configuration, data annotations and EF Core's
    /// conventions (table and column names, navigations, owned and complex types, TPH,
    /// shadow foreign keys, keys, required-ness, max length, enums, naming conventions).
    /// </summary>
    internal sealed class EfModelReader
    {
        private readonly EfSymbols _s;
        private readonly Compilation _compilation;
        private readonly CompilationFacts _facts;
        private readonly CancellationToken _ct;
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new Dictionary<SyntaxTree, SemanticModel>();

        private EfModelReader(EfSymbols symbols, CompilationFacts facts, CancellationToken ct)
        {
            _s = symbols;
            _compilation = symbols.Compilation;
            _facts = facts;
            _ct = ct;
        }

        /// <param name="tableHits">Scores a model against the schema (tables found, tables checked): used to recognize a naming convention configured outside this project.</param>
        public static List<EfModel> Read(EfSymbols symbols, CompilationFacts facts, CancellationToken ct, Func<EfModel, (int Found, int Total)>? tableHits = null)
        {
            var reader = new EfModelReader(symbols, facts, ct);
            var contexts = new List<INamedTypeSymbol>();
            var configurations = new List<INamedTypeSymbol>();
            reader.CollectTypes(symbols.Compilation.Assembly.GlobalNamespace, contexts, configurations);
            reader._contextCount = contexts.Count;
            var models = new List<EfModel>();
            foreach (var context in contexts)
            {
                ct.ThrowIfCancellationRequested();
                var model = reader.ReadContext(context, configurations, null);
                if (model.SkipReason == null && !model.NamingFromSource && tableHits != null)
                {
                    model = reader.InferNaming(model, context, configurations, tableHits);
                }
                models.Add(model);
            }
            return models;
        }

        /// <summary>
        /// No naming convention in this project's source, yet none of the context's tables exist as named:
        /// the options may be built in another project (AddDbContext in the web host). If exactly one
        /// convention makes most tables exist, read the model with it.
        /// </summary>
        private EfModel InferNaming(EfModel model, INamedTypeSymbol context, List<INamedTypeSymbol> configurations, Func<EfModel, (int Found, int Total)> tableHits)
        {
            var (found, total) = tableHits(model);
            if (found == total || total == 0) return model;
            EfModel? best = null;
            var bestFound = found;
            foreach (var convention in new[] { NamingConvention.SnakeCase, NamingConvention.LowerCase, NamingConvention.UpperSnakeCase, NamingConvention.UpperCase, NamingConvention.CamelCase })
            {
                var candidate = ReadContext(context, configurations, convention);
                if (candidate.SkipReason != null) continue;
                var (f, t) = tableHits(candidate);
                if (f * 2 <= t || f <= bestFound) continue;
                // Equal scores mean names that differ only where the engine does not care (or not at
                // all, for one-word names): the first convention is as good as the next.
                best = candidate;
                bestFound = f;
            }
            return best ?? model;
        }

        private int _contextCount;

        // Types only (GetTypeMembers): asking a type for all its members would build every
        // method, field and property symbol of the project just to find the nested types.
        private void CollectTypes(INamespaceSymbol ns, List<INamedTypeSymbol> contexts, List<INamedTypeSymbol> configurations)
        {
            foreach (var child in ns.GetNamespaceMembers()) CollectTypes(child, contexts, configurations);
            foreach (var type in ns.GetTypeMembers()) CollectType(type, contexts, configurations);
        }

        private void CollectType(INamedTypeSymbol type, List<INamedTypeSymbol> contexts, List<INamedTypeSymbol> configurations)
        {
            if (type.TypeKind == TypeKind.Class)
            {
                if (!type.IsAbstract && !type.IsGenericType && _s.IsDbContext(type)) contexts.Add(type);
                if (type.AllInterfaces.Any(i => EfSymbols.Is(i.OriginalDefinition, _s.EntityTypeConfiguration))) configurations.Add(type);
            }
            foreach (var nested in type.GetTypeMembers()) CollectType(nested, contexts, configurations);
        }

        private IOperation? OperationOf(SyntaxNode syntax)
        {
            if (!_models.TryGetValue(syntax.SyntaxTree, out var model))
            {
#pragma warning disable RS1030 // The model is read once per compilation; the few method bodies it needs live in other files.
                model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                _models[syntax.SyntaxTree] = model;
            }
            return model.GetOperation(syntax, _ct);
        }

        // ------------------------------------------------------------------ configuration

        private ContextConfig ReadConfiguration(INamedTypeSymbol context, List<INamedTypeSymbol> configurations)
        {
            var config = new ContextConfig();
            var interpreter = new FluentInterpreter(config, OperationOf);

            // OnModelCreating of the context and of its base contexts (reached through base.OnModelCreating).
            var onModelCreating = FindOverride(context, "OnModelCreating");
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            while (onModelCreating != null && visited.Add(onModelCreating))
            {
                if (onModelCreating.DeclaringSyntaxReferences.Length == 0)
                {
                    // ASP.NET Core Identity configures only its own entities (their DbSets live in the
                    // base class and are skipped below); any other base context may configure anything.
                    if (!IsIdentityContext(onModelCreating.ContainingType)) config.Fail("OnModelCreating comes from a referenced assembly");
                    break;
                }
                var body = OperationOf(onModelCreating.DeclaringSyntaxReferences[0].GetSyntax());
                interpreter.ModelBuilderMethod(onModelCreating, body);
                onModelCreating = CallsBase(body) ? FindOverride(onModelCreating.ContainingType.BaseType, "OnModelCreating") : null;
            }

            var conventions = FindOverride(context, "ConfigureConventions");
            if (conventions != null && conventions.DeclaringSyntaxReferences.Length > 0)
            {
                interpreter.ConventionsMethod(conventions, OperationOf(conventions.DeclaringSyntaxReferences[0].GetSyntax()));
            }

            foreach (var cfg in configurations)
            {
                foreach (var i in cfg.AllInterfaces.Where(i => EfSymbols.Is(i.OriginalDefinition, _s.EntityTypeConfiguration)))
                {
                    var entityType = i.TypeArguments[0];
                    var applied = config.ApplyConfigurationsFromAssembly && !cfg.IsAbstract && !cfg.IsGenericType ||
                                  config.AppliedConfigurations.Any(a => EfSymbols.Is(a, cfg)) ||
                                  AttributeApplies(entityType, cfg);
                    var tc = config.For(entityType);
                    if (!applied)
                    {
                        tc.UnappliedConfiguration = true;
                        continue;
                    }
                    IMethodSymbol? configure = null;
                    for (var t = cfg; t != null && configure == null; t = t.BaseType)
                    {
                        configure = t.GetMembers("Configure").OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Length == 1 && !m.IsAbstract && m.DeclaringSyntaxReferences.Length > 0);
                    }
                    if (configure == null)
                    {
                        tc.Fail("its configuration class has no Configure body in source");
                        continue;
                    }
                    new FluentInterpreter(config, OperationOf).ConfigureMethod(configure, OperationOf(configure.DeclaringSyntaxReferences[0].GetSyntax()), tc);
                }
            }
            return config;
        }

        private bool AttributeApplies(ITypeSymbol entityType, INamedTypeSymbol configuration)
        {
            var a = _s.Attribute(entityType, _s.EntityTypeConfigurationAttribute);
            return a != null && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is ITypeSymbol t && EfSymbols.Is(t, configuration);
        }

        private static bool IsIdentityContext(INamedTypeSymbol type)
        {
            var ns = ClrTypes.NamespaceName(type.ContainingNamespace);
            return ns == "Microsoft.AspNetCore.Identity.EntityFrameworkCore";
        }

        private IMethodSymbol? FindOverride(INamedTypeSymbol? type, string name)
        {
            for (var t = type; t != null && !EfSymbols.Is(t, _s.DbContext); t = t.BaseType)
            {
                var m = t.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(x => x.IsOverride && x.Parameters.Length == 1);
                if (m != null) return m;
            }
            return null;
        }

        private static bool CallsBase(IOperation? body)
        {
            if (body == null) return false;
            foreach (var d in body.Descendants())
            {
                if (d is IInvocationOperation inv && inv.Instance is IInstanceReferenceOperation r && r.ReferenceKind == InstanceReferenceKind.ContainingTypeInstance &&
                    inv.TargetMethod.Name == "OnModelCreating" && inv.Syntax.ToString().StartsWith("base.", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        // ------------------------------------------------------------------ model

        private sealed class Builder
        {
            public Builder(EfModel model, ContextConfig config, NamingConvention naming)
            {
                Model = model;
                Config = config;
                Naming = naming;
            }

            public EfModel Model { get; }
            public ContextConfig Config { get; }
            public NamingConvention Naming { get; }
            public Dictionary<ITypeSymbol, EfEntity> Entities { get; } = new Dictionary<ITypeSymbol, EfEntity>(SymbolEqualityComparer.Default);
            public List<Nav> Navigations { get; } = new List<Nav>();
        }

        private sealed class Nav
        {
            public EfEntity From = null!;
            public IPropertySymbol Property = null!;
            public EfEntity To = null!;
            public bool Collection;
            public bool Configured;
        }

        private EfModel ReadContext(INamedTypeSymbol context, List<INamedTypeSymbol> configurations, NamingConvention? forcedNaming)
        {
            var model = new EfModel(context);
            var config = ReadConfiguration(context, configurations);
            if (config.Skip != null)
            {
                model.SkipReason = config.Skip;
                return model;
            }
            var naming = NamingFor(context, out var namingProblem);
            if (namingProblem != null)
            {
                model.SkipReason = namingProblem;
                return model;
            }
            model.NamingFromSource = naming != NamingConvention.None;
            if (forcedNaming != null && naming == NamingConvention.None)
            {
                naming = forcedNaming.Value;
                model.InferredNaming = naming;
            }
            var b = new Builder(model, config, naming);

            // 1. Entity types: DbSets, Entity<T>(), then everything reachable through navigations.
            var dbSets = new Dictionary<ITypeSymbol, List<IPropertySymbol>>(SymbolEqualityComparer.Default);
            for (var t = context; t != null && !EfSymbols.Is(t, _s.DbContext); t = t.BaseType)
            {
                foreach (var p in t.GetMembers().OfType<IPropertySymbol>())
                {
                    if (p.IsStatic || p.DeclaredAccessibility != Accessibility.Public || !(p.Type is INamedTypeSymbol nt) ||
                        !EfSymbols.Is(nt.OriginalDefinition, _s.DbSet))
                    {
                        continue;
                    }
                    var et = nt.TypeArguments[0];
                    if (!dbSets.TryGetValue(et, out var list)) dbSets[et] = list = new List<IPropertySymbol>();
                    if (!list.Any(x => x.Name == p.Name)) list.Add(p);
                }
            }
            var queue = new Queue<ITypeSymbol>();
            foreach (var et in dbSets.Keys) queue.Enqueue(et);
            foreach (var tc in config.Types.Values.Where(c => c.InModel && c.Type != null)) queue.Enqueue(tc.Type!);
            while (queue.Count > 0)
            {
                var type = queue.Dequeue() as INamedTypeSymbol;
                if (type == null || b.Entities.ContainsKey(type) || !IsEntityType(type, config)) continue;
                var entity = new EfEntity(type);
                b.Entities[type] = entity;
                if (dbSets.TryGetValue(type, out var sets)) entity.DbSet = sets.Count == 1 ? sets[0] : null;
                if (dbSets.TryGetValue(type, out var many) && many.Count > 1) entity.SkipReason = "more than one DbSet exposes it";
                if (sets != null && sets.Any(x => x.DeclaringSyntaxReferences.Length == 0))
                {
                    entity.SkipReason = entity.SkipReason ?? "it is mapped by a base DbContext from a referenced assembly";
                }
                foreach (var p in ClrTypes.MappableProperties(type, null))
                {
                    if (IsNotMapped(p, config.For(type))) continue;
                    var shape = ShapeOf(p, config.For(type), config);
                    var target = shape == MemberShape.Reference ? p.Type : shape == MemberShape.Collection ? ClrTypes.ElementOf(p.Type) : null;
                    if (target != null && !IsOwnedOrComplex(config.For(type), p, target, config)) queue.Enqueue(target);
                }
            }
            model.Entities.AddRange(b.Entities.Values);

            // 2. Hierarchies (TPH), tables.
            foreach (var e in model.Entities) e.Root = RootOf(e, b);
            foreach (var e in model.Entities)
            {
                var tc = config.For(e.Type);
                if (tc.Skip != null) e.SkipReason = e.SkipReason ?? tc.Skip;
                if (tc.UnappliedConfiguration) e.SkipReason = e.SkipReason ?? "an IEntityTypeConfiguration class for it is not visibly applied";
                var tableAttr = _s.Attribute(e.Type, _s.Table);
                if (e.IsDerived)
                {
                    if (tc.Table != null || tableAttr != null)
                    {
                        MarkHierarchy(e.Root!, model, "TPT/TPC inheritance is not followed");
                    }
                    continue;
                }
                string? schema = config.DefaultSchema;
                if (tc.Table != null)
                {
                    e.Table = tc.Table;
                    schema = tc.Schema ?? config.DefaultSchema;
                }
                else if (tableAttr != null && tableAttr.ConstructorArguments.Length == 1 && tableAttr.ConstructorArguments[0].Value is string tn)
                {
                    e.Table = tn;
                    foreach (var na in tableAttr.NamedArguments)
                    {
                        if (na.Key == "Schema" && na.Value.Value is string s) schema = s;
                    }
                }
                else
                {
                    e.Table = NameRewriter.Rewrite(e.DbSet?.Name ?? (dbSets.ContainsKey(e.Type) ? "" : e.Type.Name), naming);
                    if (e.Table.Length == 0) e.SkipReason = e.SkipReason ?? "its table name is ambiguous";
                }
                e.Schema = schema;
            }
            foreach (var e in model.Entities.Where(x => x.IsDerived))
            {
                e.Table = e.Root!.Table;
                e.Schema = e.Root.Schema;
                if (e.Root.SkipReason != null) e.SkipReason = e.SkipReason ?? e.Root.SkipReason;
            }
            foreach (var e in model.Entities.Where(x => !x.IsDerived && x.SkipReason != null))
            {
                foreach (var d in model.Entities.Where(x => x.Root == e)) d.SkipReason = d.SkipReason ?? e.SkipReason;
            }

            // 3. Columns.
            foreach (var e in model.Entities.ToList()) Columns(e, b);
            ShadowForeignKeys(b);
            SiblingColumns(b);
            Discriminators(b);
            return model;
        }

        private static void MarkHierarchy(EfEntity root, EfModel model, string reason)
        {
            foreach (var e in model.Entities.Where(x => x.Root == root || x == root)) e.SkipReason = e.SkipReason ?? reason;
        }

        private NamingConvention NamingFor(INamedTypeSymbol context, out string? problem)
        {
            problem = null;
            var all = new List<NamingConvention>(_facts.UntiedConventions);
            if (_facts.Conventions.TryGetValue(context, out var tied)) all.AddRange(tied);
            var distinct = all.Distinct().ToList();
            if (distinct.Count == 0) return NamingConvention.None;
            if (distinct.Count > 1)
            {
                problem = "more than one naming convention may apply to it";
                return NamingConvention.None;
            }
            if (_facts.UntiedConventions.Count > 0 && (_contextCount > 1 || _facts.Conventions.Count > 0))
            {
                problem = "a naming convention is configured that SchemaDrift cannot tie to one DbContext";
                return NamingConvention.None;
            }
            return distinct[0];
        }

        private bool IsEntityType(INamedTypeSymbol type, ContextConfig config)
        {
            if (type.TypeKind != TypeKind.Class || config.IgnoredTypes.Contains(type) || config.OwnedTypes.Contains(type) || OwnedSomewhere(type, config)) return false;
            if (_s.Has(type, _s.NotMapped) || _s.Has(type, _s.Owned) || _s.Has(type, _s.ComplexType)) return false;
            return ClrTypes.IsEntityCandidate(type) || config.Types.TryGetValue(type, out var tc) && tc.InModel;
        }

        /// <summary>
        /// The shape EF Core gives a property: a value converter (HasConversion on the property, or
        /// HaveConversion for its type in ConfigureConventions) makes any type a scalar column.
        /// </summary>
        private static MemberShape ShapeOf(IPropertySymbol p, TypeConfig tc, ContextConfig config)
        {
            if (tc.Properties.TryGetValue(p.Name, out var pc) && (pc.UnknownConversion || pc.ConvertedTo != null)) return MemberShape.Scalar;
            var inner = ClrTypes.Unwrap(p.Type, out _);
            if (config.ConventionUnknown.Contains(inner) || config.ConventionConversions.ContainsKey(inner)) return MemberShape.Scalar;
            return ClrTypes.ShapeOf(p.Type);
        }

        /// <summary>A type configured as owned or complex for some navigation (OwnsOne/OwnsMany/ComplexProperty) is never an entity.</summary>
        private static bool OwnedSomewhere(ITypeSymbol type, ContextConfig config)
        {
            var stack = new Stack<TypeConfig>(config.Types.Values);
            var guard = 0;
            while (stack.Count > 0 && guard++ < 10000)
            {
                foreach (var oc in stack.Pop().Owned.Values)
                {
                    if (oc.Inner.Type != null && SymbolEqualityComparer.Default.Equals(oc.Inner.Type, type)) return true;
                    stack.Push(oc.Inner);
                }
            }
            return false;
        }

        private bool IsNotMapped(IPropertySymbol p, TypeConfig tc) =>
            tc.Ignored.Contains(p.Name) || _s.Has(p, _s.NotMapped);

        private bool IsOwnedOrComplex(TypeConfig owner, IPropertySymbol p, ITypeSymbol target, ContextConfig config) =>
            owner.Owned.ContainsKey(p.Name) || config.OwnedTypes.Contains(target) || _s.Has(target, _s.Owned) || _s.Has(target, _s.ComplexType) ||
            config.IgnoredTypes.Contains(target) || _s.Has(target, _s.NotMapped);

        private static EfEntity RootOf(EfEntity e, Builder b)
        {
            var root = e;
            for (var t = e.Type.BaseType; t != null; t = t.BaseType)
            {
                if (b.Entities.TryGetValue(t, out var parent)) root = parent;
            }
            return root;
        }

        private EfEntity? ParentOf(EfEntity e, Builder b)
        {
            for (var t = e.Type.BaseType; t != null; t = t.BaseType)
            {
                if (b.Entities.TryGetValue(t, out var parent)) return parent;
            }
            return null;
        }

        // ------------------------------------------------------------------ columns

        private void Columns(EfEntity e, Builder b)
        {
            var config = b.Config;
            var tc = config.For(e.Type);
            var parent = ParentOf(e, b);
            var derived = parent != null;
            foreach (var c in tc.PossibleColumns) e.PossibleColumns.Add(c);

            // Keys (on the root; derived types share it).
            var keyNames = derived ? new List<string>() : KeyOf(e, tc, b);
            if (!derived && keyNames == null && e.SkipReason == null) e.SkipReason = "no key SchemaDrift can find (EF would reject the model unless configured elsewhere)";

            foreach (var p in ClrTypes.MappableProperties(e.Type, parent?.Type))
            {
                if (IsNotMapped(p, tc)) continue;
                var shape = ShapeOf(p, tc, config);
                if (tc.Owned.TryGetValue(p.Name, out var oc))
                {
                    Owned(e, b, p, oc, oc.Inner.Type ?? (oc.Many ? ClrTypes.ElementOf(p.Type) : p.Type), derived);
                    continue;
                }
                switch (shape)
                {
                    case MemberShape.Scalar:
                    case MemberShape.PrimitiveCollection:
                    {
                        var col = ScalarColumn(p, tc.Properties.TryGetValue(p.Name, out var pc) ? pc : null, b, p.Name, keyNames?.Contains(p.Name) == true);
                        if (col == null)
                        {
                            e.PossibleColumns.Add(Rewrite(p.Name, tc, b));
                            continue;
                        }
                        if (shape == MemberShape.PrimitiveCollection) col.Kind = ClrKind.Unknown;
                        if (derived)
                        {
                            col.NullableByMapping = true;
                            col.Required = null;
                        }
                        e.Columns.Add(col);
                        break;
                    }
                    case MemberShape.Reference:
                    case MemberShape.Collection:
                    {
                        var target = shape == MemberShape.Reference ? p.Type : ClrTypes.ElementOf(p.Type)!;
                        if (b.Entities.TryGetValue(target, out var te))
                        {
                            b.Navigations.Add(new Nav
                            {
                                From = e,
                                Property = p,
                                To = te,
                                Collection = shape == MemberShape.Collection,
                                Configured = _s.Has(p, _s.ForeignKey) || _s.Has(p, _s.InverseProperty),
                            });
                        }
                        else if (config.OwnedTypes.Contains(target) || _s.Has(target, _s.Owned))
                        {
                            Owned(e, b, p, new OwnedConfig(p.Name, shape == MemberShape.Collection, false, target), target, derived);
                        }
                        else if (_s.Has(target, _s.ComplexType) && shape == MemberShape.Reference)
                        {
                            Owned(e, b, p, new OwnedConfig(p.Name, false, true, target), target, derived);
                        }
                        else if (!(config.IgnoredTypes.Contains(target) || _s.Has(target, _s.NotMapped)))
                        {
                            e.ColumnsComplete = false;
                        }
                        break;
                    }
                    default:
                        // Provider-specific or unknown CLR type: EF may map it (Npgsql: IPAddress, ranges…) or reject it.
                        e.PossibleColumns.Add(Rewrite(p.Name, tc, b));
                        break;
                }
            }

            // Shadow properties from Property<T>("Name").
            foreach (var pc in tc.Properties.Values.Where(x => x.ShadowType != null))
            {
                if (pc.Unknown)
                {
                    e.ColumnsComplete = false;
                    continue;
                }
                var kind = ClrTypes.KindOf(pc.ShadowType!);
                ClrTypes.Unwrap(pc.ShadowType!, out var nullable);
                e.Columns.Add(new EfColumn
                {
                    Name = pc.ColumnName ?? NameRewriter.Rewrite(pc.Name, b.Naming),
                    Origin = ColumnOrigin.ShadowProperty,
                    ReportOn = e.Type,
                    MemberPath = pc.Name,
                    Kind = pc.ConvertedTo ?? kind,
                    Required = pc.Required,
                    MaxLength = pc.MaxLength,
                    ColumnType = pc.ColumnType,
                    HasUnknownConversion = pc.UnknownConversion,
                    NullableByMapping = derived,
                });
            }
            var mapped = new HashSet<string>(ClrTypes.MappableProperties(e.Type, parent?.Type).Select(p => p.Name));
            foreach (var pc in tc.Properties.Values)
            {
                if (pc.ShadowType != null || mapped.Contains(pc.Name) || tc.Owned.ContainsKey(pc.Name)) continue;
                // Property(...) on a field, a get-only property, or a name the type does not have: EF maps it,
                // but SchemaDrift does not judge it; the column is only "possible".
                if (!HasProperty(e.Type, pc.Name)) e.ColumnsComplete = false;
                e.PossibleColumns.Add(pc.ColumnName ?? NameRewriter.Rewrite(pc.Name, b.Naming));
            }
        }

        private static bool HasProperty(ITypeSymbol type, string name)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (t.GetMembers(name).Any(m => m is IPropertySymbol || m is IFieldSymbol)) return true;
            }
            return false;
        }

        private string Rewrite(string name, TypeConfig tc, Builder b) =>
            tc.Properties.TryGetValue(name, out var pc) && pc.ColumnName != null ? pc.ColumnName : NameRewriter.Rewrite(name, b.Naming);

        private List<string>? KeyOf(EfEntity e, TypeConfig tc, Builder b)
        {
            if (tc.Keyless || _s.Has(e.Type, _s.Keyless)) return new List<string>();
            if (tc.Key != null) return tc.Key;
            var pk = _s.Attribute(e.Type, _s.PrimaryKey);
            if (pk != null)
            {
                var names = new List<string>();
                foreach (var arg in pk.ConstructorArguments)
                {
                    if (arg.Kind == TypedConstantKind.Array) names.AddRange(arg.Values.Select(v => v.Value as string).Where(v => v != null)!);
                    else if (arg.Value is string s) names.Add(s);
                }
                return names;
            }
            var props = ClrTypes.MappableProperties(e.Type, null).Where(p => !IsNotMapped(p, tc) && ShapeOf(p, tc, b.Config) == MemberShape.Scalar).ToList();
            var keyed = props.Where(p => _s.Has(p, _s.Key)).Select(p => p.Name).ToList();
            if (keyed.Count > 0) return keyed;
            var id = props.FirstOrDefault(p => string.Equals(p.Name, "Id", StringComparison.OrdinalIgnoreCase)) ??
                     props.FirstOrDefault(p => string.Equals(p.Name, e.Type.Name + "Id", StringComparison.OrdinalIgnoreCase));
            return id != null ? new List<string> { id.Name } : null;
        }

        private EfColumn? ScalarColumn(IPropertySymbol p, PropertyConfig? pc, Builder b, string defaultName, bool isKey)
        {
            if (pc != null && pc.Unknown) return null;
            var type = p.Type;
            var inner = ClrTypes.Unwrap(type, out var wrapped);
            var enumType = ClrTypes.EnumOf(type);
            var column = new EfColumn
            {
                Origin = ColumnOrigin.Property,
                Property = p,
                ReportOn = p,
                MemberPath = p.Name,
                IsKey = isKey,
                IsValueType = inner.IsValueType && !wrapped,
                EnumType = enumType,
            };
            column.Name = pc?.ColumnName ?? ColumnAttributeName(p) ?? NameRewriter.Rewrite(defaultName, b.Naming);

            // What is stored.
            ClrKind? converted = pc?.ConvertedTo;
            if (converted == null && b.Config.ConventionConversions.TryGetValue(inner, out var conv)) converted = conv;
            if (b.Config.ConventionUnknown.Contains(inner)) column.HasUnknownConversion = true;
            if (pc != null && pc.UnknownConversion) column.HasUnknownConversion = true;
            if (enumType != null)
            {
                if (converted == ClrKind.String)
                {
                    column.EnumStorage = EnumStorage.Name;
                    column.Kind = ClrKind.String;
                }
                else if (converted != null)
                {
                    column.EnumStorage = EnumStorage.Number;
                    column.Kind = converted.Value;
                }
                else if (_facts.PgEnums.ContainsKey(enumType))
                {
                    column.EnumStorage = EnumStorage.PostgresEnum;
                    column.Kind = ClrKind.Unknown;
                }
                else
                {
                    column.EnumStorage = EnumStorage.Number;
                    column.Kind = ClrKinds.FromMetadataName(ClrTypes.MetadataName(enumType.EnumUnderlyingType!));
                }
            }
            else
            {
                column.Kind = converted ?? ClrTypes.KindOf(type);
                if (converted != null && converted != ClrTypes.KindOf(type)) column.EnumStorage = EnumStorage.None;
            }
            var typeName = ColumnAttributeTypeName(p) ?? pc?.ColumnType;
            if (typeName != null) column.ColumnType = typeName;
            if (_s.Has(p, _s.Timestamp) || pc?.RowVersion == true) return null; // rowversion/xmin mapping differs per provider: not judged

            // Nullability as C# sees it, and as the model requires.
            var nonNullableMember = inner.IsValueType ? !wrapped : p.NullableAnnotation == NullableAnnotation.NotAnnotated;
            column.NonNullableMember = nonNullableMember;
            bool required;
            if (isKey) required = true;
            else if (pc?.Required != null) required = pc.Required.Value;
            else if (_s.Has(p, _s.Required)) required = true;
            else required = nonNullableMember;
            column.Required = required;

            // Max length.
            column.MaxLength = pc?.MaxLength ?? AttributeInt(p, _s.MaxLength) ?? AttributeInt(p, _s.StringLength) ??
                               (b.Config.ConventionMaxLengths.TryGetValue(inner, out var ml) ? ml : (int?)null);
            return column;
        }

        private string? ColumnAttributeName(IPropertySymbol p)
        {
            var a = _s.Attribute(p, _s.Column);
            return a != null && a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null;
        }

        private string? ColumnAttributeTypeName(IPropertySymbol p)
        {
            var a = _s.Attribute(p, _s.Column);
            if (a == null) return null;
            foreach (var na in a.NamedArguments)
            {
                if (na.Key == "TypeName") return na.Value.Value as string;
            }
            return null;
        }

        private int? AttributeInt(IPropertySymbol p, INamedTypeSymbol? attribute)
        {
            var a = _s.Attribute(p, attribute);
            return a != null && a.ConstructorArguments.Length >= 1 && a.ConstructorArguments[0].Value is int n ? n : (int?)null;
        }

        // ------------------------------------------------------------------ owned and complex types

        private void Owned(EfEntity e, Builder b, IPropertySymbol navigation, OwnedConfig oc, ITypeSymbol? type, bool derived)
        {
            if (!(type is INamedTypeSymbol ownedType) || oc.Inner.Skip != null)
            {
                e.ColumnsComplete = false;
                if (oc.Inner.Skip != null) e.SkipReason = e.SkipReason ?? oc.Inner.Skip;
                return;
            }
            if (oc.Json)
            {
                e.Columns.Add(new EfColumn { Name = NameRewriter.Rewrite(navigation.Name, b.Naming), Origin = ColumnOrigin.Owned, ReportOn = navigation, MemberPath = navigation.Name, Kind = ClrKind.Unknown });
                return;
            }
            if (oc.Many)
            {
                OwnedCollection(e, b, navigation, oc, ownedType);
                return;
            }
            // Table splitting: the owned type's columns live in the owner's table as Nav_Prop.
            // An optional owned reference makes every column nullable; complex properties are required.
            var optional = !oc.Complex && navigation.NullableAnnotation != NullableAnnotation.NotAnnotated;
            Flatten(e, b, navigation, navigation.Name, navigation.Name, ownedType, oc.Inner, optional || derived, 0);
        }

        private void Flatten(EfEntity e, Builder b, IPropertySymbol topNavigation, string prefix, string path, INamedTypeSymbol type, TypeConfig inner, bool nullable, int depth)
        {
            if (depth > 5)
            {
                e.ColumnsComplete = false;
                return;
            }
            foreach (var p in ClrTypes.MappableProperties(type, null))
            {
                if (inner.Ignored.Contains(p.Name) || _s.Has(p, _s.NotMapped)) continue;
                var shape = ClrTypes.ShapeOf(p.Type);
                if (inner.Owned.TryGetValue(p.Name, out var nested) && !nested.Many && nested.Inner.Skip == null && ClrTypes.ShapeOf(p.Type) == MemberShape.Reference)
                {
                    var optional = !nested.Complex && p.NullableAnnotation != NullableAnnotation.NotAnnotated;
                    Flatten(e, b, topNavigation, prefix + "_" + p.Name, path + "." + p.Name, (INamedTypeSymbol)p.Type, nested.Inner, nullable || optional, depth + 1);
                    continue;
                }
                if (shape == MemberShape.Reference && (_s.Has(p.Type, _s.Owned) || _s.Has(p.Type, _s.ComplexType) || b.Config.OwnedTypes.Contains(p.Type)))
                {
                    var optional = !_s.Has(p.Type, _s.ComplexType) && p.NullableAnnotation != NullableAnnotation.NotAnnotated;
                    Flatten(e, b, topNavigation, prefix + "_" + p.Name, path + "." + p.Name, (INamedTypeSymbol)p.Type, new TypeConfig(p.Type), nullable || optional, depth + 1);
                    continue;
                }
                if (shape != MemberShape.Scalar && shape != MemberShape.PrimitiveCollection)
                {
                    // A navigation out of an owned type, or something unknown: the owner's columns are not fully known.
                    e.ColumnsComplete = false;
                    continue;
                }
                inner.Properties.TryGetValue(p.Name, out var pc);
                var col = ScalarColumn(p, pc, b, prefix + "_" + p.Name, isKey: false);
                if (col == null)
                {
                    e.ColumnsComplete = false;
                    continue;
                }
                if (pc?.ColumnName == null && ColumnAttributeName(p) == null) col.Name = NameRewriter.Rewrite(prefix + "_" + p.Name, b.Naming);
                if (shape == MemberShape.PrimitiveCollection) col.Kind = ClrKind.Unknown;
                col.Origin = ColumnOrigin.Owned;
                col.ReportOn = topNavigation;
                col.MemberPath = path + "." + p.Name;
                if (nullable)
                {
                    col.NullableByMapping = true;
                    col.Required = null;
                }
                e.Columns.Add(col);
            }
        }

        /// <summary>OwnsMany: its own table (named after the owned type unless ToTable says otherwise), keyed by the owner's key and a synthetic Id.</summary>
        private void OwnedCollection(EfEntity owner, Builder b, IPropertySymbol navigation, OwnedConfig oc, INamedTypeSymbol type)
        {
            var entity = new EfEntity(type)
            {
                Owner = owner,
                ReportOn = navigation,
                Table = oc.Inner.Table ?? NameRewriter.Rewrite(type.Name, b.Naming),
                Schema = oc.Inner.Schema ?? owner.Schema ?? b.Config.DefaultSchema,
                ColumnsComplete = false,
                SkipReason = owner.SkipReason,
            };
            entity.Root = entity;
            var ownerKey = KeyOf(owner, b.Config.For(owner.Type), b);
            foreach (var k in ownerKey ?? new List<string>())
            {
                entity.PossibleColumns.Add(NameRewriter.Rewrite(owner.Type.Name + k, b.Naming));
                entity.PossibleColumns.Add(NameRewriter.Rewrite(navigation.Name + k, b.Naming));
            }
            entity.PossibleColumns.Add(NameRewriter.Rewrite("Id", b.Naming));
            foreach (var c in oc.Inner.PossibleColumns) entity.PossibleColumns.Add(c);
            foreach (var p in ClrTypes.MappableProperties(type, null))
            {
                if (oc.Inner.Ignored.Contains(p.Name) || _s.Has(p, _s.NotMapped)) continue;
                var shape = ClrTypes.ShapeOf(p.Type);
                if (shape != MemberShape.Scalar && shape != MemberShape.PrimitiveCollection) continue;
                oc.Inner.Properties.TryGetValue(p.Name, out var pc);
                var col = ScalarColumn(p, pc, b, p.Name, isKey: false);
                if (col == null)
                {
                    entity.PossibleColumns.Add(NameRewriter.Rewrite(p.Name, b.Naming));
                    continue;
                }
                if (shape == MemberShape.PrimitiveCollection) col.Kind = ClrKind.Unknown;
                col.Origin = ColumnOrigin.Owned;
                col.ReportOn = navigation;
                col.MemberPath = navigation.Name + "[]." + p.Name;
                entity.Columns.Add(col);
            }
            b.Model.Entities.Add(entity);
        }

        // ------------------------------------------------------------------ relationships

        /// <summary>
        /// Shadow foreign keys EF adds by convention. Predicted only for the unambiguous shapes
        /// (one navigation, or one navigation each way), never for pairs configured explicitly;
        /// otherwise the candidate names become "possible" columns that are never reported.
        /// </summary>
        private void ShadowForeignKeys(Builder b)
        {
            MarkForeignKeyProperties(b);
            var pairs = b.Navigations.GroupBy(n => Pair(n.From.Type, n.To.Type), StringComparer.Ordinal);
            foreach (var group in pairs)
            {
                var navs = group.ToList();
                var a = navs[0].From;
                var c = navs[0].To;
                var ab = navs.Where(n => n.From == a).ToList();
                var ba = navs.Where(n => n.From != a).ToList();
                var configured = navs.Any(n => n.Configured) || b.Config.IsPairConfigured(a.Type, c.Type) ||
                                 b.Config.For(a.Type).RelationshipsUnknown || b.Config.For(c.Type).RelationshipsUnknown || a == c;
                if (configured)
                {
                    foreach (var n in navs) AddPossibleKeys(n, b);
                    continue;
                }
                if (ba.Count == 0 || ab.Count == 0)
                {
                    var one = ab.Count == 0 ? ba : ab;
                    var collections = one.Where(n => n.Collection).ToList();
                    foreach (var n in one)
                    {
                        if (n.Collection && collections.Count > 1) AddPossibleKeys(n, b);
                        else Predict(n.Collection ? n.To : n.From, n.Collection ? n.From : n.To, n.Collection ? null : n.Property.Name, n, b);
                    }
                    continue;
                }
                if (ab.Count == 1 && ba.Count == 1)
                {
                    var x = ab[0];
                    var y = ba[0];
                    if (x.Collection && y.Collection) continue; // many-to-many: a join table, no columns here
                    if (x.Collection != y.Collection)
                    {
                        var reference = x.Collection ? y : x;
                        Predict(reference.From, reference.To, reference.Property.Name, reference, b);
                        continue;
                    }
                    // One-to-one: the side with a foreign key property is the dependent; otherwise EF needs configuration.
                    AddPossibleKeys(x, b);
                    AddPossibleKeys(y, b);
                    continue;
                }
                foreach (var n in navs) AddPossibleKeys(n, b);
            }
        }

        /// <summary>Properties that are (or may be) foreign keys: by EF's naming rules, [ForeignKey], or HasForeignKey.</summary>
        private void MarkForeignKeyProperties(Builder b)
        {
            foreach (var e in b.Model.Entities)
            {
                var tc = b.Config.For(e.Type);
                foreach (var c in e.Columns.Where(c => c.Property != null))
                {
                    if (tc.ForeignKeyProperties.Contains(c.Property!.Name) || _s.Has(c.Property, _s.ForeignKey)) c.IsForeignKey = true;
                }
            }
            foreach (var n in b.Navigations)
            {
                var dependent = n.Collection ? n.To : n.From;
                var principal = n.Collection ? n.From : n.To;
                var key = KeyOf(principal.Root ?? principal, b.Config.For((principal.Root ?? principal).Type), b) ?? new List<string> { "Id" };
                var names = new List<string> { principal.Type.Name + "Id" };
                foreach (var k in key)
                {
                    names.Add(principal.Type.Name + k);
                    names.Add(k);
                    if (!n.Collection)
                    {
                        names.Add(n.Property.Name + k);
                        names.Add(n.Property.Name + "Id");
                    }
                }
                foreach (var c in dependent.Columns.Where(c => c.Property != null && !c.IsKey))
                {
                    if (names.Any(x => string.Equals(x, c.Property!.Name, StringComparison.OrdinalIgnoreCase))) c.IsForeignKey = true;
                }
            }
        }

        private static string Pair(ITypeSymbol x, ITypeSymbol y)
        {
            var a = x.ToDisplayString();
            var c = y.ToDisplayString();
            return string.CompareOrdinal(a, c) <= 0 ? a + "|" + c : c + "|" + a;
        }

        private void Predict(EfEntity dependent, EfEntity principal, string? navigationName, Nav nav, Builder b)
        {
            var principalRoot = principal.Root ?? principal;
            var key = KeyOf(principalRoot, b.Config.For(principalRoot.Type), b);
            if (key == null || key.Count != 1 || dependent.SkipReason != null)
            {
                AddPossibleKeys(nav, b);
                return;
            }
            var pk = key[0];
            var candidates = new List<string>();
            if (navigationName != null)
            {
                candidates.Add(navigationName + pk);
                candidates.Add(navigationName + "Id");
            }
            candidates.Add(principal.Type.Name + pk);
            candidates.Add(principal.Type.Name + "Id");
            var dependentProps = ClrTypes.MappableProperties(dependent.Type, null).Select(p => p.Name).ToList();
            var dtc = b.Config.For(dependent.Type);
            dependentProps.AddRange(dtc.Properties.Values.Where(p => p.ShadowType != null).Select(p => p.Name));
            if (candidates.Any(cand => dependentProps.Any(p => string.Equals(p, cand, StringComparison.OrdinalIgnoreCase)))) return;
            var baseName = navigationName ?? principal.Type.Name;
            var name = pk.StartsWith(baseName, StringComparison.OrdinalIgnoreCase) ? pk : baseName + pk;
            var column = NameRewriter.Rewrite(name, b.Naming);
            if (dependent.Columns.Any(col => string.Equals(col.Name, column, StringComparison.OrdinalIgnoreCase)))
            {
                dependent.PossibleColumns.Add(column);
                return;
            }
            dependent.Columns.Add(new EfColumn
            {
                Name = column,
                Origin = ColumnOrigin.ShadowForeignKey,
                ReportOn = nav.Property,
                MemberPath = nav.Property.ContainingType.Name + "." + nav.Property.Name,
                Kind = ClrKind.Unknown,
                NullableByMapping = true,
            });
        }

        private void AddPossibleKeys(Nav n, Builder b)
        {
            var principal = n.Collection ? n.From : n.To;
            var dependent = n.Collection ? n.To : n.From;
            var key = KeyOf(principal.Root ?? principal, b.Config.For((principal.Root ?? principal).Type), b) ?? new List<string> { "Id" };
            foreach (var k in key)
            {
                foreach (var baseName in new[] { n.Property.Name, principal.Type.Name, n.From.Type.Name, n.To.Type.Name })
                {
                    var name = k.StartsWith(baseName, StringComparison.OrdinalIgnoreCase) ? k : baseName + k;
                    foreach (var side in new[] { dependent, principal })
                    {
                        side.PossibleColumns.Add(NameRewriter.Rewrite(name, b.Naming));
                        side.PossibleColumns.Add(NameRewriter.Rewrite(baseName + k, b.Naming));
                        side.PossibleColumns.Add(NameRewriter.Rewrite(name + "1", b.Naming));
                    }
                }
            }
        }

        // ------------------------------------------------------------------ TPH

        /// <summary>
        /// Sibling TPH types declaring a property of the same name: EF Core gives one of them the plain
        /// name and prefixes the others ("Bug_Severity"), in an order not visible from source. Those
        /// columns become possible names only.
        /// </summary>
        private void SiblingColumns(Builder b)
        {
            foreach (var root in b.Model.Entities.Where(e => e.Root == e && e.Owner == null))
            {
                var derived = b.Model.Entities.Where(e => e.Root == root && e != root).ToList();
                if (derived.Count < 2) continue;
                var clashes = derived
                    .SelectMany(e => e.Columns.Where(c => c.Origin == ColumnOrigin.Property || c.Origin == ColumnOrigin.Owned).Select(c => (Entity: e, Column: c)))
                    .GroupBy(x => x.Column.Name, StringComparer.OrdinalIgnoreCase)
                    .Where(g => g.Select(x => x.Entity).Distinct().Count() > 1);
                foreach (var group in clashes)
                {
                    foreach (var (entity, column) in group)
                    {
                        entity.Columns.Remove(column);
                        root.PossibleColumns.Add(column.Name);
                        root.PossibleColumns.Add(NameRewriter.Rewrite(entity.Type.Name + "_" + (column.Property?.Name ?? column.Name), b.Naming));
                        root.PossibleColumns.Add(NameRewriter.Rewrite(entity.Type.Name, b.Naming) + "_" + column.Name);
                    }
                }
            }
        }

        private void Discriminators(Builder b)
        {
            foreach (var root in b.Model.Entities.Where(e => e.Root == e && e.Owner == null))
            {
                if (!b.Model.Entities.Any(e => e.Root == root && e != root)) continue;
                var tc = b.Config.For(root.Type);
                if (tc.DiscriminatorProperty != null || tc.NoDiscriminator) continue; // an existing property is the discriminator, or none
                root.Columns.Add(new EfColumn
                {
                    Name = tc.DiscriminatorColumn ?? NameRewriter.Rewrite("Discriminator", b.Naming),
                    Origin = ColumnOrigin.Discriminator,
                    ReportOn = root.Type,
                    MemberPath = "(discriminator)",
                    Kind = ClrKind.Unknown,
                    Required = true,
                });
            }
        }
    }
}
