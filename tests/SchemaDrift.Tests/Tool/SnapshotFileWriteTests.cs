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
    public void Integers_are_written_as_invariant_digits()
    {
        var w = new JsonWriter().StartArray();
        foreach (var v in new[] { 0L, 7, -5, 1234567890123, long.MaxValue, long.MinValue }) w.Value(v);
        w.EndArray();
        Assert.That(w.ToString(), Is.EqualTo("[\n  0,\n  7,\n  -5,\n  1234567890123,\n  9223372036854775807,\n  -9223372036854775808\n]\n"));
    }

    [Test]
    public void The_cache_has_one_line_per_column_and_reads_back_as_the_committed_file_does()
    {
        var snapshot = LargeSnapshot();
        var cache = SnapshotSerializer.Write(snapshot, SnapshotFlavor.Cache);
        var committed = SnapshotSerializer.Write(snapshot, SnapshotFlavor.Committed);
        var columns = snapshot.Tables.Sum(t => t.Columns.Count);
        var lines = cache.Split('\n');
        Assert.That(lines.Count(l => l.StartsWith("{\"name\":", StringComparison.Ordinal)), Is.EqualTo(columns), "one line per column");
        Assert.That(lines.Where(l => l.Length > 0).All(l => l[0] != ' '), Is.True, "no indentation");
        Assert.That(committed, Does.Contain("\n      \"columns\": ["), "the committed file stays indented for diffs");
        Assert.That(cache.Length, Is.LessThan(committed.Length * 0.6));
        // Parsed by System.Text.Json too: valid JSON, whatever the layout.
        using (System.Text.Json.JsonDocument.Parse(cache)) { }
        var back = SnapshotSerializer.Read(cache).Snapshot!;
        Assert.That(SnapshotSerializer.Write(back, SnapshotFlavor.Committed), Is.EqualTo(committed));
        Assert.That(SnapshotSerializer.Write(back, SnapshotFlavor.Cache), Is.EqualTo(cache));
    }

    [Test]
    public void A_streamed_snapshot_is_byte_for_byte_the_in_memory_one()
    {
        var snapshot = LargeSnapshot();
        using var streamed = new MemoryStream();
        SnapshotSerializer.Write(snapshot, SnapshotFlavor.Cache, streamed);
        var inMemory = SnapshotSerializer.WriteUtf8(snapshot, SnapshotFlavor.Cache).ToArray();
        Assert.That(streamed.Length, Is.GreaterThan(3 * 64 * 1024), "several streamed blocks");
        Assert.That(streamed.ToArray(), Is.EqualTo(inMemory));
        Assert.That(Encoding.UTF8.GetString(inMemory), Is.EqualTo(SnapshotSerializer.Write(snapshot, SnapshotFlavor.Cache)));
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

        Assert.That(SnapshotStore.WriteAtomically(path, snapshot, SnapshotFlavor.Committed), Is.True, "created, folder included");
        Assert.That(File.ReadAllText(path), Is.EqualTo(SnapshotSerializer.Write(snapshot, SnapshotFlavor.Committed)));
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.That(SnapshotStore.WriteAtomically(path, snapshot, SnapshotFlavor.Committed), Is.False);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp), "an identical file keeps its timestamp, so the compile stays incremental");

        // Same length, one byte different near the end: must be compared, found different and replaced.
        snapshot.Tables[0].Columns[1].Name = "w";
        var changed = SnapshotSerializer.WriteUtf8(snapshot, SnapshotFlavor.Committed);
        Assert.That(changed.Length, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(SnapshotStore.WriteAtomically(path, snapshot, SnapshotFlavor.Committed), Is.True);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(changed.ToArray()));
        Assert.That(File.ReadAllText(path), Does.Contain("\"w\"").And.Not.Contain("\"v\""));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    [Test]
    public void String_and_utf8_writes_agree_on_what_is_unchanged()
    {
        var path = Path.Combine(_dir, "report.json");
        var w = new JsonWriter().StartObject().Name("name").Value("Ünïcødé").EndObject();
        Assert.That(SnapshotStore.WriteAtomically(path, w.ToString()), Is.True);
        Assert.That(SnapshotStore.WriteAtomically(path, w.Utf8.WriteTo), Is.False);
        Assert.That(SnapshotStore.WriteAtomically(path, w.ToString()), Is.False);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(w.Utf8.ToArray()));
    }

    [TestCase(-1, 10, TestName = "Old file longer: the new text is its prefix")]
    [TestCase(-1, -5000, TestName = "Old file shorter: the new text extends it")]
    [TestCase(150_000, 0, TestName = "One byte differs in the third block")]
    [TestCase(-1, 0, TestName = "Identical multi-block file is kept")]
    public void Large_files_are_compared_as_they_stream(int flipAt, int lengthChange)
    {
        var path = Path.Combine(_dir, "big.json");
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 30_000).Select(i => "line " + i + " é\n")));
        var old = (byte[])content.Clone();
        if (flipAt >= 0) old[flipAt] ^= 1;
        if (lengthChange > 0) old = old.Concat(new byte[lengthChange]).ToArray();
        if (lengthChange < 0) old = old.Take(old.Length + lengthChange).ToArray();
        File.WriteAllBytes(path, old);
        var stamp = new DateTime(2021, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        // Written in uneven pieces, as a JSON writer's blocks would arrive.
        var written = SnapshotStore.WriteAtomically(path, s =>
        {
            for (var at = 0; at < content.Length; at += 40_000) s.Write(content, at, Math.Min(40_000, content.Length - at));
        });

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(content));
        var identical = flipAt < 0 && lengthChange == 0;
        Assert.That(written, Is.EqualTo(!identical));
        if (identical) Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp));
        Assert.That(Directory.GetFiles(_dir), Has.Length.EqualTo(1), "no temporary file left behind");
    }

    [Test]
    public void A_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file()
    {
        var path = Path.Combine(_dir, "schema.snapshot.json");
        File.WriteAllText(path, "old content that must survive");
        Assert.Throws<InvalidOperationException>(() => SnapshotStore.WriteAtomically(path, s =>
        {
            s.Write(Encoding.UTF8.GetBytes("new and different"), 0, 17);
            throw new InvalidOperationException("serializer failed");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("old content that must survive"));
        Assert.That(Directory.GetFiles(_dir), Has.Length.EqualTo(1));
    }

    private static SchemaSnapshot LargeSnapshot()
    {
        var s = new SchemaSnapshot { Provider = SqlProviders.Sqlite, DefaultSchema = "main" };
        s.Schemas.Add("main");
        for (var t = 0; t < 300; t++)
        {
            var table = new TableInfo { Schema = "main", Name = "table_" + t + (t % 10 == 0 ? "_ü" : "") };
            for (var c = 0; c < 20; c++)
                table.Columns.Add(new ColumnInfo { Name = "column_" + c, Ordinal = c + 1, Type = "VARCHAR(" + (c + 1) + ")", Family = "string", MaxLength = c + 1 });
            s.Tables.Add(table);
        }
        return s;
    }
}
