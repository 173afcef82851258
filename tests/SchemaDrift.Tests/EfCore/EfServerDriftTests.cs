using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.EfCore.Models.Blogging;
using SchemaDrift.Tests.EfCore.Models.Shop;
using SchemaDrift.Tool.Introspection;

namespace SchemaDrift.Tests.EfCore;

/// <summary>
/// The database test of <see cref="EfDatabaseDriftTests"/> on the servers build/servers.sh starts
/// (PostgreSQL, MariaDB): EF Core creates the schema, the product's reader introspects it, the
/// analyzer reads the same model source; then the same mutations plus engine-specific ones.
/// </summary>
[Category("Database")]
public class EfServerDriftTests
{
    private static readonly string[] CommonDrift =
    {
        "DBDRIFT301 OrderLine.Quantity",
        "DBDRIFT501 Comment.IsApproved",
        "DBDRIFT501 Customer.Phone",
        "DBDRIFT501 Post.Author",
        "DBDRIFT501 Product.Title",
        "DBDRIFT501 ShopContext.Tags",
        "DBDRIFT601 Post",
        "DBDRIFT601 Product",
        "DBDRIFT801 OrderStatus.Cancelled",
    };

    [Test]
    public async Task Postgres_database_created_by_ef_core_matches_and_mutations_are_reported()
    {
        await using var db = await ServerDatabase.CreateAsync(SqlProviders.Postgres);
        await using (var dataSource = ShopSetup.PostgresDataSource(db.ConnectionString))
        {
            await using var shop = new ShopContext(ShopSetup.Postgres(dataSource));
            await shop.Database.EnsureCreatedAsync();
        }
        await using (var blog = new BloggingContext(BloggingSetup.Postgres(db.ConnectionString)))
        {
            await blog.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }
        NpgsqlConnection.ClearAllPools();

        var clean = await EfDatabaseDriftTests.AnalyzeAsync(await db.ReadAsync());
        Assert.That(clean, Is.Empty, "unmutated database:\n" + string.Join("\n", clean));

        await db.ExecuteAsync("""
            ALTER TABLE "Customers" DROP COLUMN "Phone";
            ALTER TABLE products RENAME COLUMN "Title" TO "Heading";
            ALTER TABLE "OrderLine" ALTER COLUMN "Quantity" TYPE text;
            DROP TABLE "Tags" CASCADE;
            ALTER TABLE orders DROP CONSTRAINT "CK_orders_status";
            ALTER TABLE orders ADD CONSTRAINT "CK_orders_status" CHECK (status IN ('Pending', 'Paid', 'Shipped'));
            ALTER TYPE customer_tier RENAME TO customer_tier_old;
            CREATE TYPE customer_tier AS ENUM ('standard', 'silver');
            ALTER TABLE "Customers" ALTER COLUMN "Tier" TYPE customer_tier USING "Tier"::text::customer_tier;
            DROP TYPE customer_tier_old;
            ALTER TABLE posts RENAME COLUMN author_email_address TO author_email;
            ALTER TABLE comment DROP COLUMN is_approved;
            """);
        var drift = await EfDatabaseDriftTests.AnalyzeAsync(await db.ReadAsync());
        Assert.That(drift, Is.EqualTo(CommonDrift.Append("DBDRIFT801 CustomerTier.Gold").OrderBy(s => s, StringComparer.Ordinal)), string.Join("\n", drift));
    }

    [Test]
    public async Task MariaDb_database_created_by_ef_core_matches_and_mutations_are_reported()
    {
        await using var db = await ServerDatabase.CreateAsync(SqlProviders.MySql);
        await using (var shop = new ShopContext(ShopSetup.MySql(db.ConnectionString)))
        {
            await shop.Database.EnsureCreatedAsync();
        }
        await using (var blog = new BloggingContext(BloggingSetup.MySql(db.ConnectionString)))
        {
            await blog.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }
        MySqlConnection.ClearAllPools();

        var clean = await EfDatabaseDriftTests.AnalyzeAsync(await db.ReadAsync());
        Assert.That(clean, Is.Empty, "unmutated database:\n" + string.Join("\n", clean));

        await db.ExecuteAsync("""
            SET FOREIGN_KEY_CHECKS = 0;
            ALTER TABLE Customers DROP COLUMN Phone;
            ALTER TABLE products RENAME COLUMN Title TO Heading;
            ALTER TABLE OrderLine MODIFY Quantity varchar(20) NOT NULL;
            DROP TABLE Tags;
            ALTER TABLE orders DROP CONSTRAINT CK_orders_status;
            ALTER TABLE orders ADD CONSTRAINT CK_orders_status CHECK (status IN ('Pending', 'Paid', 'Shipped'));
            ALTER TABLE posts RENAME COLUMN author_email_address TO author_email;
            ALTER TABLE comment DROP COLUMN is_approved;
            """);
        var drift = await EfDatabaseDriftTests.AnalyzeAsync(await db.ReadAsync());
        Assert.That(drift, Is.EqualTo(CommonDrift), string.Join("\n", drift));
    }
}

/// <summary>A throwaway database on a test server (env SCHEMADRIFT_TEST_POSTGRES / SCHEMADRIFT_TEST_MYSQL: admin connection strings).</summary>
internal sealed class ServerDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private ServerDatabase(string provider, string admin, string name, string connectionString)
    {
        Provider = provider;
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Provider { get; }
    public string Name { get; }
    public string ConnectionString { get; }

    public static string AdminConnectionString(string provider)
    {
        var variable = provider == SqlProviders.Postgres ? "SCHEMADRIFT_TEST_POSTGRES" : "SCHEMADRIFT_TEST_MYSQL";
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            var message = variable + " is not set: database tests run through build/test.sh (or eval \"$(build/servers.sh start)\").";
            if (Environment.GetEnvironmentVariable("SCHEMADRIFT_REQUIRE_SERVERS") == "1") Assert.Fail(message);
            Assert.Ignore(message);
        }
        return value!;
    }

    public static async Task<ServerDatabase> CreateAsync(string provider)
    {
        var admin = AdminConnectionString(provider);
        var name = "sd_ef_" + Guid.NewGuid().ToString("N")[..10];
        string cs;
        if (provider == SqlProviders.Postgres)
        {
            await ExecutePostgresAsync(admin, "CREATE DATABASE " + name);
            cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        }
        else
        {
            await ExecuteMySqlAsync(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            cs = new MySqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        }
        return new ServerDatabase(provider, admin, name, cs);
    }

    public Task ExecuteAsync(string sql) =>
        Provider == SqlProviders.Postgres ? ExecutePostgresAsync(ConnectionString, sql) : ExecuteMySqlAsync(ConnectionString, sql);

    /// <summary>Introspects the database with the product's reader, as the tool does.</summary>
    public async Task<SchemaSnapshot> ReadAsync()
    {
        await using var opened = await SchemaReaderFactory.OpenAsync(Provider, ConnectionString, Path.GetTempPath(), 10, CancellationToken.None);
        return await opened.Reader.ReadAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Provider == SqlProviders.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecutePostgresAsync(_admin, "DROP DATABASE IF EXISTS " + Name + " WITH (FORCE)");
            }
            else
            {
                MySqlConnection.ClearAllPools();
                await ExecuteMySqlAsync(_admin, "DROP DATABASE IF EXISTS " + Name);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException || ex is MySqlException)
        {
            TestContext.Out.WriteLine("could not drop " + Name + ": " + ex.Message);
        }
    }

    private static async Task ExecutePostgresAsync(string cs, string sql)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteMySqlAsync(string cs, string sql)
    {
        await using var c = new MySqlConnection(new MySqlConnectionStringBuilder(cs) { Pooling = false, AllowUserVariables = true }.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
