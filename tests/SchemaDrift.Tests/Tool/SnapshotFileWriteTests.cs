using System.Text;
using SchemaDrift.Core.Json;
using SchemaDrift.Core.Snapshot;
using SchemaDrift.Tests.Infrastructure;
using SchemaDrift.Tool.Snapshots;

namespace SchemaDrift.Tests.Tool;

/// <summary>The JSON writer's UTF-8 output and the tool's replace-only-when-changed file writes.</summary>
public class SnapshotFileWriteTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sd-write-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    [Test]
    public void Escapes_and_non_ascii_text_come_out_as_utf8_and_parse_back()
    {
        var values = new[] { "plain", "quote \" backslash \\ tab \t line \n", "\u0001 control", "Ünïcødé 名前", "emoji 😀 pair", "sep \u2028 \u2029", "" };
        var w = new JsonWriter().StartArray();
        foreach (var v in values) w.Value(v);
        w.EndArray();

        var bytes = w.Utf8.ToArray();
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
        Assert.That(w.ToString(), Is.EqualTo(new UTF8Encoding(false, true).GetString(bytes)), "valid UTF-8, same text as ToString");
        // Parsed by System.Text.Json, not by the product's own parser.
        using var parsed = System.Text.Json.JsonDocument.Parse(bytes);
        Assert.That(parsed.RootElement.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(values));
        Assert.That(w.ToString(), Does.Contain("\\u0001").And.Contain("\\u2028"));
    }

    [Test]
    public void A_large_document_spans_many_blocks_without_losing_a_byte()
    {
        var w = new JsonWriter().StartObject();
        var expected = new StringBuilder("{");
        for (var i = 0; i < 20_000; i++)
        {
            var name = "k" + i + (i % 7 == 0 ? "é" : "");
            w.Name(name).Value(i);
            expected.Append(i == 0 ? "" : ",").Append("\n  \"").Append(name).Append("\": ").Append(i);
        }
        w.EndObject();
        expected.Append("\n}\n");
        Assert.That(w.Utf8.Length, Is.GreaterThan(256 * 1024), "several blocks, the largest size included");
        Assert.That(w.ToString(), Is.EqualTo(expected.ToString()));
        Assert.That(w.Utf8.Segments.Sum(s => s.Count), Is.EqualTo(w.Utf8.Length));
    }

    [Test]
    public void An_unchanged_snapshot_is_not_rewritten_and_a_changed_one_of_the_same_length_is()
    {
        var snapshot = TestSnapshots.FromSqlite("CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);");
        var path = Path.Combine(_dir, "nested", "schema.snapshot.json");

        Assert.That(SnapshotStore.WriteAtomically(path, SnapshotSerializer.WriteUtf8(snapshot, SnapshotFlavor.Committed)), Is.True, "created, folder included");
        Assert.That(File.ReadAllText(path), Is.EqualTo(SnapshotSerializer.Write(snapshot, SnapshotFlavor.Committed)));
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.That(SnapshotStore.WriteAtomically(path, SnapshotSerializer.WriteUtf8(snapshot, SnapshotFlavor.Committed)), Is.False);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp), "an identical file keeps its timestamp, so the compile stays incremental");

        // Same length, one byte different near the end: must be compared, found different and replaced.
        snapshot.Tables[0].Columns[1].Name = "w";
        var changed = SnapshotSerializer.WriteUtf8(snapshot, SnapshotFlavor.Committed);
        Assert.That(changed.Length, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(SnapshotStore.WriteAtomically(path, changed), Is.True);
        Assert.That(File.ReadAllText(path), Does.Contain("\"w\"").And.Not.Contain("\"v\""));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    [Test]
    public void String_and_utf8_writes_agree_on_what_is_unchanged()
    {
        var path = Path.Combine(_dir, "report.json");
        var w = new JsonWriter().StartObject().Name("name").Value("Ünïcødé").EndObject();
        Assert.That(SnapshotStore.WriteAtomically(path, w.ToString()), Is.True);
        Assert.That(SnapshotStore.WriteAtomically(path, w.Utf8), Is.False);
        Assert.That(SnapshotStore.WriteAtomically(path, w.ToString()), Is.False);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(w.Utf8.ToArray()));
    }
}
