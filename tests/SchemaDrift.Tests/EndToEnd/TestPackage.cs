using SchemaDrift.Tests.Infrastructure;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// The SchemaDrift .nupkg under test. build/test.sh packs it under a unique version and
/// passes the folder and version in the environment; run alone, the tests pack it here.
/// </summary>
internal static class TestPackage
{
    private static readonly Lazy<(string Directory, string Version)> Package = new(Resolve);

    public static string Directory => Package.Value.Directory;
    public static string Version => Package.Value.Version;
    public static string File => Path.Combine(Directory, "SchemaDrift." + Version + ".nupkg");

    public static string RepoRoot { get; } = FindRepoRoot();

    private static (string, string) Resolve()
    {
        var dir = Environment.GetEnvironmentVariable("SCHEMADRIFT_TEST_PACKAGE_DIR");
        var version = Environment.GetEnvironmentVariable("SCHEMADRIFT_TEST_PACKAGE_VERSION");
        if (!string.IsNullOrEmpty(dir) && !string.IsNullOrEmpty(version) && System.IO.File.Exists(Path.Combine(dir, "SchemaDrift." + version + ".nupkg")))
        {
            return (dir, version);
        }
        version = "0.1.0-local." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        var result = ProcessRunner.Run("bash", new[] { "build/pack.sh", version }, RepoRoot, timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0) throw new InvalidOperationException("build/pack.sh failed:\n" + result.Output);
        return (Path.Combine(RepoRoot, "artifacts", "packages"), version);
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !System.IO.File.Exists(Path.Combine(dir, "SchemaDrift.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
