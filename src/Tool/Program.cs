using SchemaDrift.Tool.Cli;
using SchemaDrift.Tool.Commands;

namespace SchemaDrift.Tool;

/// <summary>Entry point: `dotnet SchemaDrift.Tool.dll &lt;command&gt; [--option value]…`.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = ToolOptions.Parse(args);
        var reporter = new Reporter(Console.Out);
        try
        {
            switch (options.Command)
            {
                case "version":
                case "--version":
                    Console.WriteLine(typeof(Program).Assembly.GetName().Version);
                    return 0;
                case "introspect":
                    return await new IntrospectCommand(options, reporter).RunAsync();
                case "snapshot":
                    return await new SnapshotCommand(options, reporter).RunAsync();
                case "assess":
                    return await new AssessCommand(options, reporter).RunAsync();
                case "audit":
                    return await new AuditCommand(options, reporter).RunAsync();
                case "migrate":
                    return await new MigrateCommand(options, reporter).RunAsync();
                case "lint":
                    return await new LintCommand(options, reporter).RunAsync();
                case "push":
                    return await new PushCommand(options, reporter).RunAsync();
                case "rollback":
                    return await new RollbackCommand(options, reporter).RunAsync();
                case "diff":
                    return await new DiffCommand(options, reporter).RunAsync();
                case "seed":
                    return await new SeedCommand(options, reporter).RunAsync();
                case "report":
                    return await new ReportCommand(options, reporter).RunAsync();
                default:
                    reporter.Error("DBDRIFT000", "unknown command '" + options.Command + "'. Commands: introspect, snapshot, assess, audit, migrate, lint, push, rollback, diff, seed, report.");
                    return 2;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last line of defence: say what happened (scrubbed) instead of a stack trace with secrets in it.
            reporter.Error("DBDRIFT000", "SchemaDrift tool failed: " + ex.GetType().Name + ": " + ex.Message);
            return 3;
        }
    }
}
