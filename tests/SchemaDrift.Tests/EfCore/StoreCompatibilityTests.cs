using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Sql;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Tests.EfCore;

/// <summary>The CLR ↔ store table (docs/type-mapping.md), row by row.</summary>
public class StoreCompatibilityTests
{
    private static ColumnInfo Column(string provider, string type, int? scale = null, string? enumType = null) => new ColumnInfo
    {
        Name = "c",
        Type = type,
        Family = TypeFamily.Of(provider, type, enumType != null),
        Scale = scale,
        EnumType = enumType,
    };

    [TestCase("postgres", ClrKind.Int32, "bigint", true)]
    [TestCase("postgres", ClrKind.Int64, "integer", false)]
    [TestCase("postgres", ClrKind.Int32, "numeric", true)]
    [TestCase("postgres", ClrKind.Byte, "smallint", false)]
    [TestCase("postgres", ClrKind.UInt32, "bigint", false)]
    [TestCase("postgres", ClrKind.Int16, "integer", true)]
    [TestCase("postgres", ClrKind.String, "integer", true)]
    [TestCase("postgres", ClrKind.String, "character varying(20)", false)]
    [TestCase("postgres", ClrKind.String, "jsonb", false)]
    [TestCase("postgres", ClrKind.DateTime, "text", true)]
    [TestCase("postgres", ClrKind.DateTime, "timestamp with time zone", false)]
    [TestCase("postgres", ClrKind.DateTimeOffset, "timestamp without time zone", true)]
    [TestCase("postgres", ClrKind.Guid, "text", true)]
    [TestCase("postgres", ClrKind.Guid, "uuid", false)]
    [TestCase("postgres", ClrKind.Decimal, "double precision", true)]
    [TestCase("postgres", ClrKind.Double, "numeric", true)]
    [TestCase("postgres", ClrKind.Bool, "smallint", true)]
    [TestCase("postgres", ClrKind.Unknown, "integer", false)]
    [TestCase("mysql", ClrKind.Bool, "tinyint(1)", false)]
    [TestCase("mysql", ClrKind.Bool, "int", false)]
    [TestCase("mysql", ClrKind.Int32, "int unsigned", true)]
    [TestCase("mysql", ClrKind.UInt32, "int unsigned", false)]
    [TestCase("mysql", ClrKind.Guid, "char(36)", false)]
    [TestCase("mysql", ClrKind.DateTimeOffset, "datetime(6)", false)]
    [TestCase("mysql", ClrKind.String, "int", true)]
    [TestCase("mysql", ClrKind.Decimal, "double", true)]
    [TestCase("sqlite", ClrKind.Int32, "TEXT", true)]
    [TestCase("sqlite", ClrKind.Decimal, "TEXT", false)]
    [TestCase("sqlite", ClrKind.String, "INTEGER", false)]
    [TestCase("sqlite", ClrKind.Guid, "TEXT", false)]
    [TestCase("sqlite", ClrKind.DateTime, "INTEGER", false)]
    public void EfCore(string provider, ClrKind kind, string type, bool fails) =>
        Assert.That(StoreCompatibility.Incompatibility(provider, ValueMapper.EfCore, new ClrSide(kind), Column(provider, type)) != null, Is.EqualTo(fails));

    [TestCase("postgres", ClrKind.Int32, "bigint", true)]
    [TestCase("postgres", ClrKind.Int64, "integer", false)]
    [TestCase("postgres", ClrKind.String, "integer", false)]
    [TestCase("postgres", ClrKind.Int32, "text", true)]
    [TestCase("postgres", ClrKind.DateTime, "text", false)]
    [TestCase("postgres", ClrKind.Guid, "text", true)]
    [TestCase("postgres", ClrKind.Decimal, "double precision", false)]
    [TestCase("mysql", ClrKind.Guid, "char(36)", false)]
    [TestCase("sqlite", ClrKind.Int32, "INTEGER", false)]
    [TestCase("sqlite", ClrKind.Guid, "TEXT", true)]
    public void Dapper(string provider, ClrKind kind, string type, bool fails)
    {
        var column = Column(provider, type);
        if (type == "char(36)") column.MaxLength = 36;
        Assert.That(StoreCompatibility.Incompatibility(provider, ValueMapper.Dapper, new ClrSide(kind), column) != null, Is.EqualTo(fails));
    }

    [Test]
    public void Enums_follow_their_storage()
    {
        var pgEnum = Column(SqlProviders.Postgres, "order_status", enumType: "public.order_status");
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.Postgres, ValueMapper.EfCore, new ClrSide(ClrKind.Int32, EnumStorage.Number), pgEnum), Is.Not.Null);
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.Postgres, ValueMapper.EfCore, new ClrSide(ClrKind.String, EnumStorage.Name), pgEnum), Is.Not.Null);
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.Postgres, ValueMapper.EfCore, new ClrSide(ClrKind.Unknown, EnumStorage.PostgresEnum), pgEnum), Is.Null);
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.Postgres, ValueMapper.EfCore, new ClrSide(ClrKind.Unknown, EnumStorage.PostgresEnum), Column(SqlProviders.Postgres, "text")), Is.Not.Null);
        var myEnum = Column(SqlProviders.MySql, "enum('a','b')");
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.MySql, ValueMapper.EfCore, new ClrSide(ClrKind.Int32, EnumStorage.Number), myEnum), Is.Not.Null);
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.MySql, ValueMapper.EfCore, new ClrSide(ClrKind.String, EnumStorage.Name), myEnum), Is.Null);
        Assert.That(StoreCompatibility.Incompatibility(SqlProviders.Sqlite, ValueMapper.EfCore, new ClrSide(ClrKind.Int32, EnumStorage.Number), Column(SqlProviders.Sqlite, "TEXT")), Is.Not.Null);
    }

    [TestCase("status IN ('a', 'b')", "postgres", "a,b")]
    [TestCase("CHECK (status IN ('a','b'))", "postgres", "a,b")]
    [TestCase("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))", "postgres", "a,b")]
    [TestCase("CHECK (((status)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])))", "postgres", "a,b")]
    [TestCase("`status` in ('a','b')", "mysql", "a,b")]
    [TestCase("\"status\" = 'a' OR \"status\" = 'b'", "sqlite", "a,b")]
    [TestCase("status NOT IN ('a', 'b')", "postgres", null)]
    [TestCase("status IN ('a', 'b') AND other > 0", "postgres", null)]
    [TestCase("other IN ('a', 'b')", "postgres", null)]
    [TestCase("length(status) > 2", "postgres", null)]
    [TestCase("status IN (1, 2)", "postgres", null)]
    public void Check_constraint_value_lists(string expression, string provider, string? expected)
    {
        var values = CheckConstraintLabels.For(expression, "status", global::SchemaDrift.Core.Sql.Analysis.NameRules.DialectOf(provider));
        Assert.That(values == null ? null : string.Join(",", values), Is.EqualTo(expected));
    }
}
