using System.Globalization;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `snapshot`: the SchemaDriftSnapshot target. Reads the live database and writes the
/// committed snapshot (deterministic: no timestamps, statistics or server version),
/// so it can be checked in and used by offline builds and CI.
/// </summary>
internal sealed class SnapshotCommand
{
    private readonly ToolOptions _o;
    private readonly Reporter _r;

    public SnapshotCommand(ToolOptions options, Reporter reporter)
    {
        _o = options;
        _r = reporter;
    }

    public async Task<int> RunAsync()
    {
        var target = _o.GetPath("committed") ?? throw new ArgumentException("--committed is required");
        var live = await LiveSchema.ReadAsync(_o, _r);
        if (live == null) return 1;
        var written = SnapshotStore.WriteAtomically(target, live, SnapshotFlavor.Committed);
        _r.Info("SchemaDrift: " + (written ? "wrote" : "unchanged:") + " committed snapshot " + Path.GetRelativePath(_o.ProjectDirectory, target) +
                " (" + live.Tables.Count.ToString(CultureInfo.InvariantCulture) + " tables and views).");
        return 0;
    }
}

/// <summary>Resolves the connection and reads the whole live schema, reporting failures as errors.</summary>
internal static class LiveSchema
{
    public static async Task<SchemaSnapshot?> ReadAsync(ToolOptions o, Reporter r)
    {
        var connection = ConnectionResolver.Resolve(o, r);
        if (connection == null)
        {
            r.Error("DBDRIFT000", "No connection string: set SchemaDriftConnectionString, the SCHEMADRIFT_CONNECTION environment variable, or SchemaDriftConnectionStringName.");
            return null;
        }
        var packages = (o.Get("packages") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var provider = ProviderDetector.Detect(o.Get("provider"), connection.ConnectionString, packages);
        if (provider == null)
        {
            r.Error("DBDRIFT000", "Cannot tell which database engine the connection string (from " + connection.Source + ") is for: set SchemaDriftProvider.");
            return null;
        }
        var timeout = Math.Max(1, o.GetInt("timeout", 5));
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeout * 6));
            await using var opened = await SchemaReaderFactory.OpenAsync(provider.Value, connection.ConnectionString, o.ProjectDirectory, timeout, cts.Token);
            var snapshot = await opened.Reader.ReadAsync(cts.Token);
            snapshot.Fingerprint = await opened.Reader.ReadFingerprintAsync(cts.Token);
            return snapshot;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var what = ex is IntrospectionException ie ? ie.Describe() : ex.GetType().Name + ": " + ex.Message;
            r.Error("DBDRIFT000", "Could not read the " + provider.Value + " database (connection from " + connection.Source + "): " + what);
            return null;
        }
    }
}
