namespace SchemaDrift.Tool.Connections;

/// <summary>The seed's stack summary: what the project uses to reach its database, and why we think so.</summary>
internal sealed record StackSummary(
    Detection? Provider,
    Detection DataAccess,
    Detection Connection,
    Detection PushMethod);

/// <summary>
/// Detects data-access style and push method from package references and the project
/// folder (EF Core migrations, FluentMigrator, DbUp), the way /db assess does for JavaScript stacks.
/// </summary>
internal static class StackDetector
{
    private static readonly (string Package, string Style)[] DataAccessSignals =
    {
        ("Microsoft.EntityFrameworkCore", "EF Core"),
        ("Npgsql.EntityFrameworkCore.PostgreSQL", "EF Core"),
        ("Pomelo.EntityFrameworkCore.MySql", "EF Core"),
        ("MySql.EntityFrameworkCore", "EF Core"),
        ("Microsoft.EntityFrameworkCore.Sqlite", "EF Core"),
        ("Microsoft.EntityFrameworkCore.Relational", "EF Core"),
        ("Dapper", "Dapper"),
        ("Dapper.StrongName", "Dapper"),
        ("linq2db", "linq2db"),
        ("linq2db.EntityFrameworkCore", "linq2db"),
    };

    public static StackSummary Detect(Detection? provider, ResolvedConnection? connection, IReadOnlyCollection<string> packages, string projectDirectory)
    {
        var has = new HashSet<string>(packages, StringComparer.OrdinalIgnoreCase);
        var styles = DataAccessSignals.Where(s => has.Contains(s.Package)).ToList();
        var dataAccess = styles.Count > 0
            ? new Detection(string.Join(", ", styles.Select(s => s.Style).Distinct()), "HIGH",
                "package references " + string.Join(", ", styles.Select(s => s.Package)))
            : new Detection("ADO.NET", provider != null ? "MEDIUM" : "LOW",
                "no ORM or micro-ORM package; driver packages only");

        var connectionDetection = connection != null
            ? new Detection(connection.Source, "HIGH", "first source that had a value")
            : new Detection("none", "HIGH", "no SchemaDriftConnectionString, SCHEMADRIFT_CONNECTION, or ConnectionStrings:<SchemaDriftConnectionStringName>");

        return new StackSummary(provider, dataAccess, connectionDetection, DetectPush(has, projectDirectory));
    }

    private static Detection DetectPush(HashSet<string> packages, string projectDirectory)
    {
        var migrations = Path.Combine(projectDirectory, "Migrations");
        var efMigrations = Directory.Exists(migrations) &&
                           Directory.EnumerateFiles(migrations, "*ModelSnapshot.cs", SearchOption.TopDirectoryOnly).Any();
        if (efMigrations)
        {
            return new Detection("dotnet ef database update", "HIGH", "EF Core migrations in Migrations/ (a *ModelSnapshot.cs file)");
        }
        if (packages.Any(p => p.StartsWith("FluentMigrator", StringComparison.OrdinalIgnoreCase)))
        {
            return new Detection("FluentMigrator runner (dotnet fm migrate, or the app's runner)", "HIGH", "package reference FluentMigrator*");
        }
        if (packages.Any(p => p.StartsWith("dbup", StringComparison.OrdinalIgnoreCase)))
        {
            return new Detection("DbUp (scripts run by the application's upgrader)", "HIGH", "package reference dbup*");
        }
        if (packages.Contains("Microsoft.EntityFrameworkCore.Design") || packages.Contains("Microsoft.EntityFrameworkCore.Tools"))
        {
            return new Detection("dotnet ef database update", "MEDIUM", "Microsoft.EntityFrameworkCore.Design/Tools referenced, no migrations yet");
        }
        return new Detection("SchemaDriftPush (staged SQL migrations)", "MEDIUM", "no migration tool detected");
    }
}
