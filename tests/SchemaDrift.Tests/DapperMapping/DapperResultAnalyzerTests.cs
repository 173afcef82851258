using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using Verify = SchemaDrift.Tests.Infrastructure.AnalyzerVerifier<SchemaDrift.Analyzers.Analyzers.DapperResultAnalyzer>;

namespace SchemaDrift.Tests.DapperMapping;

public class DapperResultAnalyzerTests
{
    private static readonly string Sqlite = TestSnapshots.SqliteJson("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT, age INTEGER, uid TEXT NOT NULL);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), total NUMERIC NOT NULL, note TEXT);
        """);

    private static readonly string Postgres = TestSnapshots.Json(TestSnapshots.Build(SqlProviders.Postgres, "public",
        "users(id bigint, email text, display_name text null, age integer null, created_at timestamptz, code text, score numeric)",
        "orders(id integer, user_id bigint, total numeric, status text)"));

    private const string Usings = """
        #nullable enable
        using System;
        using Dapper;
        using Microsoft.Data.Sqlite;
        using Npgsql;

        """;

    private static DiagnosticResult Info(int markup) => new DiagnosticResult("DBDRIFT502", DiagnosticSeverity.Info).WithLocation(markup);

    [Test]
    public Task Members_fed_by_columns_give_no_diagnostics() => Verify.VerifyAsync(Usings + """
        public class User { public long Id { get; set; } public string Email { get; set; } = ""; public string? Display_Name { get; set; } public int? Age { get; set; } }
        public record UserRow(long id, string email);
        class C
        {
            void M(SqliteConnection c)
            {
                c.Query<User>("SELECT * FROM users WHERE id = @id");
                c.QueryFirst<User>("SELECT u.id, u.email AS Email, u.display_name, u.age FROM users u");
                c.QuerySingleOrDefault<UserRow>("SELECT id, email FROM users");
                c.Query<int>("SELECT id FROM users");
                c.Query<string>("SELECT email FROM users");
                c.Query<(long, string)>("SELECT id, email FROM users");
                c.Query<User>("SELECT count(*) FROM users");
            }
        }
        """, Sqlite);

    [Test]
    public Task View_columns_are_not_judged_nullable_where_the_catalog_cannot_tell() => Verify.VerifyAsync(Usings + """
        public record OpenOrder(long Id, long UserId, string Email);
        class C
        {
            // SQLite (and PostgreSQL) report every view column as nullable, whatever it is built from.
            void M(SqliteConnection c) => c.Query<OpenOrder>("SELECT id, user_id AS UserId, email FROM open_orders");
        }
        """, TestSnapshots.SqliteJson("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), total NUMERIC);
        CREATE VIEW open_orders AS SELECT o.id, o.user_id, u.email FROM orders o JOIN users u ON u.id = o.user_id;
        """));

    [Test]
    public async Task A_member_no_column_feeds_is_reported_on_the_type_argument()
    {
        await Verify.VerifyAsync(Usings + """
            public class User { public long Id { get; set; } public string Email { get; set; } = ""; public string? DisplayName { get; set; } }
            class C
            {
                void M(SqliteConnection c) => c.Query<{|#0:User|}>("SELECT id, email, display_name FROM users");
            }
            """, Sqlite, Info(0).WithArguments("User.DisplayName", " (selected: 'id', 'email', 'display_name')"));
    }

    [Test]
    public Task MatchNamesWithUnderscores_in_the_compilation_matches_snake_case_columns() => Verify.VerifyAsync(Usings + """
        public class User { public long Id { get; set; } public string? DisplayName { get; set; } }
        class C
        {
            static C() => DefaultTypeMap.MatchNamesWithUnderscores = true;
            void M(SqliteConnection c) => c.Query<User>("SELECT id, display_name FROM users");
        }
        """, Sqlite);

    [Test]
    public Task Dynamic_sql_and_custom_type_maps_are_not_judged() => Verify.VerifyAsync(Usings + """
        public class User { public long Id { get; set; } public string? Nickname { get; set; } }
        public class Other { public long Id { get; set; } public string? Nickname { get; set; } }
        class C
        {
            void M(SqliteConnection c, string table)
            {
                c.Query<User>("SELECT id FROM " + table);
                c.Query<User>("SELECT id FROM users; SELECT 1");
                c.Query<User>("WITH x AS (SELECT id FROM users) SELECT id FROM x");
                c.Query<User>("SELECT id, nope FROM users");
                SqlMapper.SetTypeMap(typeof(Other), new CustomPropertyTypeMap(typeof(Other), (t, n) => t.GetProperty(n)!));
                c.Query<Other>("SELECT id FROM users");
            }
        }
        """, Sqlite);

    [Test]
    public Task Constructor_parameters_are_matched_by_name() => Verify.VerifyAsync(Usings + """
        public record UserRow(long Id, string Mail);
        class C
        {
            void M(SqliteConnection c) => c.Query<{|#0:UserRow|}>("SELECT id, email FROM users");
        }
        """, Sqlite, Info(0).WithArguments("UserRow constructor parameter Mail", " (selected: 'id', 'email')"));

    [Test]
    public Task Narrowing_integers_text_into_numbers_and_nulls_into_value_types_are_type_mismatches_on_postgres() => Verify.VerifyAsync(Usings + """
        public class User { public int Id { get; set; } public int Code { get; set; } public int Age { get; set; } public DateTime Created_At { get; set; } }
        public class OrderTotal { public long User_Id { get; set; } public decimal? Total { get; set; } public int Total_Users { get; set; } }
        class C
        {
            void M(NpgsqlConnection c)
            {
                c.Query<{|#0:User|}>("SELECT id, code, age, created_at FROM users");
                c.Query<{|#1:OrderTotal|}>("SELECT o.user_id, o.total, count(*) AS total_users FROM orders o LEFT JOIN users u ON u.id = o.user_id GROUP BY o.user_id, o.total");
            }
        }
        """, Postgres,
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("User.Id", "id", "the column is bigint but the member is int: Dapper truncates larger values silently"),
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("User.Code", "code", "the column is text (text) but the member is int: non-numeric text fails to convert"),
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("User.Age", "age", "the column allows NULL, and Dapper leaves a int at its default for NULL"));

    [Test]
    public Task Outer_joins_make_columns_nullable() => Verify.VerifyAsync(Usings + """
        public class Row { public long Id { get; set; } public long UserId { get; set; } }
        class C
        {
            void M(NpgsqlConnection c) => c.Query<{|#0:Row|}>("SELECT u.id, o.user_id AS UserId FROM users u LEFT JOIN orders o ON o.user_id = u.id");
        }
        """, Postgres,
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("Row.UserId", "user_id", "an outer join makes the column NULL for unmatched rows, and Dapper leaves a long at its default then"));

    [Test]
    public Task Guid_from_sqlite_text_needs_a_type_handler() => Verify.VerifyAsync(Usings + """
        public class Row { public long Id { get; set; } public Guid Uid { get; set; } }
        class C
        {
            void M(SqliteConnection c) => c.Query<{|#0:Row|}>("SELECT id, uid FROM users");
        }
        """, Sqlite,
        Verify.Diagnostic("DBDRIFT301").WithLocation(0).WithArguments("Row.Uid", "uid", "SQLite returns this column as text, and Dapper cannot convert a string to Guid without a type handler"));

    [Test]
    public Task A_guid_type_handler_silences_the_guid_check() => Verify.VerifyAsync(Usings + """
        public class Row { public long Id { get; set; } public Guid Uid { get; set; } }
        public class GuidHandler : SqlMapper.TypeHandler<Guid>
        {
            public override Guid Parse(object value) => Guid.Parse((string)value);
            public override void SetValue(System.Data.IDbDataParameter parameter, Guid value) => parameter.Value = value.ToString();
        }
        class C
        {
            void M(SqliteConnection c)
            {
                SqlMapper.AddTypeHandler(new GuidHandler());
                c.Query<Row>("SELECT id, uid FROM users");
            }
        }
        """, Sqlite);
}
