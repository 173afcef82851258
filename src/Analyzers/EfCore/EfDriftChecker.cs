using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Rules;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;
using SchemaDrift.Core.Sql.Analysis;
using SchemaDrift.Core.Sql.Syntax;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Analyzers.EfCore
{
    /// <summary>A diagnostic and the type whose symbol action reports it (the type that declares its location).</summary>
    internal readonly struct OwnedDiagnostic
    {
        public OwnedDiagnostic(INamedTypeSymbol owner, Diagnostic diagnostic)
        {
            Owner = owner;
            Diagnostic = diagnostic;
        }

        public INamedTypeSymbol Owner { get; }
        public Diagnostic Diagnostic { get; }
    }

    /// <summary>Compares the EF Core models read from source with the schema snapshot.</summary>
    internal sealed class EfDriftChecker
    {
        private readonly SchemaIndex _ix;
        private readonly string _provider;
        private readonly CompilationFacts _facts;
        private readonly EfSymbols _symbols;
        private readonly List<OwnedDiagnostic> _out = new List<OwnedDiagnostic>();
        private readonly HashSet<string> _enumReported = new HashSet<string>(StringComparer.Ordinal);

        private EfDriftChecker(SchemaIndex index, CompilationFacts facts, EfSymbols symbols)
        {
            _ix = index;
            _provider = index.Snapshot.Provider;
            _facts = facts;
            _symbols = symbols;
        }

        public static List<OwnedDiagnostic> Check(IEnumerable<EfModel> models, SchemaIndex index, CompilationFacts facts, EfSymbols symbols)
        {
            var checker = new EfDriftChecker(index, facts, symbols);
            foreach (var model in models)
            {
                try
                {
                    checker.CheckModel(model);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // One context's bug must not cost the others' findings, nor the compiler.
                }
            }
            return checker._out;
        }

        /// <summary>How many of the model's checkable tables and columns the snapshot has.</summary>
        public static (int Found, int Total) TableHits(EfModel model, SchemaIndex index)
        {
            var checker = new EfDriftChecker(index, new CompilationFacts(), null!);
            var found = 0;
            var total = 0;
            foreach (var e in model.Entities.Where(e => e.SkipReason == null && e.Table.Length > 0 && e.Owner == null))
            {
                var table = checker.FindTable(e);
                if (!e.IsDerived)
                {
                    total++;
                    if (table != null) found++;
                }
                foreach (var c in e.Columns)
                {
                    total++;
                    if (table != null && index.FindColumn(table, Quoted(c.Name)) != null) found++;
                }
            }
            return (found, total);
        }

        private void Report(ISymbol? on, Diagnostic? diagnostic)
        {
            if (on == null || diagnostic == null) return;
            var owner = on as INamedTypeSymbol ?? on.ContainingType;
            if (owner == null || diagnostic.Location == Location.None || !diagnostic.Location.IsInSource) return;
            _out.Add(new OwnedDiagnostic(owner, diagnostic));
        }

        private static Location? SourceLocation(ISymbol? symbol)
        {
            if (symbol == null) return null;
            foreach (var l in symbol.Locations)
            {
                if (l.IsInSource) return l;
            }
            return null;
        }

        private static SqlIdentifier Quoted(string name) => new SqlIdentifier(name, true, 0, 0);

        private TableInfo? FindTable(EfEntity e)
        {
            var parts = new List<SqlIdentifier>();
            if (e.Schema != null && _provider == SqlProviders.Postgres) parts.Add(Quoted(e.Schema));
            parts.Add(Quoted(e.Table));
            return _ix.FindTable(new SqlObjectName(parts));
        }

        private void CheckModel(EfModel model)
        {
            if (model.SkipReason != null) return;
            var checkable = model.Entities.Where(e => e.SkipReason == null && e.Table.Length > 0 &&
                                                      !(e.Schema != null && _provider == SqlProviders.MySql)).ToList();
            if (checkable.Count == 0) return;
            var tables = new Dictionary<EfEntity, TableInfo?>();
            foreach (var e in checkable) tables[e] = FindTable(e);

            // A context none of whose tables exist, while the database has tables, most likely
            // talks to another database: say nothing rather than flag every entity.
            if (tables.Values.All(t => t == null) && _ix.Snapshot.Tables.Count > 0) return;

            // A user who sees only some tables (MySQL table-level grants): a missing table may just be hidden.
            var partial = _ix.Snapshot.PartialVisibility;
            foreach (var e in checkable.Where(x => !x.IsDerived && tables[x] == null && !partial))
            {
                var on = e.ReportOn ?? (SourceLocation(e.DbSet) != null ? (ISymbol?)e.DbSet : null) ?? e.Type;
                Report(on, ModelAheadOfDatabaseRule.ForTable(SourceLocation(on), e, _provider, SimilarTables(e)));
            }

            foreach (var group in checkable.Where(x => tables[x] != null).GroupBy(x => tables[x]!))
            {
                var table = group.Key;
                var entities = group.ToList();
                foreach (var e in entities)
                {
                    foreach (var column in e.Columns) CheckColumn(e, column, table);
                }
                Unmapped(model, table, entities);
            }
        }

        private IEnumerable<string> SimilarTables(EfEntity e) =>
            NameSimilarity.Candidates(e.Table, _ix.AllTableNames);

        private void CheckColumn(EfEntity e, EfColumn column, TableInfo table)
        {
            var info = _ix.FindColumn(table, Quoted(column.Name));
            if (info == null)
            {
                // Column-level grants hide columns the same way table-level grants hide tables.
                if (e.PossibleColumns.Contains(column.Name) || _ix.Snapshot.PartialVisibility) return;
                var mapped = new HashSet<string>(e.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
                var candidates = NameSimilarity.Candidates(column.Name, table.Columns.Select(c => c.Name).Where(n => !mapped.Contains(n)));
                Report(column.ReportOn, ModelAheadOfDatabaseRule.ForColumn(SourceLocation(column.ReportOn), e, column, table, _provider, candidates));
                return;
            }
            if (column.Property == null) return;
            var location = SourceLocation(column.ReportOn);
            if (location == null) return;
            var where = table.Name + "." + info.Name;
            var member = column.Origin == ColumnOrigin.Owned ? column.MemberPath : (column.Property.ContainingType.Name + "." + column.Property.Name);

            // Types.
            if (!column.HasUnknownConversion && column.ColumnType == null)
            {
                var side = ClrSideOf(column);
                if (side != null && !(_facts.PgEnumsUncertain && info.EnumType != null))
                {
                    var reason = StoreCompatibility.Incompatibility(_provider, ValueMapper.EfCore, side.Value, info);
                    if (reason != null)
                    {
                        var suggested = column.Origin == ColumnOrigin.Owned ? null : PreferredClrType.CSharpTypeFor(_provider, info, ValueMapper.EfCore);
                        Report(column.ReportOn, TypeMismatchRule.Create(location, member, where, reason, suggested, column.Property.Name));
                    }
                }
            }

            // Nullability.
            // PostgreSQL and SQLite report every view column as nullable: no verdict on views there.
            var nullabilityKnown = table.Kind == TableKind.Table || _provider == SqlProviders.MySql;
            if (nullabilityKnown && !column.NullableByMapping && !column.IsKey && info.Nullable && column.NonNullableMember && !column.HasUnknownConversion)
            {
                var reason = column.IsValueType
                    ? "the column allows NULL and the member cannot hold it: reading a NULL row throws"
                    : "the column allows NULL but the property is a non-nullable reference: EF Core reads NULL into it anyway";
                Report(column.ReportOn, TypeMismatchRule.Create(location, member, where, reason,
                    column.Origin == ColumnOrigin.Owned ? null : TypeMismatchRule.Nullable(column.Property.Type), column.Property.Name));
            }
            else if (!column.NullableByMapping && !column.IsKey && !column.IsForeignKey && column.Required == false && !column.NonNullableMember && !info.Nullable &&
                     info.Default == null && info.Identity == null && info.Generated == null && !info.PrimaryKey)
            {
                Report(column.ReportOn, NullableMemberOverRequiredColumnRule.Create(location, member, where));
            }

            // Max length.
            if (_provider != SqlProviders.Sqlite && column.MaxLength is int modelLength && info.MaxLength is int columnLength &&
                modelLength > columnLength && info.Family == TypeFamily.String && column.ColumnType == null)
            {
                Report(column.ReportOn, MaxLengthExceedsColumnRule.Create(location, member, modelLength, where, columnLength));
            }

            // Enum labels.
            if (column.EnumType != null) EnumLabels(column, table, info);
        }

        private ClrSide? ClrSideOf(EfColumn column)
        {
            if (column.EnumStorage == EnumStorage.PostgresEnum)
            {
                if (_provider == SqlProviders.Postgres) return new ClrSide(ClrKind.Unknown, EnumStorage.PostgresEnum);
                var underlying = column.EnumType?.EnumUnderlyingType;
                return underlying == null ? (ClrSide?)null : new ClrSide(ClrKinds.FromMetadataName(ClrTypes.MetadataName(underlying)), EnumStorage.Number);
            }
            if (column.Kind == ClrKind.Unknown) return null;
            return new ClrSide(column.Kind, column.EnumStorage);
        }

        private void EnumLabels(EfColumn column, TableInfo table, ColumnInfo info)
        {
            var enumType = column.EnumType!;
            var storage = column.EnumStorage;
            if (storage == EnumStorage.PostgresEnum && _provider != SqlProviders.Postgres) storage = EnumStorage.Number;
            if (storage != EnumStorage.Name && storage != EnumStorage.PostgresEnum) return;

            IReadOnlyList<string>? allowed = _ix.EnumLabels(info);
            string what;
            if (allowed != null)
            {
                what = info.EnumType != null ? "the enum type " + info.EnumType : "the column's " + info.Type;
            }
            else
            {
                var dialect = NameRules.DialectOf(_provider);
                foreach (var check in table.Checks)
                {
                    var values = CheckConstraintLabels.For(check.Expression, info.Name, dialect);
                    if (values == null) continue;
                    allowed = values;
                    break;
                }
                if (allowed == null) return;
                what = "the CHECK constraint on " + info.Name;
            }
            if (storage == EnumStorage.PostgresEnum && info.EnumType == null) return; // 301 says the column is not an enum

            LabelTranslation translation = LabelTranslation.AsIs;
            if (storage == EnumStorage.PostgresEnum)
            {
                if (!_facts.PgEnums.TryGetValue(enumType, out var mapping) || mapping.Translation == LabelTranslation.Unknown) return;
                translation = mapping.Translation;
            }
            var ignoreCase = _provider == SqlProviders.MySql && info.EnumValues != null;
            var where = table.Name + "." + info.Name;
            foreach (var member in enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                var label = LabelOf(member, translation);
                if (label == null) continue;
                var found = allowed.Any(a => string.Equals(a, label, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                if (found) continue;
                if (!_enumReported.Add(member.ToDisplayString() + "|" + where)) continue;
                Report(member, EnumMemberLabelRule.ForMember(SourceLocation(member), label, what, table.Name, info.Name, info.EnumType, allowed));
            }
        }

        private string? LabelOf(IFieldSymbol member, LabelTranslation translation)
        {
            if (translation == LabelTranslation.AsIs) return member.Name;
            var pgName = _symbols.Attribute(member, _symbols.PgName);
            if (pgName != null) return pgName.ConstructorArguments.Length == 1 ? pgName.ConstructorArguments[0].Value as string : null;
            return NameRewriter.SnakeCase(member.Name);
        }

        private void Unmapped(EfModel model, TableInfo table, List<EfEntity> entities)
        {
            // Every entity sharing the table (TPH, table splitting) must be fully known, and every entity of
            // the model that maps here must be checkable, or an "extra" column may just be one we did not see.
            var all = model.Entities.Where(e => entities.Contains(e) || (e.SkipReason != null && string.Equals(e.Table, table.Name, StringComparison.OrdinalIgnoreCase))).ToList();
            if (all.Any(e => e.SkipReason != null || !e.ColumnsComplete)) return;
            var dialect = NameRules.DialectOf(_provider);
            var known = new List<string>();
            foreach (var e in all)
            {
                known.AddRange(e.Columns.Select(c => c.Name));
                known.AddRange(e.PossibleColumns);
            }
            var extra = table.Columns
                .Where(c => !known.Any(k => NameRules.SameName(k, c.Name, dialect) || string.Equals(k, c.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(c => c.Name)
                .ToList();
            if (extra.Count == 0) return;
            var root = all.FirstOrDefault(e => !e.IsDerived && e.Owner == null) ?? all[0];
            var on = root.ReportOn ?? (SourceLocation(root.Type) != null ? (ISymbol)root.Type : root.DbSet);
            Report(on, UnmappedColumnsRule.Create(SourceLocation(on), table, root, extra));
        }
    }
}
