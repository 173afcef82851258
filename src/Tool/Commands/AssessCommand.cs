using System.Globalization;
using System.Text;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Connections;
using SchemaDrift.Tool.Introspection;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tool.Commands;

/// <summary>
/// `assess`: the SchemaDriftAssess target (seed mode /db assess). Read-only: prints the
/// stack summary (component, detected value, confidence, the signal that decided it)
/// and the schema counts, and says which snapshot the analyzers would use.
/// </summary>
internal sealed class AssessCommand
{
    private readonly ToolOptions _o;
    private readonly Reporter _r;

    public AssessCommand(ToolOptions options, Reporter reporter)
    {
        _o = options;
        _r = reporter;
    }

    public async Task<int> RunAsync()
    {
        var packages = (_o.Get("packages") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var connection = ConnectionResolver.Resolve(_o, _r);
        var provider = ProviderDetector.Detect(_o.Get("provider"), connection?.ConnectionString, packages);
        var stack = StackDetector.Detect(provider, connection, packages, _o.ProjectDirectory);

        SchemaSnapshot? live = null;
        string liveStatus;
        if (connection == null || provider == null)
        {
            liveStatus = connection == null ? "not connected (no connection configured)" : "not connected (engine unknown: set SchemaDriftProvider)";
        }
        else
        {
            try
            {
                var timeout = Math.Max(1, _o.GetInt("timeout", 5));
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeout * 6));
                await using var opened = await SchemaReaderFactory.OpenAsync(provider.Value, connection.ConnectionString, _o.ProjectDirectory, timeout, cts.Token);
                live = await opened.Reader.ReadAsync(cts.Token);
                liveStatus = "live database '" + live.Database + "'" + (live.ServerVersion != null ? " (" + provider.Value + " " + live.ServerVersion + ")" : "");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                liveStatus = "unreachable: " + (ex is IntrospectionException ie ? ie.Describe() : ex.GetType().Name + ": " + ex.Message);
            }
        }

        var committedPath = _o.GetPath("committed");
        var committed = SnapshotStore.TryRead(committedPath, out var committedError);
        var committedStatus = committedPath == null || !File.Exists(committedPath) ? "none"
            : committed == null ? "unreadable: " + committedError
            : live == null ? "present"
            : SnapshotSerializer.SameSchema(committed, live) ? "present, matches the live database"
            : "present, STALE: " + SnapshotDiffSummary.Describe(committed, live);

        var sb = new StringBuilder();
        sb.AppendLine("## Database Stack Detected");
        sb.AppendLine();
        sb.AppendLine("| Component | Detected | Confidence | Signal |");
        sb.AppendLine("|-----------|----------|------------|--------|");
        Row(sb, "Provider", provider == null ? null : Describe(provider.Value), provider);
        Row(sb, "Data access", stack.DataAccess.Value, stack.DataAccess);
        Row(sb, "Connection", stack.Connection.Value, stack.Connection);
        Row(sb, "Push method", stack.PushMethod.Value, stack.PushMethod);
        sb.AppendLine("| Committed snapshot | " + Escape(Path.GetFileName(committedPath ?? "")) + " | | " + Escape(committedStatus) + " |");
        sb.AppendLine();
        sb.AppendLine("## Schema");
        sb.AppendLine();
        sb.AppendLine("Source: " + liveStatus);
        var counted = live ?? committed;
        if (counted != null)
        {
            sb.AppendLine();
            sb.AppendLine("| Object | Count |");
            sb.AppendLine("|--------|-------|");
            sb.AppendLine("| Tables | " + counted.Tables.Count(t => t.Kind == TableKind.Table).ToString(CultureInfo.InvariantCulture) + " |");
            sb.AppendLine("| Views | " + counted.Tables.Count(t => t.Kind != TableKind.Table).ToString(CultureInfo.InvariantCulture) + " |");
            sb.AppendLine("| Columns | " + counted.Tables.Sum(t => t.Columns.Count).ToString(CultureInfo.InvariantCulture) + " |");
            sb.AppendLine("| Indexes | " + counted.Tables.Sum(t => t.Indexes.Count).ToString(CultureInfo.InvariantCulture) + " |");
            sb.AppendLine("| Foreign keys | " + counted.Tables.Sum(t => t.ForeignKeys.Count).ToString(CultureInfo.InvariantCulture) + " |");
            sb.AppendLine("| Enums | " + counted.Enums.Count.ToString(CultureInfo.InvariantCulture) + " |");
            sb.AppendLine("| Functions and procedures | " + counted.Routines.Count.ToString(CultureInfo.InvariantCulture) + " |");
            if (live == null) sb.AppendLine("(counts from the committed snapshot)");
        }
        _r.Text(sb.ToString().TrimEnd());
        return 0;
    }

    private static string Describe(string provider) => provider switch
    {
        "postgres" => "PostgreSQL",
        "mysql" => "MySQL/MariaDB",
        _ => "SQLite",
    };

    private static void Row(StringBuilder sb, string component, string? value, Detection? d) =>
        sb.AppendLine("| " + component + " | " + Escape(value ?? "unknown") + " | " + (d?.Confidence ?? "-") + " | " +
                      Escape(d?.Signal ?? "no signal: set SchemaDriftProvider") + " |");

    private static string Escape(string s) => s.Replace("|", "\\|");
}
