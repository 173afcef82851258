using System.Diagnostics;
using System.Globalization;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Migrations;

/// <summary>What every migration command shares: options, output, the report folder, the stack, the clock.</summary>
internal sealed class CommandContext
{
    public CommandContext(ToolOptions options, Reporter reporter)
    {
        O = options;
        R = reporter;
        Reports = new ReportFolder(options.GetPath("report-dir") ?? Path.Combine(options.ProjectDirectory, ".db-reports"));
        Packages = (options.Get("packages") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public ToolOptions O { get; }
    public Reporter R { get; }
    public ReportFolder Reports { get; }
    public string[] Packages { get; }
    public Stopwatch Clock { get; } = Stopwatch.StartNew();
    /// <summary>Connect timeout: SchemaDriftTimeoutSeconds (the task's own timeout is the longer migration limit).</summary>
    public int TimeoutSeconds => Math.Max(1, O.GetInt("connect-timeout", O.GetInt("timeout", 5)));
    public string Environment => (O.Get("environment") ?? "local").Trim().ToLowerInvariant();
    public bool IsProduction => Environment == "production" || Environment == "prod";

    public string Orm => StackDetector.Detect(null, null, Packages, O.ProjectDirectory).DataAccess.Value;
    public bool IsEfCore => Orm.Contains("EF Core", StringComparison.Ordinal);

    public static string Stamp(DateTime utc) => utc.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

    public string Relative(string path) => Path.GetRelativePath(O.ProjectDirectory, path);

    public void Write(string path, string content) => SnapshotStore.WriteAtomically(path, content);

    /// <summary>Opens a session and reports a failure the way introspection does (the message is scrubbed).</summary>
    public async Task<MigrationSession?> OpenAsync(DatabaseTarget target, CancellationToken ct)
    {
        try
        {
            return await MigrationSession.OpenAsync(target, O.ProjectDirectory, TimeoutSeconds, ct);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var what = ex is IntrospectionException ie ? ie.Describe() : ex.GetType().Name + ": " + ex.Message;
            R.Error("DBDRIFT000", "Could not open the " + target.Provider + " database (connection from " + target.Source + "): " + what);
            return null;
        }
    }

    /// <summary>Adds ".db-reports/" to the project's .gitignore when the project is in a git repository and the folder is not ignored yet.</summary>
    public void EnsureGitIgnore()
    {
        try
        {
            var dir = new DirectoryInfo(O.ProjectDirectory);
            DirectoryInfo? repo = null;
            for (var d = dir; d != null; d = d.Parent)
            {
                if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git"))) { repo = d; break; }
            }
            if (repo == null) return;
            var reportDir = Path.GetFullPath(Reports.Root);
            var project = Path.GetFullPath(O.ProjectDirectory);
            if (!reportDir.StartsWith(project, StringComparison.Ordinal)) return;
            var entry = Path.GetRelativePath(project, reportDir).Replace('\\', '/').TrimEnd('/') + "/";
            var gitignore = Path.Combine(project, ".gitignore");
            var bare = entry.TrimEnd('/');
            var leaf = Path.GetFileName(bare);
            // Already ignored here or by a .gitignore further up (up to the repository root)?
            for (var d = new DirectoryInfo(project); d != null; d = d.Parent)
            {
                var file = Path.Combine(d.FullName, ".gitignore");
                if (File.Exists(file))
                {
                    var here = d.FullName == project;
                    if (File.ReadAllLines(file).Select(l => l.Trim()).Any(t =>
                            (here && (t == entry || t == bare || t == "/" + entry || t == "/" + bare)) ||
                            t == "**/" + leaf || t == "**/" + leaf + "/" || (!bare.Contains('/') && (t == leaf || t == leaf + "/"))))
                    {
                        return;
                    }
                }
                if (d.FullName == repo.FullName) break;
            }
            var text = File.Exists(gitignore) ? File.ReadAllText(gitignore) : "";
            if (text.Length > 0 && !text.EndsWith('\n')) text += "\n";
            text += "# SchemaDrift reports (migrations, drift reports, history)\n" + entry + "\n";
            File.WriteAllText(gitignore, text);
            R.Info("SchemaDrift: added " + entry + " to " + Relative(gitignore) + ".");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The snapshot a command falls back to without a database: the committed one, else the build cache.</summary>
    public SchemaSnapshot? OfflineSnapshot(out string? source)
    {
        source = null;
        foreach (var (opt, label) in new[] { ("cache", "the build's cached snapshot"), ("committed", "the committed snapshot") })
        {
            var path = O.GetPath(opt);
            var s = SnapshotStore.TryRead(path, out _);
            if (s != null)
            {
                source = label + " " + Relative(path!);
                return s;
            }
        }
        return null;
    }
}
