using Dapper;
using Microsoft.Data.Sqlite;

// A small to-do app on SQLite, using Dapper and plain ADO.NET.
// SchemaDrift checks every constant SQL string below against app.db at build time.

using var connection = new SqliteConnection("Data Source=app.db");
connection.Open();

var repo = new TodoRepository(connection);
foreach (var todo in repo.OpenTodos())
{
    Console.WriteLine($"{todo.Id}: {todo.Title} ({todo.Email})");
}

public sealed record OpenTodo(long Id, string Title, string Email);

public sealed class TodoRepository(SqliteConnection connection)
{
    public IEnumerable<OpenTodo> OpenTodos() =>
        connection.Query<OpenTodo>("SELECT id, title, email FROM open_todos ORDER BY id");

    public long AddUser(string email, string? name) =>
        connection.ExecuteScalar<long>(
            "INSERT INTO users (email, display_name) VALUES (@email, @name) RETURNING id",
            new { email, name });

    public int CompleteTodo(long id) =>
        connection.Execute("UPDATE todos SET done = 1 WHERE id = @id", new { id });

    public int CountOverdue()
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*)
            FROM todos t
            JOIN users u ON u.id = t.user_id
            WHERE t.done = 0 AND t.due_date < date('now')
            """;
        return Convert.ToInt32(command.ExecuteScalar());
    }

    // Deliberate drift: the column is called display_name in the database.
    public string? DisplayName(long userId) =>
        connection.QuerySingleOrDefault<string>(
            "SELECT username FROM users WHERE id = @userId", new { userId });
}
