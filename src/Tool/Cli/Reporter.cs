using System.Text;

namespace SchemaDrift.Tool.Cli;

/// <summary>
/// Everything the tool says goes through here. Lines that start with
/// <c>schemadrift:</c> are relayed by the MSBuild task as warnings or messages;
/// every line is scrubbed of known secrets first, so a driver's exception text
/// can never carry a password into a build log.
/// </summary>
internal sealed class Reporter
{
    public const string Prefix = "schemadrift:";
    private readonly List<string> _secrets = new();
    private readonly TextWriter _out;

    public Reporter(TextWriter output) => _out = output;

    public int WarningCount { get; private set; }

    public int ErrorCount { get; private set; }

    /// <summary>Registers a value that must never be printed (connection string, password).</summary>
    public void AddSecret(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 3 && !_secrets.Contains(secret))
        {
            _secrets.Add(secret);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public void Warning(string code, string message)
    {
        WarningCount++;
        Emit("warning", code, message);
    }

    public void Error(string code, string message)
    {
        ErrorCount++;
        Emit("error", code, message);
    }

    /// <summary>A message shown at normal verbosity (once per build).</summary>
    public void Info(string message) => Emit("info", "", message);

    /// <summary>A message shown only at detailed verbosity.</summary>
    public void Detail(string message) => Emit("detail", "", message);

    /// <summary>Plain output for commands run by a person (assess, reports).</summary>
    public void Text(string text)
    {
        foreach (var line in Scrub(text).Replace("\r\n", "\n").Split('\n'))
        {
            _out.WriteLine(Prefix + "text::" + line);
        }
        _out.Flush();
    }

    private void Emit(string level, string code, string message)
    {
        var oneLine = Scrub(message).Replace("\r", " ").Replace("\n", " ");
        _out.WriteLine(Prefix + level + ":" + code + ":" + oneLine);
        _out.Flush();
    }

    public string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var sb = new StringBuilder(text);
        foreach (var s in _secrets)
        {
            sb.Replace(s, "***");
        }
        return sb.ToString();
    }
}
