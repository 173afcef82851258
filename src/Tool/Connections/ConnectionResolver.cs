using System.Data.Common;
using System.Text.Json;
using SchemaDrift.Tool.Cli;

namespace SchemaDrift.Tool.Connections;

/// <summary>A connection string together with where it came from (never printed itself).</summary>
internal sealed record ResolvedConnection(string ConnectionString, string Source);

/// <summary>
/// Finds the connection string the way a .NET app would, without the build ever
/// holding it: the environment first, then the MSBuild property (handed over in an
/// environment variable by the task), then ConnectionStrings:&lt;name&gt; from
/// environment, user secrets, appsettings.Development.json and appsettings.json.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>The user's override, as documented in DESIGN.md.</summary>
    public const string EnvironmentVariable = "SCHEMADRIFT_CONNECTION";

    /// <summary>How the MSBuild task hands over the SchemaDriftConnectionString property.</summary>
    public const string PropertyVariable = "SCHEMADRIFT_PROPERTY_CONNECTION";

    public static ResolvedConnection? Resolve(ToolOptions options, Reporter reporter)
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Register(new ResolvedConnection(fromEnv!, "environment variable " + EnvironmentVariable), reporter);
        }
        var fromProperty = Environment.GetEnvironmentVariable(PropertyVariable);
        if (!string.IsNullOrWhiteSpace(fromProperty))
        {
            return Register(new ResolvedConnection(fromProperty!, "MSBuild property SchemaDriftConnectionString"), reporter);
        }
        var name = options.Get("connection-name");
        if (name == null) return null;

        var envName = "ConnectionStrings__" + name;
        var fromNamedEnv = Environment.GetEnvironmentVariable(envName);
        if (!string.IsNullOrWhiteSpace(fromNamedEnv))
        {
            return Register(new ResolvedConnection(fromNamedEnv!, "environment variable " + envName), reporter);
        }
        var secretsId = options.Get("user-secrets-id");
        if (secretsId != null)
        {
            var secretsFile = UserSecretsPath(secretsId);
            var fromSecrets = ReadConnectionString(secretsFile, name);
            if (fromSecrets != null)
            {
                return Register(new ResolvedConnection(fromSecrets, "user secrets (" + secretsId + ")"), reporter);
            }
        }
        foreach (var file in new[] { "appsettings.Development.json", "appsettings.json" })
        {
            var value = ReadConnectionString(Path.Combine(options.ProjectDirectory, file), name);
            if (value != null)
            {
                return Register(new ResolvedConnection(value, file + " ConnectionStrings:" + name), reporter);
            }
        }
        return null;
    }

    private static ResolvedConnection Register(ResolvedConnection c, Reporter reporter)
    {
        reporter.AddSecret(c.ConnectionString);
        foreach (var secret in ConnectionStrings.SecretsIn(c.ConnectionString))
        {
            reporter.AddSecret(secret);
        }
        return c;
    }

    public static string UserSecretsPath(string id)
    {
        var appData = Environment.GetEnvironmentVariable("APPDATA");
        if (!string.IsNullOrEmpty(appData))
        {
            return Path.Combine(appData, "Microsoft", "UserSecrets", id, "secrets.json");
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".microsoft", "usersecrets", id, "secrets.json");
    }

    /// <summary>Reads ConnectionStrings:name from a settings file, flat ("ConnectionStrings:x") or nested.</summary>
    public static string? ReadConnectionString(string file, string name)
    {
        if (!File.Exists(file)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name.Equals("ConnectionStrings:" + name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                {
                    return p.Value.GetString();
                }
                if (p.Name.Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var c in p.Value.EnumerateObject())
                    {
                        if (c.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && c.Value.ValueKind == JsonValueKind.String)
                        {
                            return c.Value.GetString();
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A broken settings file is the app's problem; the caller reports "no connection".
        }
        catch (IOException)
        {
        }
        return null;
    }
}

/// <summary>Connection string forms: URLs and key/value strings for all three engines.</summary>
internal static class ConnectionStrings
{
    /// <summary>Password values in a connection string or URL, so they can be scrubbed from output.</summary>
    public static IEnumerable<string> SecretsIn(string connectionString)
    {
        if (TryParseUrl(connectionString, out var url))
        {
            if (!string.IsNullOrEmpty(url.Password))
            {
                yield return url.Password!;
                yield return Uri.EscapeDataString(url.Password!);
            }
            yield break;
        }
        DbConnectionStringBuilder b;
        try
        {
            b = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            yield break;
        }
        foreach (var key in new[] { "password", "pwd", "passwd" })
        {
            if (b.TryGetValue(key, out var v) && v is string s && s.Length > 0) yield return s;
        }
    }

    public sealed record UrlParts(string Scheme, string? User, string? Password, string Host, int? Port, string Database, Dictionary<string, string> Query);

    public static bool TryParseUrl(string value, out UrlParts parts)
    {
        parts = null!;
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var scheme = value.Substring(0, schemeEnd).ToLowerInvariant();
        if (scheme is not ("postgres" or "postgresql" or "mysql" or "mariadb")) return false;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)) return false;
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon >= 0 ? uri.UserInfo.Substring(0, colon) : uri.UserInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1)) : null;
        }
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0) query[Uri.UnescapeDataString(pair.Substring(0, eq))] = Uri.UnescapeDataString(pair.Substring(eq + 1));
        }
        parts = new UrlParts(scheme, user, password, uri.Host, uri.IsDefaultPort || uri.Port < 0 ? null : uri.Port,
            Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')), query);
        return true;
    }

    /// <summary>Turns a URL into the key/value form the driver expects; other forms pass through.</summary>
    public static string ToDriverForm(string provider, string connectionString, string projectDirectory)
    {
        if (TryParseUrl(connectionString, out var u))
        {
            if (provider == "postgres")
            {
                var b = new DbConnectionStringBuilder { ["Host"] = u.Host, ["Database"] = u.Database };
                if (u.Port != null) b["Port"] = u.Port.Value;
                if (u.User != null) b["Username"] = u.User;
                if (u.Password != null) b["Password"] = u.Password;
                if (u.Query.TryGetValue("sslmode", out var ssl)) b["SSL Mode"] = ssl;
                return b.ConnectionString;
            }
            else
            {
                var b = new DbConnectionStringBuilder { ["Server"] = u.Host, ["Database"] = u.Database };
                if (u.Port != null) b["Port"] = u.Port.Value;
                if (u.User != null) b["User ID"] = u.User;
                if (u.Password != null) b["Password"] = u.Password;
                if (u.Query.TryGetValue("ssl-mode", out var ssl) || u.Query.TryGetValue("sslmode", out ssl)) b["SslMode"] = ssl;
                return b.ConnectionString;
            }
        }
        if (provider == "sqlite")
        {
            var path = SqlitePath(connectionString);
            if (path != null && path != ":memory:" && !Path.IsPathRooted(path))
            {
                path = Path.GetFullPath(Path.Combine(projectDirectory, path));
            }
            if (path != null)
            {
                return "Data Source=" + path;
            }
        }
        return connectionString;
    }

    /// <summary>The file a SQLite connection string names, or null.</summary>
    public static string? SqlitePath(string connectionString)
    {
        var s = connectionString.Trim();
        if (s.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return s.Substring(7).TrimStart('/').Length == 0 ? null : StripScheme(s, 7);
        if (s.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return StripScheme(s, 5);
        if (!s.Contains('=')) return s.Length > 0 ? s : null;
        try
        {
            var b = new DbConnectionStringBuilder { ConnectionString = s };
            foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
            {
                if (b.TryGetValue(key, out var v) && v is string path && path.Length > 0) return path;
            }
        }
        catch (ArgumentException)
        {
        }
        return null;
    }

    private static string StripScheme(string s, int len)
    {
        var rest = s.Substring(len);
        if (rest.StartsWith("///", StringComparison.Ordinal)) rest = rest.Substring(2);
        var q = rest.IndexOf('?');
        return q >= 0 ? rest.Substring(0, q) : rest;
    }
}
