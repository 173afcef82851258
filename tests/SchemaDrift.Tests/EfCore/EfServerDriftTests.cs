using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using MySqlConnector;
using Npgsql;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.EfCore.Models.Blogging;
using SchemaDrift.Tests.EfCore.Models.Shop;
using SchemaDrift.Tests.Tool;

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
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres);
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
        await using var db = await TestDatabase.CreateAsync(SqlProviders.MySql);
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

    [Test]
    public async Task Postgres_mapping_corners_match_the_database_ef_core_creates()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.Postgres);
        var options = new DbContextOptionsBuilder<Models.Edge.EdgeContext>().UseNpgsql(db.ConnectionString).Options;
        await using (var edge = new Models.Edge.EdgeContext(options)) await edge.Database.EnsureCreatedAsync();
        NpgsqlConnection.ClearAllPools();
        await EfDatabaseDriftTests.AssertEdgeModelMatchesAsync(await db.ReadAsync());
    }

    [Test]
    public async Task MariaDb_mapping_corners_match_the_database_ef_core_creates()
    {
        await using var db = await TestDatabase.CreateAsync(SqlProviders.MySql);
        var options = new DbContextOptionsBuilder<Models.Edge.EdgeContext>().UseMySql(db.ConnectionString, ServerVersion.AutoDetect(db.ConnectionString)).Options;
        await using (var edge = new Models.Edge.EdgeContext(options)) await edge.Database.EnsureCreatedAsync();
        MySqlConnection.ClearAllPools();
        await EfDatabaseDriftTests.AssertEdgeModelMatchesAsync(await db.ReadAsync());
    }
}
