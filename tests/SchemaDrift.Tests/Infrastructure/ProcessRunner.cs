using System.Diagnostics;
using System.Text;

namespace SchemaDrift.Tests.Infrastructure;

internal sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => "exit " + ExitCode + "\n" + Output;
}

/// <summary>Runs a command with a time limit and captures stdout and stderr together.</summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> args, string workingDirectory,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // The test runner's own MSBuild settings must not leak into the consumer build.
        psi.Environment.Remove("MSBuildExtensionsPath");
        psi.Environment.Remove("MSBuildSDKsPath");
        psi.Environment.Remove("MSBUILD_EXE_PATH");
        if (environment != null)
        {
            foreach (var (k, v) in environment)
            {
                if (v == null) psi.Environment.Remove(k);
                else psi.Environment[k] = v;
            }
        }
        var output = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(5)).TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + string.Join(" ", args) + " did not finish:\n" + output);
        }
        p.WaitForExit();
        lock (output) return new ProcessResult(p.ExitCode, output.ToString());
    }
}
