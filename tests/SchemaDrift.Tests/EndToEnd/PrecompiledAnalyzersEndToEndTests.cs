using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SchemaDrift.Tests.EndToEnd;

/// <summary>
/// The package's ReadyToRun analyzers (tools/analyzers/linux-x64/, made by build/pack.sh): the
/// same assemblies as the IL in analyzers/dotnet/cs/ with precompiled code added; a command-line
/// build on linux-x64 hands them to the compiler, which reports the same findings; IDE builds and
/// SchemaDriftUsePrecompiledAnalyzers=false keep the IL.
/// </summary>
[Category("EndToEnd")]
[NonParallelizable]
public class PrecompiledAnalyzersEndToEndTests
{
    private const string PrecompiledDir = "tools/analyzers/linux-x64/";
    private const string IlDir = "analyzers/dotnet/cs/";

    private static bool IsLinuxX64 => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64;

    [OneTimeSetUp]
    public void OnLinuxX64Only()
    {
        if (!IsLinuxX64) Assert.Ignore("build/pack.sh precompiles the analyzers on Linux x64 only.");
    }

    [TestCase("SchemaDrift.Analyzers.dll")]
    [TestCase("SchemaDrift.Core.dll")]
    public void The_precompiled_assembly_is_the_IL_assembly_with_native_code_added(string name)
    {
        using var zip = ZipFile.OpenRead(TestPackage.File);
        var il = Read(zip, IlDir + name);
        var precompiled = Read(zip, PrecompiledDir + name);
        Assert.That(il.ReadyToRun, Is.False, "the IL copy every host loads");
        Assert.That(precompiled.ReadyToRun, Is.True, "ReadyToRun code in " + PrecompiledDir + name);
        Assert.That(precompiled.Identity, Is.EqualTo(il.Identity), "same name, version and module id: the same assembly to the compiler");
    }

    [Test]
    public void The_code_fixes_ship_beside_them_unchanged()
    {
        using var zip = ZipFile.OpenRead(TestPackage.File);
        var il = Read(zip, IlDir + "SchemaDrift.CodeFixes.dll");
        var copy = Read(zip, PrecompiledDir + "SchemaDrift.CodeFixes.dll");
        Assert.That(copy.Bytes, Is.EqualTo(il.Bytes));
    }

    [Test]
    public void A_command_line_build_hands_the_compiler_the_precompiled_analyzers_and_reports_the_same_drift()
    {
        using var project = PackageEndToEndTests.SqliteConsumer(PackageEndToEndTests.DriftedQuery);
        AssertAllIn(SchemaDriftAnalyzers(project), PrecompiledDir);

        var precompiled = project.Build("-v:d");
        Assert.That(precompiled.Output, Does.Contain("SchemaDrift: the compiler gets the analyzers precompiled for linux-x64"), precompiled.ToString());
        Assert.That(precompiled.LoadOrCrashProblems, Is.Empty, precompiled.ToString());
        var il = project.Build("--no-incremental", "-p:SchemaDriftUsePrecompiledAnalyzers=false");
        Assert.That(il.LoadOrCrashProblems, Is.Empty, il.ToString());
        Assert.That(precompiled.Drift.Select(d => d.ToString()), Is.EqualTo(il.Drift.Select(d => d.ToString())).And.Not.Empty, precompiled + "\n" + il);
    }

    [TestCase("-p:SchemaDriftUsePrecompiledAnalyzers=false")]
    [TestCase("-p:DesignTimeBuild=true")]
    public void IDE_builds_and_the_opt_out_keep_the_IL(string property)
    {
        using var project = PackageEndToEndTests.SqliteConsumer(PackageEndToEndTests.DriftedQuery);
        AssertAllIn(SchemaDriftAnalyzers(project, property), IlDir);
    }

    private static void AssertAllIn(List<string> analyzers, string folder)
    {
        Assert.That(analyzers.Select(Path.GetFileName), Is.EquivalentTo(new[] { "SchemaDrift.Analyzers.dll", "SchemaDrift.Core.dll", "SchemaDrift.CodeFixes.dll" }));
        Assert.That(analyzers, Has.All.Contains("/" + folder));
    }

    /// <summary>The SchemaDrift files in @(Analyzer) as CoreCompile would get them.</summary>
    private static List<string> SchemaDriftAnalyzers(ConsumerProject project, params string[] properties)
    {
        var restore = project.Run("restore", Array.Empty<string>());
        Assert.That(restore.Succeeded, restore.ToString());
        var args = new List<string> { "-t:ResolveLockFileAnalyzers;_SchemaDriftUsePrecompiledAnalyzers", "-getItem:Analyzer" };
        args.AddRange(properties);
        var result = project.Run("msbuild", args.ToArray());
        Assert.That(result.Succeeded, result.ToString());
        var json = result.Output.Substring(result.Output.IndexOf('{'));
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(i => i.GetProperty("FullPath").GetString()!)
            .Where(p => Path.GetFileName(p).StartsWith("SchemaDrift.", StringComparison.Ordinal))
            .ToList();
    }

    private static (bool ReadyToRun, string Identity, byte[] Bytes) Read(ZipArchive zip, string entryName)
    {
        var entry = zip.GetEntry(entryName);
        Assert.That(entry, Is.Not.Null, entryName + " in the package");
        using var stream = new MemoryStream();
        using (var s = entry!.Open()) s.CopyTo(stream);
        var bytes = stream.ToArray();
        using var pe = new PEReader(new MemoryStream(bytes));
        var metadata = pe.GetMetadataReader();
        var assembly = metadata.GetAssemblyDefinition();
        var identity = metadata.GetString(assembly.Name) + " " + assembly.Version + " " + metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        // ReadyToRun images carry their native code's header in the CLI header's managed-native slot.
        var readyToRun = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
        return (readyToRun, identity, bytes);
    }
}
