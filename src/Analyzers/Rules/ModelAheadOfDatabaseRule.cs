using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;
using System.Collections.Immutable;
using System.Globalization;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT501: an EF Core entity maps to a table or column the database does not have (the model needs a migration).</summary>
    internal static class ModelAheadOfDatabaseRule
    {
        public static Diagnostic? ForTable(Location? location, EfEntity entity, string provider, IEnumerable<string> similar)
        {
            if (location == null) return null;
            var name = (entity.Schema != null && provider == SqlProviders.Postgres ? entity.Schema + "." : "") + entity.Table;
            var what = (entity.Owner != null ? "Table '" + name + "' of owned type '" + entity.Type.Name + "'" : "Table '" + name + "' of entity '" + entity.Type.Name + "'");
            var properties = Properties("table", entity.Table, null, entity.Schema);
            var columns = entity.Columns.ToList();
            properties[PropertyKeys.ColumnCount] = columns.Count.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < columns.Count; i++)
            {
                AddColumn(properties, "Column" + i.ToString(CultureInfo.InvariantCulture), columns[i], provider, columns[i].Name);
            }
            var keys = columns.Where(c => c.IsKey).Select(c => c.Name).ToList();
            if (keys.Count > 0) properties[PropertyKeys.PrimaryKey] = string.Join(",", keys);
            return Diagnostic.Create(
                Descriptors.Descriptors.ModelAheadOfDatabase,
                location,
                properties.ToImmutable(),
                what,
                provider,
                Hint(similar, "table"));
        }

        public static Diagnostic? ForColumn(Location? location, EfEntity entity, EfColumn column, TableInfo table, string provider, IEnumerable<string> similar)
        {
            if (location == null) return null;
            string origin;
            switch (column.Origin)
            {
                case ColumnOrigin.ShadowForeignKey:
                    origin = "shadow foreign key of " + column.MemberPath;
                    break;
                case ColumnOrigin.Discriminator:
                    origin = "TPH discriminator of " + entity.Type.Name;
                    break;
                case ColumnOrigin.ShadowProperty:
                    origin = "shadow property " + entity.Type.Name + "." + column.MemberPath;
                    break;
                case ColumnOrigin.Owned:
                    origin = column.MemberPath;
                    break;
                default:
                    origin = entity.Type.Name + "." + column.MemberPath;
                    break;
            }
            var properties = Properties("column", column.Name, table.Name, table.Schema);
            AddColumn(properties, "", column, provider, null);
            properties[PropertyKeys.Column] = column.Name;
            var candidates = similar.Take(3).ToList();
            properties[PropertyKeys.CandidateCount] = candidates.Count.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < candidates.Count; i++) properties[PropertyKeys.CandidatePrefix + i.ToString(CultureInfo.InvariantCulture)] = candidates[i];
            if (column.Property != null) properties[PropertyKeys.Member] = column.Property.Name;
            return Diagnostic.Create(
                Descriptors.Descriptors.ModelAheadOfDatabase,
                location,
                properties.ToImmutable(),
                "Column '" + column.Name + "' (" + origin + ") in table '" + table.Name + "'",
                provider,
                Hint(similar, "column"));
        }

        private static string Hint(IEnumerable<string> similar, string kind)
        {
            var list = similar.Take(3).ToList();
            return list.Count == 0 ? "" : " (a similar " + kind + " exists: " + string.Join(", ", list.Select(s => "'" + s + "'")) + "; renamed?)";
        }

        private static ImmutableDictionary<string, string?>.Builder Properties(string kind, string name, string? table, string? schema)
        {
            var b = ImmutableDictionary.CreateBuilder<string, string?>();
            b[PropertyKeys.Kind] = kind;
            b[PropertyKeys.Name] = name;
            if (kind == "table") b[PropertyKeys.Table] = name;
            else if (table != null) b[PropertyKeys.Table] = table;
            if (schema != null) b[PropertyKeys.Schema] = schema;
            return b;
        }

        /// <summary>
        /// What a migration needs to create the column the model expects (docs/migrations.md, "SARIF
        /// properties"): the store type EF Core's provider would create, nullability, length, key and identity.
        /// </summary>
        private static void AddColumn(ImmutableDictionary<string, string?>.Builder b, string prefix, EfColumn column, string provider, string? name)
        {
            if (name != null) b[prefix + "Name"] = name;
            if (column.EnumStorage == EnumStorage.PostgresEnum && provider == SqlProviders.Postgres && column.EnumType != null)
            {
                // Npgsql maps the CLR enum to a database enum type named after it (snake_case by default).
                b[prefix + PropertyKeys.EnumType] = NameRewriter.SnakeCase(column.EnumType.Name);
            }
            else
            {
                var store = column.ColumnType ?? EfStoreTypes.Default(provider, column.Kind, column.MaxLength);
                if (store != null) b[prefix + PropertyKeys.StoreType] = store;
            }
            var nullable = !column.IsKey && (column.NullableByMapping || column.Required != true && !column.NonNullableMember);
            b[prefix + PropertyKeys.Nullable] = nullable ? "true" : "false";
            if (column.MaxLength is int max) b[prefix + PropertyKeys.MaxLength] = max.ToString(CultureInfo.InvariantCulture);
            if (column.IsKey)
            {
                b[prefix + PropertyKeys.PrimaryKey] = "true";
                if (ClrKinds.IsInteger(column.Kind))
                {
                    // EF Core's value-generation convention for a single integer key.
                    b[prefix + PropertyKeys.Identity] = provider == SqlProviders.MySql ? "auto_increment" : provider == SqlProviders.Postgres ? "by_default" : "autoincrement";
                }
            }
        }
    }
}
