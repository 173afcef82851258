using SchemaDrift.Core.Snapshot;
using SchemaDrift.Core.Types;

namespace SchemaDrift.Tests.EfCore;

/// <summary>The preferred CLR type of a column must be one the compatibility table accepts: one mapping, two views of it.</summary>
public class PreferredClrTypeTests
{
    private static readonly (string Provider, string Type)[] Columns =
    {
        (SqlProviders.Postgres, "boolean"), (SqlProviders.Postgres, "smallint"), (SqlProviders.Postgres, "integer"), (SqlProviders.Postgres, "bigint"),
        (SqlProviders.Postgres, "numeric(10,2)"), (SqlProviders.Postgres, "real"), (SqlProviders.Postgres, "double precision"),
        (SqlProviders.Postgres, "text"), (SqlProviders.Postgres, "character varying(40)"), (SqlProviders.Postgres, "bytea"), (SqlProviders.Postgres, "uuid"),
        (SqlProviders.Postgres, "date"), (SqlProviders.Postgres, "time without time zone"), (SqlProviders.Postgres, "timestamp without time zone"),
        (SqlProviders.Postgres, "timestamp with time zone"), (SqlProviders.Postgres, "interval"), (SqlProviders.Postgres, "jsonb"),
        (SqlProviders.MySql, "tinyint(1)"), (SqlProviders.MySql, "tinyint(4)"), (SqlProviders.MySql, "tinyint(3) unsigned"), (SqlProviders.MySql, "smallint(6)"),
        (SqlProviders.MySql, "smallint(5) unsigned"), (SqlProviders.MySql, "mediumint(9)"), (SqlProviders.MySql, "int(11)"), (SqlProviders.MySql, "int(10) unsigned"),
        (SqlProviders.MySql, "bigint(20)"), (SqlProviders.MySql, "bigint(20) unsigned"), (SqlProviders.MySql, "decimal(10,2)"), (SqlProviders.MySql, "float"),
        (SqlProviders.MySql, "double"), (SqlProviders.MySql, "varchar(100)"), (SqlProviders.MySql, "longtext"), (SqlProviders.MySql, "blob"),
        (SqlProviders.MySql, "date"), (SqlProviders.MySql, "time"), (SqlProviders.MySql, "datetime"), (SqlProviders.MySql, "timestamp"), (SqlProviders.MySql, "year(4)"),
        (SqlProviders.MySql, "json"), (SqlProviders.MySql, "enum('a','b')"),
        (SqlProviders.Sqlite, "INTEGER"), (SqlProviders.Sqlite, "TEXT"), (SqlProviders.Sqlite, "REAL"), (SqlProviders.Sqlite, "NUMERIC"), (SqlProviders.Sqlite, "BLOB"),
        (SqlProviders.Sqlite, "BOOLEAN"), (SqlProviders.Sqlite, "DATETIME"), (SqlProviders.Sqlite, "VARCHAR(20)"), (SqlProviders.Sqlite, ""),
    };

    public static IEnumerable<TestCaseData> Cases() =>
        from c in Columns
        from mapper in new[] { ValueMapper.EfCore, ValueMapper.Dapper }
        select new TestCaseData(c.Provider, c.Type, mapper).SetName($"{c.Provider} {(c.Type.Length == 0 ? "untyped" : c.Type)} {mapper}");

    [TestCaseSource(nameof(Cases))]
    public void The_preferred_type_is_accepted_by_the_compatibility_table(string provider, string type, ValueMapper mapper)
    {
        var column = new ColumnInfo { Name = "c", Type = type, Family = TypeFamily.Of(provider, type), Nullable = false };
        if (type.StartsWith("enum", StringComparison.Ordinal)) column.EnumValues = new List<string> { "a", "b" };
        var kind = PreferredClrType.Of(provider, column, mapper);
        Assert.That(kind, Is.Not.EqualTo(ClrKind.Unknown), "every scalar family has a preferred type");
        Assert.That(StoreCompatibility.Incompatibility(provider, mapper, new ClrSide(kind), column), Is.Null);
    }

    [Test]
    public void Nullable_columns_get_a_nullable_annotation()
    {
        var column = new ColumnInfo { Name = "c", Type = "bigint", Family = TypeFamily.Int64, Nullable = true };
        Assert.That(PreferredClrType.CSharpTypeFor(SqlProviders.Postgres, column), Is.EqualTo("long?"));
        column.Type = "text";
        column.Family = TypeFamily.String;
        Assert.That(PreferredClrType.CSharpTypeFor(SqlProviders.Postgres, column), Is.EqualTo("string?"));
        column.Nullable = false;
        Assert.That(PreferredClrType.CSharpTypeFor(SqlProviders.Postgres, column), Is.EqualTo("string"));
    }
}
