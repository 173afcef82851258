using System.Collections.Generic;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Core.Migrations
{
    /// <summary>A schema object's stored CREATE statement (SQLite keeps them in sqlite_schema).</summary>
    public sealed class StoredObject
    {
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public string TableName { get; set; } = "";
        public string Sql { get; set; } = "";
    }

    /// <summary>
    /// What the live database can tell the planner at generation time: row counts for
    /// data-aware warnings and, on SQLite, the stored DDL a table rebuild must re-create.
    /// Every answer may be null (no database reachable, or a query failed): the planner
    /// then says "unknown" instead of guessing.
    /// </summary>
    public interface IDatabaseFacts
    {
        /// <summary>The live schema the migration starts from, when known.</summary>
        SchemaSnapshot? Live { get; }

        /// <summary>Runs a COUNT-style query the planner wrote in the engine's dialect; null when it cannot.</summary>
        long? Count(string sql);

        /// <summary>SQLite: the stored CREATE statements (tables, indexes, triggers, views).</summary>
        IReadOnlyList<StoredObject> StoredObjects { get; }
    }

    /// <summary>No database: nothing is known.</summary>
    public sealed class NoDatabaseFacts : IDatabaseFacts
    {
        public NoDatabaseFacts(SchemaSnapshot? live = null) => Live = live;

        public SchemaSnapshot? Live { get; }

        public long? Count(string sql) => null;

        public IReadOnlyList<StoredObject> StoredObjects { get; } = new List<StoredObject>();
    }
}
