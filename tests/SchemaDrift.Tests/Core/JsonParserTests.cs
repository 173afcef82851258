using System.Text;
using SchemaDrift.Core.Json;

namespace SchemaDrift.Tests.Core;

/// <summary>
/// The dependency-free JSON reader the analyzers load snapshots with: members in flat arrays
/// (one scratch list for all the objects being parsed), short strings shared within a document.
/// </summary>
public class JsonParserTests
{
    private static JsonNode Parse(string json)
    {
        Assert.That(JsonParser.TryParse(json, out var node, out var error), Is.True, error);
        return node!;
    }

    [Test]
    public void Nested_objects_keep_their_own_members()
    {
        var root = Parse("""{"a": {"b": 1, "c": {"d": 2}, "e": []}, "f": 3, "g": {}}""");
        var a = root["a"]!;
        Assert.That(a.GetInt("b"), Is.EqualTo(1));
        Assert.That(a["c"]!.GetInt("d"), Is.EqualTo(2));
        Assert.That(a.GetArray("e"), Is.Empty);
        Assert.That(a["f"], Is.Null, "a parent's later member leaked into the child");
        Assert.That(root.GetInt("f"), Is.EqualTo(3));
        Assert.That(root["b"], Is.Null, "a child's member leaked into the parent");
        Assert.That(root["d"], Is.Null);
        Assert.That(root["g"]!.Kind, Is.EqualTo(JsonKind.Object));
        Assert.That(root["g"]!["anything"], Is.Null);
    }

    [Test]
    public void Objects_inside_arrays_inside_objects_are_read_whole()
    {
        var root = Parse("""{"tables": [{"name": "t1", "columns": [{"name": "id"}, {"name": "x", "nullable": true}]}, {"name": "t2", "columns": []}], "version": 4}""");
        var tables = root.GetArray("tables");
        Assert.That(tables.Select(t => t.GetString("name")), Is.EqualTo(new[] { "t1", "t2" }));
        var columns = tables[0].GetArray("columns");
        Assert.That(columns.Select(c => c.GetString("name")), Is.EqualTo(new[] { "id", "x" }));
        Assert.That(columns[1].GetBool("nullable"), Is.True);
        Assert.That(columns[0].GetBool("nullable"), Is.Null);
        Assert.That(root.GetInt("version"), Is.EqualTo(4));
    }

    [Test]
    public void A_repeated_member_name_takes_its_last_value()
    {
        Assert.That(Parse("""{"a": 1, "b": 2, "a": 3}""").GetInt("a"), Is.EqualTo(3));
    }

    [Test]
    public void Escapes_in_names_and_values_are_decoded()
    {
        var root = Parse("""{"a\"b": "x\ny\u0041", "plain": "v"}""");
        Assert.That(root.GetString("a\"b"), Is.EqualTo("x\nyA"));
        Assert.That(root.GetString("plain"), Is.EqualTo("v"));
    }

    [Test]
    public void Equal_short_strings_are_one_instance_and_every_distinct_string_reads_back_exactly()
    {
        // Thousands of distinct short strings share 1,024 slots: collisions must cost an
        // allocation, never hand back another string.
        var json = new StringBuilder("[");
        for (var i = 0; i < 5000; i++) json.Append('"').Append("c").Append(i).Append("\",");
        json.Append("\"integer\", \"integer\", \"a_name_longer_than_the_shared_limit\", \"a_name_longer_than_the_shared_limit\"]");
        var items = Parse(json.ToString()).Items!;
        for (var i = 0; i < 5000; i++) Assert.That(items[i].Text, Is.EqualTo("c" + i));
        Assert.That(ReferenceEquals(items[5000].Text, items[5001].Text), Is.True, "a repeated short value was allocated twice");
        Assert.That(items[5002].Text, Is.EqualTo(items[5003].Text));
    }

    [Test]
    public void Malformed_objects_fail_with_the_offset()
    {
        Assert.That(JsonParser.TryParse("""{"a": {"b": 1,}, "c": 2}""", out var node, out var error), Is.False);
        Assert.That(node, Is.Null);
        Assert.That(error, Does.Contain("offset"));
        Assert.That(JsonParser.TryParse("""{"a": 1 "b": 2}""", out _, out error), Is.False);
        Assert.That(error, Does.Contain("',' or '}' expected"));
    }
}
