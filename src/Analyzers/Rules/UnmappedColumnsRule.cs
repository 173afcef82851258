using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaDrift.Analyzers.EfCore;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Analyzers.Rules
{
    /// <summary>DBDRIFT601 (info): the table has columns the entity does not map; one diagnostic per entity listing them.</summary>
    internal static class UnmappedColumnsRule
    {
        public static Diagnostic? Create(Location? location, TableInfo table, EfEntity entity, List<string> columns)
        {
            if (location == null) return null;
            return Diagnostic.Create(
                Descriptors.Descriptors.UnmappedColumns,
                location,
                table.Name,
                columns.Count,
                entity.Type.Name,
                string.Join(", ", columns.Select(c => "'" + c + "'")));
        }
    }
}
