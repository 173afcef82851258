using SchemaDrift.Tool.Cli;
namespace SchemaDrift.Tool.Commands;
internal sealed class DiffCommand
{
    public DiffCommand(ToolOptions options, Reporter reporter) { }
    public Task<int> RunAsync() => Task.FromResult(0);
}
