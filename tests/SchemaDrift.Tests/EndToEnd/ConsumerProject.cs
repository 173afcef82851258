using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>A diagnostic as `dotnet build` prints it.</summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message);

/// <summary>
/// A throwaway consumer project that references the packed SchemaDrift from a local feed,
/// exactly as a user would, and is built with `dotnet build`.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly Regex DiagnosticLine = new(
        @"^\s*(?:\d+>)?(?<file>[^\s(][^(]*)\((?<line>\d+),(?<col>\d+)\): (?<sev>warning|error) (?<id>[A-Z]+\d+): (?<msg>.*?)(?: \(https?://[^)\s]*\))?(?: \[[^\]]+\])?$",
        RegexOptions.Multiline);

    private static readonly Regex ProjectDiagnosticLine = new(
        @"^\s*(?:\d+>)?(?<file>\S+\.csproj) : (?<sev>warning|error) (?<id>[A-Z]+\d+): (?<msg>.*?)(?: \(https?://[^)\s]*\))?(?: \[[^\]]+\])?$",
        RegexOptions.Multiline);

    public ConsumerProject(string name = "Consumer", string targetFramework = "net10.0", string extraProperties = "", string extraItems = "")
    {
        Directory = Path.Combine(Path.GetTempPath(), "schemadrift-e2e", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{TestPackage.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // Isolate from any Directory.Build.* or global.json above the temp folder.
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Directory, "Directory.Packages.props"), "<Project />");
        ProjectFile = Path.Combine(Directory, name + ".csproj");
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{targetFramework}</TargetFramework>
                <OutputType>Library</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SchemaDrift" Version="{TestPackage.Version}" PrivateAssets="all" />
                <PackageReference Include="Dapper" Version="2.1.66" />
                <PackageReference Include="Microsoft.Data.Sqlite" Version="8.0.34" />
                {extraItems}
              </ItemGroup>
            </Project>
            """);
    }

    public string Directory { get; }
    public string ProjectFile { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public ConsumerProject WithSource(string fileName, string source)
    {
        File.WriteAllText(PathOf(fileName), source);
        return this;
    }

    /// <summary>Creates (or replaces) a SQLite database in the project folder.</summary>
    public ConsumerProject WithSqliteDatabase(string fileName, string ddl)
    {
        var path = PathOf(fileName);
        if (File.Exists(path)) File.Delete(path);
        ExecuteSqlite(fileName, ddl);
        return this;
    }

    public void ExecuteSqlite(string fileName, string sql)
    {
        using var c = new SqliteConnection("Data Source=" + PathOf(fileName) + ";Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public BuildResult Build(params string[] arguments) => Run("build", arguments);

    public BuildResult Run(string verb, string[] arguments, IDictionary<string, string?>? environment = null)
    {
        var args = new List<string> { verb };
        if (verb == "format")
        {
            // dotnet format takes its sub-command first, then the project.
            args.Add(arguments[0]);
            args.Add(ProjectFile);
            args.AddRange(arguments.Skip(1));
        }
        else
        {
            args.AddRange(new[] { ProjectFile, "-nologo", "-clp:NoSummary" });
            args.AddRange(arguments);
        }
        var result = ProcessRunner.Run("dotnet", args, Directory, environment, TimeSpan.FromMinutes(5));
        return new BuildResult(result.ExitCode, result.Output, Parse(result.Output));
    }

    public BuildResult Build(IDictionary<string, string?> environment, params string[] arguments) => Run("build", arguments, environment);

    private static List<BuildDiagnostic> Parse(string output)
    {
        var list = new List<BuildDiagnostic>();
        foreach (Match m in DiagnosticLine.Matches(output))
        {
            list.Add(new BuildDiagnostic(Path.GetFileName(m.Groups["file"].Value.Trim()), int.Parse(m.Groups["line"].Value),
                int.Parse(m.Groups["col"].Value), m.Groups["sev"].Value, m.Groups["id"].Value, m.Groups["msg"].Value));
        }
        foreach (Match m in ProjectDiagnosticLine.Matches(output))
        {
            list.Add(new BuildDiagnostic(Path.GetFileName(m.Groups["file"].Value), 0, 0, m.Groups["sev"].Value, m.Groups["id"].Value, m.Groups["msg"].Value));
        }
        // Console loggers repeat diagnostics in the summary: keep each once.
        return list.Distinct().ToList();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record BuildResult(int ExitCode, string Output, List<BuildDiagnostic> Diagnostics)
{
    public bool Succeeded => ExitCode == 0;

    public IEnumerable<BuildDiagnostic> Drift => Diagnostics.Where(d => d.Id.StartsWith("DBDRIFT", StringComparison.Ordinal));

    /// <summary>Analyzer crashes or load failures: always a bug.</summary>
    public IEnumerable<BuildDiagnostic> LoadOrCrashProblems => Diagnostics.Where(d => d.Id is "AD0001" or "CS8032" or "CS8033" or "CS8034");

    public override string ToString() => "exit " + ExitCode + "\n" + Output;
}
