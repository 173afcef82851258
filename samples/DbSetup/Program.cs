using Microsoft.Data.Sqlite;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: DbSetup <database file> <schema.sql>");
    return 2;
}

var (database, schema) = (args[0], args[1]);
if (File.Exists(database)) File.Delete(database);
using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText = File.ReadAllText(schema);
command.ExecuteNonQuery();
Console.WriteLine($"created {database} from {schema}");
return 0;
