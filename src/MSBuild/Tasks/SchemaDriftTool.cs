using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SchemaDrift.Core.Freshness;
using SchemaDrift.Core.Json;

namespace SchemaDrift.MSBuild.Tasks
{
    /// <summary>
    /// Runs one command of the SchemaDrift tool out of process: the ahead-of-time compiled
    /// tool where the package carries one for this machine, else `dotnet SchemaDrift.Tool.dll …`.
    /// The connection string never appears on the command line or in a log:
    /// the tool reads SCHEMADRIFT_CONNECTION, appsettings and user secrets itself, and
    /// the SchemaDriftConnectionString property is handed over in an environment variable.
    /// For `introspect` it first does the cheap freshness check that lets an unchanged
    /// database cost no process start at all.
    /// </summary>
    public sealed class SchemaDriftTool : Task
    {
        [Required] public string Command { get; set; } = "";
        [Required] public string ToolPath { get; set; } = "";
        [Required] public string ProjectDirectory { get; set; } = "";
        public string ProjectFile { get; set; } = "";
        public string DotnetHost { get; set; } = "";

        /// <summary>The ahead-of-time compiled tool for this machine's runtime identifier; used instead of ToolPath when it exists and runs.</summary>
        public string NativeToolPath { get; set; } = "";
        public string Provider { get; set; } = "";
        public string ConnectionStringName { get; set; } = "";
        public string UserSecretsId { get; set; } = "";
        public string CacheFile { get; set; } = "";
        public string StateFile { get; set; } = "";
        public string CommittedFile { get; set; } = "";
        public string Mode { get; set; } = "online";
        public int TimeoutSeconds { get; set; } = 5;
        public int CacheTtlSeconds { get; set; }
        public string Packages { get; set; } = "";

        /// <summary>Further non-secret options for the command, as "--name value" pairs (one item per pair: Identity=name, Value=value).</summary>
        public ITaskItem[] Options { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The SchemaDriftConnectionString property. Only ever passed to the tool in its environment.</summary>
        public string ConnectionString { get; set; } = "";

        /// <summary>True when the tool ran (false when the freshness check made it unnecessary).</summary>
        [Output] public bool Ran { get; set; }

        public const string PropertyVariable = "SCHEMADRIFT_PROPERTY_CONNECTION";

        public override bool Execute()
        {
            try
            {
                return Run();
            }
            catch (Exception ex)
            {
                Log.LogWarning(null, "DBDRIFT000", null, null, ProjectFile, 0, 0, 0, 0,
                    "SchemaDrift could not run its tool ({0}). SQL is checked against the last snapshot, if any.", ex.GetType().Name + ": " + ex.Message);
                return true;
            }
        }

        private bool Run()
        {
            string? salt = null;
            string? inputsKey = null;
            if (Command == "introspect")
            {
                var state = LoadState();
                salt = state?.GetString("inputsSalt") ?? NewSalt();
                inputsKey = InputsKey(salt);
                if (state != null && IsFresh(state, inputsKey)) return true;
            }

            if (!File.Exists(ToolPath) && !NativeToolUsable())
            {
                Log.LogWarning(null, "DBDRIFT000", null, null, ProjectFile, 0, 0, 0, 0,
                    "SchemaDrift's tool is missing at '{0}'. Restore the SchemaDrift package again.", ToolPath);
                return true;
            }
            var exitCode = Launch(salt, inputsKey, out var hadError);
            Ran = true;
            // Commands a person runs on purpose (snapshot, migrate…) fail the build on error;
            // the per-build introspection never does.
            return Command == "introspect" || (exitCode == 0 && !hadError);
        }

        private JsonNode? LoadState()
        {
            if (string.IsNullOrEmpty(StateFile) || !File.Exists(StateFile)) return null;
            try
            {
                return JsonParser.TryParse(File.ReadAllText(StateFile), out var root, out _) ? root : null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        private bool IsFresh(JsonNode state, string inputsKey)
        {
            if (state.GetString("inputsKey") != inputsKey || state.GetString("status") != "live") return false;
            if (string.IsNullOrEmpty(CacheFile) || !File.Exists(CacheFile)) return false;
            var watch = state.GetString("watchFile");
            if (watch != null)
            {
                var stamp = FileStamp.Of(watch);
                if (stamp != null && stamp == state.GetString("watchStamp"))
                {
                    Log.LogMessage(MessageImportance.Low, "SchemaDrift: database file unchanged since the last build; snapshot reused.");
                    return true;
                }
            }
            if (CacheTtlSeconds > 0 &&
                DateTime.TryParse(state.GetString("checkedAtUtc"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt) &&
                (DateTime.UtcNow - checkedAt.ToUniversalTime()).TotalSeconds < CacheTtlSeconds)
            {
                Log.LogMessage(MessageImportance.Low, "SchemaDrift: snapshot checked less than {0} s ago (SchemaDriftCacheTtlSeconds); reused.", CacheTtlSeconds);
                return true;
            }
            return false;
        }

        /// <summary>
        /// A salted hash of everything that decides which database the tool would read, so a
        /// changed setting forces a new introspection. The salt is random per project and the
        /// hash cannot be turned back into the connection string.
        /// </summary>
        private string InputsKey(string salt)
        {
            var sb = new StringBuilder();
            sb.Append(salt).Append('\n');
            sb.Append(Provider).Append('\n').Append(ConnectionStringName).Append('\n').Append(Mode).Append('\n');
            sb.Append(ConnectionString).Append('\n');
            sb.Append(Environment.GetEnvironmentVariable("SCHEMADRIFT_CONNECTION")).Append('\n');
            if (!string.IsNullOrEmpty(ConnectionStringName))
            {
                sb.Append(Environment.GetEnvironmentVariable("ConnectionStrings__" + ConnectionStringName)).Append('\n');
                sb.Append(Stamp(Path.Combine(ProjectDirectory, "appsettings.json"))).Append('\n');
                sb.Append(Stamp(Path.Combine(ProjectDirectory, "appsettings.Development.json"))).Append('\n');
                if (!string.IsNullOrEmpty(UserSecretsId)) sb.Append(Stamp(UserSecretsPath(UserSecretsId))).Append('\n');
            }
            sb.Append(Stamp(ToolPath)).Append('\n').Append(Stamp(NativeToolPath)).Append('\n').Append(CommittedFile).Append('\n').Append(Stamp(CommittedFile));
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString()));
                return BitConverter.ToString(hash).Replace("-", "").ToLowerInvariant();
            }
        }

        private static string Stamp(string file)
        {
            try
            {
                var info = new FileInfo(file);
                return info.Exists ? info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + info.Length.ToString(CultureInfo.InvariantCulture) : "-";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return "?";
            }
        }

        private static string UserSecretsPath(string id)
        {
            var appData = Environment.GetEnvironmentVariable("APPDATA");
            if (!string.IsNullOrEmpty(appData)) return Path.Combine(appData, "Microsoft", "UserSecrets", id, "secrets.json");
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".microsoft", "usersecrets", id, "secrets.json");
        }

        private static string NewSalt()
        {
            var bytes = new byte[16];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }

        private int Launch(string? salt, string? inputsKey, out bool hadError)
        {
            var args = new List<string> { Command, "--project-dir", ProjectDirectory };
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    args.Add("--" + name);
                    args.Add(value!);
                }
            }
            Add("provider", Provider);
            Add("connection-name", ConnectionStringName);
            Add("user-secrets-id", UserSecretsId);
            Add("cache", CacheFile);
            Add("state", StateFile);
            Add("committed", CommittedFile);
            Add("mode", Mode);
            Add("timeout", TimeoutSeconds.ToString(CultureInfo.InvariantCulture));
            Add("packages", Packages);
            foreach (var option in Options)
            {
                Add(option.ItemSpec, option.GetMetadata("Value"));
            }

            var native = NativeToolUsable();
            var exe = native ? NativeToolPath : string.IsNullOrEmpty(DotnetHost) ? "dotnet" : DotnetHost;
            if (!native) args.Insert(0, ToolPath);
            // Paths and the command only: nothing secret is ever on this line.
            Log.LogMessage(MessageImportance.Low, "SchemaDrift: running {0} {1}", native ? NativeToolPath : ToolPath, Command);
            var psi = new ProcessStartInfo(exe, JoinArguments(args))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
                WorkingDirectory = ProjectDirectory,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            psi.EnvironmentVariables.Remove(PropertyVariable);
            if (!string.IsNullOrEmpty(ConnectionString)) psi.EnvironmentVariables[PropertyVariable] = ConnectionString;
            if (inputsKey != null) psi.EnvironmentVariables["SCHEMADRIFT_INPUTS_KEY"] = inputsKey;
            if (salt != null) psi.EnvironmentVariables["SCHEMADRIFT_INPUTS_SALT"] = salt;
            psi.EnvironmentVariables["DOTNET_NOLOGO"] = "1";
            psi.EnvironmentVariables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

            var errors = false;
            var sawOutput = false;
            var stderr = new StringBuilder();
            var gate = new object();
            using (var process = new Process { StartInfo = psi })
            {
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data == null) return;
                    lock (gate)
                    {
                        sawOutput = true;
                        if (ToolOutputRelay.Relay(Log, e.Data, ProjectFile)) errors = true;
                    }
                };
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data == null) return;
                    lock (gate) stderr.AppendLine(e.Data);
                };
                try
                {
                    process.Start();
                }
                catch (Win32Exception ex) when (native)
                {
                    if (TryMakeExecutable()) return Launch(salt, inputsKey, out hadError);
                    // Still refused (a read-only package folder, a foreign C library…): the
                    // framework-dependent tool does the same work.
                    Log.LogMessage(MessageImportance.Low, "SchemaDrift: the native tool did not start ({0}); using the framework-dependent tool.", ex.Message);
                    _nativeRejected = true;
                    return Launch(salt, inputsKey, out hadError);
                }
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                // The tool bounds its own database work; this is the backstop for a stuck process.
                var limitMs = (TimeoutSeconds * 6 + 60) * 1000;
                if (!process.WaitForExit(limitMs))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                    Log.LogWarning(null, "DBDRIFT000", null, null, ProjectFile, 0, 0, 0, 0,
                        "SchemaDrift's tool did not finish within {0} s and was stopped; the previous snapshot is used.", limitMs / 1000);
                    hadError = true;
                    return -1;
                }
                process.WaitForExit(); // drain the output handlers
                lock (gate)
                {
                    if (native && process.ExitCode != 0 && !sawOutput)
                    {
                        // The loader refused it before the tool said anything (an older C
                        // library than the one it was linked against, say).
                        Log.LogMessage(MessageImportance.Low, "SchemaDrift: the native tool failed to start ({0}); using the framework-dependent tool.", FirstLine(stderr.ToString()));
                        _nativeRejected = true;
                        return Launch(salt, inputsKey, out hadError);
                    }
                    if (stderr.Length > 0)
                    {
                        Log.LogMessage(MessageImportance.Low, "SchemaDrift tool stderr: {0}", stderr.ToString());
                    }
                    if (process.ExitCode != 0 && !errors)
                    {
                        Log.LogWarning(null, "DBDRIFT000", null, null, ProjectFile, 0, 0, 0, 0,
                            "SchemaDrift's tool exited with code {0}. Is the .NET 8 (or newer) runtime installed? {1}", process.ExitCode, FirstLine(stderr.ToString()));
                    }
                    hadError = errors || process.ExitCode != 0;
                }
                return process.ExitCode;
            }
        }

        private bool _nativeRejected;
        private bool _chmodTried;

        private bool NativeToolUsable() =>
            !_nativeRejected && !string.IsNullOrEmpty(NativeToolPath) && File.Exists(NativeToolPath);

        /// <summary>
        /// NuGet does not keep Unix file modes when it extracts a package, so the native tool
        /// may arrive without its execute bit: set it once, the first time it is refused.
        /// </summary>
        private bool TryMakeExecutable()
        {
            if (_chmodTried || Path.DirectorySeparatorChar == '\\') return false;
            _chmodTried = true;
            try
            {
                using (var chmod = Process.Start(new ProcessStartInfo("chmod", JoinArguments(new[] { "+x", NativeToolPath })) { UseShellExecute = false, CreateNoWindow = true }))
                {
                    return chmod != null && chmod.WaitForExit(10000) && chmod.ExitCode == 0;
                }
            }
            catch (Win32Exception)
            {
                return false;
            }
        }

        private static string FirstLine(string s)
        {
            var i = s.IndexOf('\n');
            return (i < 0 ? s : s.Substring(0, i)).Trim();
        }

        /// <summary>Windows command-line quoting (CommandLineToArgvW rules), also right for .NET on Unix.</summary>
        internal static string JoinArguments(IEnumerable<string> args)
        {
            var sb = new StringBuilder();
            foreach (var a in args)
            {
                if (sb.Length > 0) sb.Append(' ');
                if (a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '"', '\n' }) < 0)
                {
                    sb.Append(a);
                    continue;
                }
                sb.Append('"');
                var backslashes = 0;
                foreach (var c in a)
                {
                    if (c == '\\')
                    {
                        backslashes++;
                        continue;
                    }
                    if (c == '"')
                    {
                        sb.Append('\\', backslashes * 2 + 1);
                    }
                    else
                    {
                        sb.Append('\\', backslashes);
                    }
                    backslashes = 0;
                    sb.Append(c);
                }
                sb.Append('\\', backslashes * 2);
                sb.Append('"');
            }
            return sb.ToString();
        }
    }
}
