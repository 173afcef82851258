using SchemaDrift.Tool.Cli;
namespace SchemaDrift.Tool.Commands;
internal sealed class SeedCommand
{
    public SeedCommand(ToolOptions options, Reporter reporter) { }
    public Task<int> RunAsync() => Task.FromResult(0);
}
