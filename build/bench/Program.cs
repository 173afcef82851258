namespace SchemaDrift.Bench;

/// <summary>dotnet run --project build/bench -- &lt;generate|latency|memory&gt; --name value …</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
        return args.Length == 0 ? Usage() : args[0] switch
        {
            "generate" => Generate.Run(options),
            "latency" => await Latency.Run(options),
            "memory" => Memory.Run(options),
            "create-server-schemas" => await ServerSchemas.Run(options),
            "whole" => WholeCompilation.Run(options),
            "read" => await ReadSchema.Run(options),
            "sqlite-queries" => ReadSchema.SqliteQueries(),
            "sqlcost" => SqlCost.Run(options),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: SchemaDrift.Bench generate|latency|memory --option value ...");
        return 2;
    }
}
