using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tests.Core;

/// <summary>
/// How SnapshotSerializer reads columns, which it takes in one pass over their members: the
/// same rules as the per-field lookups it replaced (JSON's last value wins, a value of the wrong
/// kind reads as absent, an absent field keeps its default).
/// </summary>
public class SnapshotReadTests
{
    private static ColumnInfo[] Columns(string columnsJson)
    {
        var json = "{\"format\":\"" + SnapshotSerializer.FormatName + "\",\"formatVersion\":" + SchemaSnapshot.CurrentFormatVersion +
                   ",\"provider\":\"sqlite\",\"tables\":[{\"name\":\"t\",\"columns\":[" + columnsJson + "]}]}\n";
        var read = SnapshotSerializer.Read(json);
        Assert.That(read.Snapshot, Is.Not.Null, read.Message);
        return read.Snapshot!.Tables.Single().Columns.ToArray();
    }

    [Test]
    public void Every_field_of_a_column_is_read()
    {
        var c = Columns("""
            {"name":"status","ordinal":7,"type":"varchar(20)","family":"text","nullable":false,"default":"'new'","primaryKey":true,
             "identity":"always","generated":"stored","generationExpression":"lower(x)","maxLength":20,"precision":5,"scale":2,
             "enumType":"mood","enumValues":["sad","ok"],"collation":"C","comment":"why"}
            """).Single();
        Assert.That((c.Name, c.Ordinal, c.Type, c.Family, c.Nullable, c.Default, c.PrimaryKey), Is.EqualTo(("status", 7, "varchar(20)", "text", false, "'new'", true)));
        Assert.That((c.Identity, c.Generated, c.GenerationExpression, c.MaxLength, c.Precision, c.Scale), Is.EqualTo(("always", "stored", "lower(x)", (int?)20, (int?)5, (int?)2)));
        Assert.That((c.EnumType, c.Collation, c.Comment), Is.EqualTo(("mood", "C", "why")));
        Assert.That(c.EnumValues, Is.EqualTo(new[] { "sad", "ok" }));
    }

    [Test]
    public void Absent_fields_keep_their_defaults_and_the_ordinal_is_the_position()
    {
        var c = Columns("""{"name":"a"},{"name":"b"}""");
        Assert.That(c.Select(x => x.Ordinal), Is.EqualTo(new[] { 1, 2 }));
        Assert.That((c[1].Type, c[1].Family, c[1].Nullable, c[1].PrimaryKey, c[1].MaxLength, c[1].EnumValues), Is.EqualTo(("", "", true, false, (int?)null, (List<string>?)null)));
    }

    [Test]
    public void A_repeated_field_takes_its_last_value_and_a_value_of_the_wrong_kind_reads_as_absent()
    {
        var c = Columns("""
            {"name":"first","name":"last","nullable":false,"nullable":"no","maxLength":9,"maxLength":"9","ordinal":"3","enumValues":"x","type":1}
            """).Single();
        Assert.That(c.Name, Is.EqualTo("last"));
        Assert.That(c.Nullable, Is.True, "a string is not a bool: the default");
        Assert.That(c.MaxLength, Is.Null);
        Assert.That(c.Ordinal, Is.EqualTo(1), "not a number: the position");
        Assert.That(c.EnumValues, Is.Empty, "present but not an array: no values");
        Assert.That(c.Type, Is.EqualTo(""));
    }

    [Test]
    public void A_column_without_a_string_name_is_skipped_and_later_ones_keep_their_position()
    {
        var c = Columns("""{"name":1},{"type":"int"},{"name":"kept"}""");
        Assert.That(c.Select(x => (x.Name, x.Ordinal)), Is.EqualTo(new[] { ("kept", 3) }));
    }

    [Test]
    public void Whitespace_only_text_is_empty_and_a_text_ending_in_a_newline_reads()
    {
        Assert.That(SnapshotSerializer.Read(" \n\t").Error, Is.EqualTo(SnapshotReadError.Empty));
        Assert.That(Columns("""{"name":"a"}""").Single().Name, Is.EqualTo("a"));
    }
}
