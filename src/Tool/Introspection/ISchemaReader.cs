using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Introspection;

/// <summary>Reads one engine's catalog into a <see cref="SchemaSnapshot"/> with a handful of catalog queries.</summary>
internal interface ISchemaReader
{
    /// <summary>A cheap query whose result changes whenever the schema changes.</summary>
    Task<string> ReadFingerprintAsync(CancellationToken cancellationToken);

    Task<SchemaSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>How many catalog queries the last <see cref="ReadAsync"/> sent (benchmarks and tests check it stays small).</summary>
    int QueryCount { get; }
}
