using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SchemaDrift.MSBuild.Tasks
{
    /// <summary>
    /// Turns the tool's protocol lines (schemadrift:&lt;level&gt;:&lt;code&gt;:&lt;message&gt;)
    /// into MSBuild warnings, errors and messages at the right importance.
    /// </summary>
    internal static class ToolOutputRelay
    {
        public const string Prefix = "schemadrift:";

        /// <returns>true when the line was an error.</returns>
        public static bool Relay(TaskLoggingHelper log, string line, string projectFile)
        {
            if (!line.StartsWith(Prefix, System.StringComparison.Ordinal))
            {
                log.LogMessage(MessageImportance.Low, "{0}", line);
                return false;
            }
            var rest = line.Substring(Prefix.Length);
            var firstColon = rest.IndexOf(':');
            var secondColon = firstColon < 0 ? -1 : rest.IndexOf(':', firstColon + 1);
            if (secondColon < 0)
            {
                log.LogMessage(MessageImportance.Low, "{0}", line);
                return false;
            }
            var level = rest.Substring(0, firstColon);
            var code = rest.Substring(firstColon + 1, secondColon - firstColon - 1);
            var message = rest.Substring(secondColon + 1);
            var help = code.Length > 0 ? "https://github.com/schemadrift/schemadrift/blob/main/docs/rules/" + code + ".md" : null;
            switch (level)
            {
                case "warning":
                    log.LogWarning(null, code, null, help, projectFile, 0, 0, 0, 0, "{0}", message);
                    return false;
                case "error":
                    log.LogError(null, code, null, help, projectFile, 0, 0, 0, 0, "{0}", message);
                    return true;
                case "info":
                    log.LogMessage(MessageImportance.Normal, "{0}", message);
                    return false;
                case "text":
                    log.LogMessage(MessageImportance.High, "{0}", message);
                    return false;
                default:
                    log.LogMessage(MessageImportance.Low, "{0}", message);
                    return false;
            }
        }
    }
}
