using System.Data.Common;

namespace SchemaDrift.Tool.Connections;

/// <summary>A detected value with how sure we are and the signal that decided it (the seed's stack summary).</summary>
internal sealed record Detection(string Value, string Confidence, string Signal);

/// <summary>Decides the engine: explicit setting, then the connection string's form, then package references.</summary>
internal static class ProviderDetector
{
    public static Detection? Detect(string? explicitProvider, string? connectionString, IReadOnlyCollection<string> packages)
    {
        if (!string.IsNullOrWhiteSpace(explicitProvider))
        {
            var p = Normalize(explicitProvider!);
            return p == null ? null : new Detection(p, "HIGH", "SchemaDriftProvider=" + explicitProvider);
        }
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var fromForm = FromConnectionString(connectionString!);
            if (fromForm != null) return fromForm;
        }
        return FromPackages(packages);
    }

    public static string? Normalize(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "postgres" or "postgresql" or "npgsql" or "pg" => "postgres",
        "mysql" or "mariadb" => "mysql",
        "sqlite" or "sqlite3" => "sqlite",
        _ => null,
    };

    public static Detection? FromConnectionString(string cs)
    {
        var s = cs.Trim();
        var lower = s.ToLowerInvariant();
        if (lower.StartsWith("postgres://") || lower.StartsWith("postgresql://"))
            return new Detection("postgres", "HIGH", "connection string is a postgres:// URL");
        if (lower.StartsWith("mysql://") || lower.StartsWith("mariadb://"))
            return new Detection("mysql", "HIGH", "connection string is a mysql:// URL");
        if (lower.StartsWith("sqlite:") || lower.StartsWith("file:"))
            return new Detection("sqlite", "HIGH", "connection string is a sqlite:/file: URI");
        if (!s.Contains('='))
        {
            return LooksLikeSqliteFile(s) ? new Detection("sqlite", "MEDIUM", "connection string is a database file name") : null;
        }
        DbConnectionStringBuilder b;
        try
        {
            b = new DbConnectionStringBuilder { ConnectionString = s };
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (b.ContainsKey("Host")) return new Detection("postgres", "HIGH", "connection string has Host= (Npgsql form)");
        if ((b.ContainsKey("Server") || b.ContainsKey("Data Source")) && (b.ContainsKey("Database") || b.ContainsKey("Initial Catalog")))
        {
            return new Detection("mysql", "MEDIUM", "connection string has Server=…;Database= (MySQL form)");
        }
        var path = ConnectionStrings.SqlitePath(s);
        if (path != null && (LooksLikeSqliteFile(path) || path == ":memory:"))
        {
            return new Detection("sqlite", "HIGH", "connection string names a SQLite database file (" + Path.GetFileName(path) + ")");
        }
        if (b.ContainsKey("Data Source") || b.ContainsKey("Filename"))
        {
            return new Detection("sqlite", "MEDIUM", "connection string has Data Source= without a server");
        }
        return null;
    }

    private static bool LooksLikeSqliteFile(string s)
    {
        var ext = Path.GetExtension(s).ToLowerInvariant();
        return ext is ".db" or ".sqlite" or ".sqlite3" or ".db3";
    }

    private static readonly (string Package, string Provider)[] PackageSignals =
    {
        ("Npgsql.EntityFrameworkCore.PostgreSQL", "postgres"),
        ("Npgsql", "postgres"),
        ("Pomelo.EntityFrameworkCore.MySql", "mysql"),
        ("MySqlConnector", "mysql"),
        ("MySql.Data", "mysql"),
        ("MySql.EntityFrameworkCore", "mysql"),
        ("Microsoft.EntityFrameworkCore.Sqlite", "sqlite"),
        ("Microsoft.Data.Sqlite", "sqlite"),
        ("System.Data.SQLite", "sqlite"),
        ("System.Data.SQLite.Core", "sqlite"),
    };

    public static Detection? FromPackages(IReadOnlyCollection<string> packages)
    {
        var found = PackageSignals.Where(s => packages.Contains(s.Package, StringComparer.OrdinalIgnoreCase)).ToList();
        var providers = found.Select(f => f.Provider).Distinct().ToList();
        if (providers.Count == 0) return null;
        var confidence = providers.Count == 1 ? "HIGH" : "LOW";
        return new Detection(providers[0], confidence, "package reference " + found[0].Package +
            (providers.Count > 1 ? " (also: " + string.Join(", ", found.Skip(1).Select(f => f.Package)) + ")" : ""));
    }
}
