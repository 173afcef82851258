using System.Diagnostics;
using System.Globalization;
using SchemaDrift.Core.Freshness;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `introspect`: runs before every compile. Brings obj/…/schemadrift/snapshot.json up
/// to date with the live database, or explains (DBDRIFT000) why it could not and
/// which snapshot the analyzers will use instead. Never fails the build.
/// </summary>
internal sealed class IntrospectCommand
{
    private readonly ToolOptions _o;
    private readonly Reporter _r;

    public IntrospectCommand(ToolOptions options, Reporter reporter)
    {
        _o = options;
        _r = reporter;
    }

    private string CachePath => _o.GetPath("cache") ?? throw new ArgumentException("--cache is required");
    private string StatePath => _o.GetPath("state") ?? Path.Combine(Path.GetDirectoryName(CachePath)!, "state.json");
    private string? CommittedPath => _o.GetPath("committed");
    private int TimeoutSeconds => Math.Max(1, _o.GetInt("timeout", 5));

    public async Task<int> RunAsync()
    {
        var state = ToolState.Load(StatePath);
        var connection = ConnectionResolver.Resolve(_o, _r);
        var committedExists = CommittedPath != null && File.Exists(CommittedPath);
        if (connection == null)
        {
            // Nothing to connect to: the committed snapshot is the whole truth, and an
            // old cache from an earlier configuration must not shadow it.
            DeleteCache();
            SaveState(state, status: committedExists ? "committed" : "none", source: null, fingerprint: null, watchFile: null);
            if (committedExists)
            {
                _r.Info("SchemaDrift: no connection string configured; analyzing against the committed snapshot " + Relative(CommittedPath!) + ".");
            }
            else
            {
                _r.Warning("DBDRIFT000",
                    "SchemaDrift has no database connection and no committed snapshot, so SQL is not checked. " +
                    "Set SchemaDriftConnectionString (or the SCHEMADRIFT_CONNECTION environment variable, or SchemaDriftConnectionStringName), " +
                    "or commit a snapshot with 'dotnet build -t:SchemaDriftSnapshot'.");
            }
            return 0;
        }

        var packages = (_o.Get("packages") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var provider = ProviderDetector.Detect(_o.Get("provider"), connection.ConnectionString, packages);
        if (provider == null)
        {
            return Fallback(state, connection, "SchemaDrift cannot tell which database engine the connection string (from " + connection.Source +
                ") is for. Set SchemaDriftProvider to postgres, mysql or sqlite.");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            // Bound the whole run, not just the connect: a server that accepts and then stalls must not hang the build.
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(TimeoutSeconds * 6));
            await using var opened = await SchemaReaderFactory.OpenAsync(provider.Value, connection.ConnectionString, _o.ProjectDirectory, TimeoutSeconds, cts.Token);
            var fingerprint = await opened.Reader.ReadFingerprintAsync(cts.Token);
            var cached = SnapshotStore.TryRead(CachePath, out _);
            string verb;
            SchemaSnapshot current;
            if (cached != null && cached.Provider == provider.Value && cached.Fingerprint == fingerprint && state.Status == "live")
            {
                current = cached;
                verb = "unchanged";
            }
            else
            {
                current = await opened.Reader.ReadAsync(cts.Token);
                current.Fingerprint = fingerprint;
                current.CapturedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                // Keep the capture time of an identical schema so the file only changes when the schema does.
                if (cached != null && SnapshotSerializer.SameSchema(cached, current) && cached.Fingerprint == fingerprint)
                {
                    current.CapturedAtUtc = cached.CapturedAtUtc;
                }
                verb = SnapshotStore.WriteAtomically(CachePath, SnapshotSerializer.Write(current, SnapshotFlavor.Cache)) ? "refreshed" : "unchanged";
                _r.Detail("SchemaDrift: introspection sent " + opened.Reader.QueryCount.ToString(CultureInfo.InvariantCulture) + " catalog queries.");
            }
            SaveState(state, "live", connection.Source, fingerprint, opened.WatchFile);
            _r.Info("SchemaDrift: " + provider.Value + " database '" + current.Database + "' (connection from " + connection.Source + "): " +
                    current.Tables.Count.ToString(CultureInfo.InvariantCulture) + " tables and views, snapshot " + verb +
                    " in " + clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms.");
            ReportStaleCommitted(current);
            return 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var what = ex switch
            {
                IntrospectionException ie => ie.Describe(),
                OperationCanceledException => "the database did not answer within " + (TimeoutSeconds * 6).ToString(CultureInfo.InvariantCulture) + " s",
                _ => ex.GetType().Name + ": " + ex.Message,
            };
            return Fallback(state, connection, "SchemaDrift could not read the " + provider.Value + " database (connection from " + connection.Source + "): " + what);
        }
    }

    private int Fallback(ToolState state, ResolvedConnection connection, string problem)
    {
        problem = problem.TrimEnd();
        if (!problem.EndsWith('.')) problem += ".";
        var cached = SnapshotStore.TryRead(CachePath, out _);
        if (cached != null && state.Status == "live")
        {
            _r.Warning("DBDRIFT000", problem + " Using the last good snapshot, captured " + (cached.CapturedAtUtc ?? "earlier") + ".");
            SaveState(state, "live", connection.Source, state.Fingerprint, null, touch: false);
            return 0;
        }
        DeleteCache();
        if (CommittedPath != null && File.Exists(CommittedPath))
        {
            _r.Warning("DBDRIFT000", problem + " Using the committed snapshot " + Relative(CommittedPath) + ".");
            SaveState(state, "committed", connection.Source, null, null);
        }
        else
        {
            _r.Warning("DBDRIFT000", problem + " There is no snapshot to fall back to, so SQL is not checked. " +
                "Fix the connection, or commit a snapshot with 'dotnet build -t:SchemaDriftSnapshot' where the database is reachable.");
            SaveState(state, "none", connection.Source, null, null);
        }
        return 0;
    }

    private void ReportStaleCommitted(SchemaSnapshot live)
    {
        if (CommittedPath == null || !File.Exists(CommittedPath)) return;
        var committed = SnapshotStore.TryRead(CommittedPath, out var error);
        if (committed == null)
        {
            _r.Warning("DBDRIFT000", "The committed snapshot " + Relative(CommittedPath) + " cannot be read (" + error +
                "). Regenerate it with 'dotnet build -t:SchemaDriftSnapshot'.");
            return;
        }
        if (!SnapshotSerializer.SameSchema(committed, live))
        {
            _r.Warning("DBDRIFT000", "The committed snapshot " + Relative(CommittedPath) + " is stale: the live database differs (" +
                SnapshotDiffSummary.Describe(committed, live) + "). Offline builds and CI check against the old schema. " +
                "Refresh it with 'dotnet build -t:SchemaDriftSnapshot' and commit the change.");
        }
    }

    private void DeleteCache()
    {
        try
        {
            if (File.Exists(CachePath)) File.Delete(CachePath);
        }
        catch (IOException)
        {
        }
    }

    private void SaveState(ToolState state, string status, string? source, string? fingerprint, string? watchFile, bool touch = true)
    {
        state.Status = status;
        state.Source = source;
        state.Fingerprint = fingerprint;
        state.WatchFile = watchFile;
        state.WatchStamp = watchFile != null ? FileStamp.Of(watchFile) : null;
        state.InputsKey = Environment.GetEnvironmentVariable("SCHEMADRIFT_INPUTS_KEY");
        state.InputsSalt = Environment.GetEnvironmentVariable("SCHEMADRIFT_INPUTS_SALT");
        state.Provider = null;
        if (touch || state.CheckedAtUtc == null)
        {
            state.CheckedAtUtc = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
        }
        state.Save(StatePath);
    }

    private string Relative(string path) => Path.GetRelativePath(_o.ProjectDirectory, path);
}
