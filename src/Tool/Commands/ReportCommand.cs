using SchemaDrift.Tool.Cli;
namespace SchemaDrift.Tool.Commands;
internal sealed class ReportCommand
{
    public ReportCommand(ToolOptions options, Reporter reporter) { }
    public Task<int> RunAsync() => Task.FromResult(0);
}
