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
            if (state.Status == "live" && state.Fingerprint == fingerprint && state.TableCount != null &&
                state.CacheStamp != null && state.CacheStamp == FileStamp.Of(CachePath))
            {
                // The schema and the cache are as the last run left them: nothing to read or parse.
                SaveState(state, "live", connection.Source, fingerprint, opened.WatchFile);
                ReportLive(provider.Value, state.Database, state.TableCount.Value, connection, "unchanged", clock);
                ReportStaleCommitted(state, fingerprint, () => SnapshotStore.TryRead(CachePath, out _));
                return 0;
            }
            // A cache that the last live run wrote (its stamp unchanged) carries that run's
            // fingerprint. When the database's differs, the capture time below cannot be kept,
            // and parsing megabytes of JSON only to learn that cost as much as the read itself.
            var cacheFromLastRun = state.Status == "live" && state.CacheStamp != null && state.CacheStamp == FileStamp.Of(CachePath);
            var cached = cacheFromLastRun && state.Fingerprint != fingerprint ? null : SnapshotStore.TryRead(CachePath, out _);
            var current = await opened.Reader.ReadAsync(cts.Token);
            current.Fingerprint = fingerprint;
            current.CapturedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            // Keep the capture time of an identical schema so the file only changes when the schema does.
            if (cached != null && cached.Fingerprint == fingerprint && SnapshotSerializer.SameSchema(cached, current))
            {
                current.CapturedAtUtc = cached.CapturedAtUtc;
            }
            var verb = SnapshotStore.WriteAtomically(CachePath, current, SnapshotFlavor.Cache) ? "refreshed" : "unchanged";
            _r.Detail("SchemaDrift: introspection sent " + opened.Reader.QueryCount.ToString(CultureInfo.InvariantCulture) + " catalog queries.");
            state.Database = current.Database;
            state.TableCount = current.Tables.Count;
            SaveState(state, "live", connection.Source, fingerprint, opened.WatchFile);
            ReportLive(provider.Value, current.Database, current.Tables.Count, connection, verb, clock);
            ReportStaleCommitted(state, fingerprint, () => current);
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

    private void ReportLive(string provider, string? database, int tables, ResolvedConnection connection, string verb, Stopwatch clock) =>
        _r.Info("SchemaDrift: " + provider + " database '" + database + "' (connection from " + connection.Source + "): " +
                tables.ToString(CultureInfo.InvariantCulture) + " tables and views, snapshot " + verb +
                " in " + clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms.");

    /// <summary>
    /// Warns when the committed snapshot differs from the live schema. The comparison is
    /// remembered in the state: it is only made again when the committed file or the
    /// fingerprint changed, but its warning is repeated on every run until it is fixed.
    /// </summary>
    private void ReportStaleCommitted(ToolState state, string fingerprint, Func<SchemaSnapshot?> live)
    {
        var committedStamp = CommittedPath == null ? null : FileStamp.Of(CommittedPath);
        if (committedStamp == null)
        {
            SaveCommittedCheck(state, null, null, null);
            return;
        }
        string? warning;
        if (state.CommittedStamp == committedStamp && state.CommittedFingerprint == fingerprint)
        {
            warning = state.CommittedWarning;
        }
        else
        {
            var current = live();
            if (current == null) return; // the cache vanished under us; the next run compares again
            warning = CompareCommitted(current);
            SaveCommittedCheck(state, committedStamp, fingerprint, warning);
        }
        if (warning != null) _r.Warning("DBDRIFT000", warning);
    }

    private string? CompareCommitted(SchemaSnapshot live)
    {
        var committed = SnapshotStore.TryRead(CommittedPath, out var error);
        if (committed == null)
        {
            return "The committed snapshot " + Relative(CommittedPath!) + " cannot be read (" + error +
                "). Regenerate it with 'dotnet build -t:SchemaDriftSnapshot'.";
        }
        if (SnapshotSerializer.SameSchema(committed, live)) return null;
        return "The committed snapshot " + Relative(CommittedPath!) + " is stale: the live database differs (" +
            SnapshotDiffSummary.Describe(committed, live) + "). Offline builds and CI check against the old schema. " +
            "Refresh it with 'dotnet build -t:SchemaDriftSnapshot' and commit the change.";
    }

    private void SaveCommittedCheck(ToolState state, string? stamp, string? fingerprint, string? warning)
    {
        if (state.CommittedStamp == stamp && state.CommittedFingerprint == fingerprint && state.CommittedWarning == warning) return;
        state.CommittedStamp = stamp;
        state.CommittedFingerprint = fingerprint;
        state.CommittedWarning = warning;
        state.Save(StatePath);
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
        state.CacheStamp = status == "live" ? FileStamp.Of(CachePath) : null;
        if (touch || state.CheckedAtUtc == null)
        {
            state.CheckedAtUtc = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
        }
        state.Save(StatePath);
    }

    private string Relative(string path) => Path.GetRelativePath(_o.ProjectDirectory, path);
}
