namespace SchemaDrift.Tool.Cli;

/// <summary>
/// Command-line options. Only non-secret values travel on the command line;
/// the connection string comes from the environment (see ConnectionResolver).
/// </summary>
internal sealed class ToolOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    public string Command { get; private set; } = "";
    public List<string> Positionals { get; } = new();

    public static ToolOptions Parse(string[] args)
    {
        var o = new ToolOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var name = a.Substring(2);
                var eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    o._values[name.Substring(0, eq)] = name.Substring(eq + 1);
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    o._values[name] = args[++i];
                }
                else
                {
                    o._flags.Add(name);
                }
            }
            else if (o.Command.Length == 0)
            {
                o.Command = a;
            }
            else
            {
                o.Positionals.Add(a);
            }
        }
        return o;
    }

    public string? Get(string name) =>
        _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool Has(string name) => _flags.Contains(name) ||
        (_values.TryGetValue(name, out var v) && (v == "true" || v == "1"));

    public int GetInt(string name, int fallback) =>
        int.TryParse(Get(name), out var n) ? n : fallback;

    public string ProjectDirectory => Get("project-dir") ?? Directory.GetCurrentDirectory();

    /// <summary>A path option resolved against the project directory.</summary>
    public string? GetPath(string name)
    {
        var v = Get(name);
        return v == null ? null : Path.GetFullPath(Path.Combine(ProjectDirectory, v));
    }
}
