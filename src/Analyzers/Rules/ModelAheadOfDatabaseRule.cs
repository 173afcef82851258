using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.Descriptors;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Core.Snapshot;

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
            return Diagnostic.Create(
                Descriptors.Descriptors.ModelAheadOfDatabase,
                location,
                Properties("table", entity.Table, null),
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
            return Diagnostic.Create(
                Descriptors.Descriptors.ModelAheadOfDatabase,
                location,
                Properties("column", column.Name, table.Name),
                "Column '" + column.Name + "' (" + origin + ") in table '" + table.Name + "'",
                provider,
                Hint(similar, "column"));
        }

        private static string Hint(IEnumerable<string> similar, string kind)
        {
            var list = similar.Take(3).ToList();
            return list.Count == 0 ? "" : " (a similar " + kind + " exists: " + string.Join(", ", list.Select(s => "'" + s + "'")) + "; renamed?)";
        }

        private static System.Collections.Immutable.ImmutableDictionary<string, string?> Properties(string kind, string name, string? table)
        {
            var b = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, string?>();
            b[PropertyKeys.Kind] = kind;
            b[PropertyKeys.Name] = name;
            if (table != null) b[PropertyKeys.Table] = table;
            return b.ToImmutable();
        }
    }
}
