using System.Globalization;
using SchemaDrift.Core.Audit;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Audit;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `audit`: the SchemaDriftAudit target (seed mode /db audit), and with --in-build the
/// per-build hook behind SchemaDriftAuditInBuild. Reads the database, runs the snapshot and
/// live checks, prints the seed's audit tables, and writes the findings as JSON (the file the
/// analyzers turn into diagnostics) and, for the target, a report pair in the report folder.
/// Read-only: it never changes the database. With no database reachable it audits the cached
/// or committed snapshot and says which checks could not run.
/// </summary>
internal sealed class AuditCommand
{
    private readonly ToolOptions _o;
    private readonly Reporter _r;

    public AuditCommand(ToolOptions options, Reporter reporter)
    {
        _o = options;
        _r = reporter;
    }

    private bool InBuild => _o.Has("in-build");
    private int TimeoutSeconds => Math.Max(1, _o.GetInt("timeout", 5));

    public async Task<int> RunAsync()
    {
        var auditFile = _o.GetPath("audit-file");
        var options = Options(_o);
        if (InBuild && auditFile != null && IsFresh(auditFile, options))
        {
            _r.Detail("SchemaDrift: audit findings unchanged (same schema, younger than SchemaDriftAuditTtlSeconds); reused.");
            return 0;
        }

        var result = await AuditLiveAsync(options) ?? AuditSnapshot(options);
        if (result == null) return InBuild ? 0 : 1;

        var json = AuditFile.Write(result);
        var written = new List<string>();
        if (auditFile != null)
        {
            SnapshotStore.WriteAtomically(auditFile, json);
            written.Add(Relative(auditFile));
        }
        var reportDir = _o.GetPath("report-dir");
        if (!InBuild && reportDir != null)
        {
            Directory.CreateDirectory(reportDir);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var md = Path.Combine(reportDir, "audit-" + stamp + ".md");
            var js = Path.Combine(reportDir, "audit-" + stamp + ".json");
            File.WriteAllText(md, AuditMarkdown.Report(result, _o.Get("project-name") ?? Path.GetFileName(_o.ProjectDirectory.TrimEnd('/', '\\'))));
            File.WriteAllText(js, json);
            written.Add(Relative(md));
            written.Add(Relative(js));
        }

        var warnings = result.Findings.Count(f => f.Rule.Severity == AuditSeverity.Warning);
        var summary = "SchemaDrift audit of " + (result.Database ?? result.Provider) + ": " + result.Findings.Count.ToString(CultureInfo.InvariantCulture) +
                      " finding" + (result.Findings.Count == 1 ? "" : "s") + " (" + warnings.ToString(CultureInfo.InvariantCulture) + " warnings), " +
                      result.Queries.ToString(CultureInfo.InvariantCulture) + " queries in " + result.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" +
                      (result.Live ? "" : ", snapshot only") + (written.Count > 0 ? "; written to " + string.Join(", ", written) : "") + ".";
        if (InBuild)
        {
            _r.Info(summary);
        }
        else
        {
            _r.Text("## Database Audit" + "\n\n" + AuditMarkdown.Tables(result));
            _r.Text(summary);
        }
        return 0;
    }

    internal static AuditOptions Options(ToolOptions o)
    {
        var options = new AuditOptions
        {
            WideTableColumns = Math.Max(2, o.GetInt("wide-columns", 20)),
            LargeTableRows = Math.Max(1, o.GetInt("large-rows", 1000000)),
            SampleRows = Math.Max(100, o.GetInt("sample-rows", 100000)),
            MaxDataQueries = Math.Max(0, o.GetInt("max-data-queries", 500)),
            DataChecks = !string.Equals(o.Get("data-checks"), "false", StringComparison.OrdinalIgnoreCase),
        };
        var exposed = o.Get("exposed-schemas");
        if (exposed != null)
        {
            options.ExposedSchemas.Clear();
            options.ExposedSchemas.AddRange(exposed.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            options.ExposedSchemasConfigured = true;
        }
        return options;
    }

    private bool Offline => string.Equals(_o.Get("mode"), "offline", StringComparison.OrdinalIgnoreCase);

    private async Task<AuditResult?> AuditLiveAsync(AuditOptions options)
    {
        if (Offline)
        {
            Notice("SchemaDriftMode is offline");
            return null;
        }
        var connection = ConnectionResolver.Resolve(_o, _r);
        if (connection == null)
        {
            Notice("no connection string is configured");
            return null;
        }
        var packages = (_o.Get("packages") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var provider = ProviderDetector.Detect(_o.Get("provider"), connection.ConnectionString, packages);
        if (provider == null)
        {
            Notice("the engine of the connection string (from " + connection.Source + ") is unknown: set SchemaDriftProvider");
            return null;
        }
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(30, TimeoutSeconds * 6 + 20)));
            await using var opened = await SchemaReaderFactory.OpenAsync(provider.Value, connection.ConnectionString, _o.ProjectDirectory, TimeoutSeconds, cts.Token);
            return await AuditRunner.RunLiveAsync(opened, options, TimeoutSeconds, cts.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var what = ex is IntrospectionException ie ? ie.Describe() : ex.GetType().Name + ": " + ex.Message;
            Notice("the " + provider.Value + " database (connection from " + connection.Source + ") could not be audited: " + what);
            return null;
        }
    }

    private string? _notice;

    private void Notice(string why) => _notice = why;

    /// <summary>No live database: audit the freshest snapshot there is, or say why nothing was audited.</summary>
    private AuditResult? AuditSnapshot(AuditOptions options)
    {
        foreach (var name in Offline ? new[] { "committed" } : new[] { "cache", "committed" })
        {
            var path = _o.GetPath(name);
            if (path == null || !File.Exists(path)) continue;
            var snapshot = SnapshotStore.TryRead(path, out _);
            if (snapshot == null) continue;
            var notice = "SchemaDrift audit: " + _notice + "; audited the snapshot " + Relative(path) + " instead (statistics and data checks did not run).";
            if (Offline) _r.Info(notice);
            else _r.Warning("DBDRIFT000", notice);
            return AuditRunner.RunSnapshotOnly(snapshot, options);
        }
        var message = "SchemaDrift audit did not run: " + _notice + ", and there is no snapshot to audit.";
        if (InBuild) _r.Warning("DBDRIFT000", message);
        else _r.Error("DBDRIFT000", message);
        return null;
    }

    /// <summary>In a build: the last result still describes this schema and is younger than the TTL.</summary>
    private bool IsFresh(string auditFile, AuditOptions options)
    {
        var ttl = _o.GetInt("ttl", 600);
        var cache = _o.GetPath("cache");
        if (ttl <= 0 || cache == null || !File.Exists(auditFile) || !File.Exists(cache)) return false;
        try
        {
            var header = AuditFile.ReadHeader(File.ReadAllText(auditFile), out _);
            var snapshot = SnapshotStore.TryRead(cache, out _);
            if (header == null || snapshot?.Fingerprint == null || header.GetString("fingerprint") != snapshot.Fingerprint) return false;
            if (header.GetBool("live") != true || header.GetString("settings") != options.Describe()) return false;
            return DateTime.TryParse(header.GetString("createdAtUtc"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created) &&
                   (DateTime.UtcNow - created).TotalSeconds < ttl;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Relative(string path) => Path.GetRelativePath(_o.ProjectDirectory, path);
}
