#nullable enable
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SchemaDrift.Tests.EfCore.Models.Shop
{
    /// <summary>How the application configures the contexts, per provider (also read by the analyzer: it finds MapEnum here).</summary>
    public static class ShopSetup
    {
        public static DbContextOptions<ShopContext> Sqlite(string connectionString) =>
            new DbContextOptionsBuilder<ShopContext>().UseSqlite(connectionString).Options;

        public static DbContextOptions<ShopContext> Postgres(NpgsqlDataSource dataSource) =>
            new DbContextOptionsBuilder<ShopContext>().UseNpgsql(dataSource).Options;

        public static NpgsqlDataSource PostgresDataSource(string connectionString)
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.MapEnum<CustomerTier>();
            return builder.Build();
        }

        public static DbContextOptions<ShopContext> MySql(string connectionString) =>
            new DbContextOptionsBuilder<ShopContext>().UseMySql(connectionString, ServerVersion.AutoDetect(connectionString)).Options;
    }
}
