using System.Globalization;
using System.Text;
using SchemaDrift.Core.Json;
using SchemaDrift.Core.Snapshot;

namespace SchemaDrift.Tool.Snapshots;

/// <summary>
/// Files the tool owns. Every write goes to a temporary file in the same folder and
/// is then renamed over the target, so a reader (the compiler, a parallel build)
/// sees the old file or the new one, never half of one. Unchanged content is not
/// rewritten, which keeps the file's timestamp and so the compile incremental.
/// </summary>
internal static class SnapshotStore
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <returns>true when the file was (re)written, false when it already held this text.</returns>
    public static bool WriteAtomically(string path, string content)
    {
        var bytes = Utf8NoBom.GetBytes(content);
        return WriteAtomically(path, s => s.Write(bytes, 0, bytes.Length));
    }

    /// <summary>Writes a snapshot straight from the model, compared with the file as it streams (see <see cref="ChangedFileStream"/>).</summary>
    public static bool WriteAtomically(string path, SchemaSnapshot snapshot, SnapshotFlavor flavor) =>
        WriteAtomically(path, s => SnapshotSerializer.Write(snapshot, flavor, s));

    /// <inheritdoc cref="WriteAtomically(string, string)"/>
    public static bool WriteAtomically(string path, Action<Stream> write)
    {
        using var file = new ChangedFileStream(path);
        write(file);
        return file.Commit();
    }

    public static SchemaSnapshot? TryRead(string? path, out string? error)
    {
        error = null;
        if (path == null || !File.Exists(path)) return null;
        string text;
        try
        {
            text = File.ReadAllText(path, Utf8NoBom);
        }
        catch (IOException ex)
        {
            error = ex.Message;
            return null;
        }
        var result = SnapshotSerializer.Read(text);
        error = result.Message;
        return result.Snapshot;
    }
}

/// <summary>
/// obj/…/schemadrift/state.json: what the last run saw, so the next build can tell
/// cheaply whether anything needs doing. Holds no connection string: only a salted
/// hash of the settings (computed by the MSBuild task), the fingerprint and, for
/// SQLite, the database file's stamp.
/// </summary>
internal sealed class ToolState
{
    public string? Provider { get; set; }
    public string? Fingerprint { get; set; }
    public string? Source { get; set; }
    public string? CheckedAtUtc { get; set; }
    public string? WatchFile { get; set; }
    public string? WatchStamp { get; set; }
    public string? InputsKey { get; set; }
    public string? InputsSalt { get; set; }

    /// <summary>live, fallback-cache, fallback-committed, none.</summary>
    public string? Status { get; set; }

    // What the live snapshot held when it was written, and the cache file's stamp then: with an
    // unchanged fingerprint the next run reports from these instead of parsing a large cache.
    public string? CacheStamp { get; set; }
    public string? Database { get; set; }
    public int? TableCount { get; set; }

    // The last comparison of the committed snapshot with the live schema: its result stands
    // while neither the committed file nor the fingerprint changes.
    public string? CommittedStamp { get; set; }
    public string? CommittedFingerprint { get; set; }
    public string? CommittedWarning { get; set; }

    public static ToolState Load(string path)
    {
        var s = new ToolState();
        if (!File.Exists(path)) return s;
        try
        {
            if (JsonParser.TryParse(File.ReadAllText(path), out var root, out _) && root != null)
            {
                s.Provider = root.GetString("provider");
                s.Fingerprint = root.GetString("fingerprint");
                s.Source = root.GetString("source");
                s.CheckedAtUtc = root.GetString("checkedAtUtc");
                s.WatchFile = root.GetString("watchFile");
                s.WatchStamp = root.GetString("watchStamp");
                s.InputsKey = root.GetString("inputsKey");
                s.InputsSalt = root.GetString("inputsSalt");
                s.Status = root.GetString("status");
                s.CacheStamp = root.GetString("cacheStamp");
                s.Database = root.GetString("database");
                s.TableCount = int.TryParse(root.GetString("tableCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
                s.CommittedStamp = root.GetString("committedStamp");
                s.CommittedFingerprint = root.GetString("committedFingerprint");
                s.CommittedWarning = root.GetString("committedWarning");
            }
        }
        catch (IOException)
        {
        }
        return s;
    }

    public void Save(string path)
    {
        var w = new JsonWriter().StartObject();
        w.Optional("provider", Provider);
        w.Optional("fingerprint", Fingerprint);
        w.Optional("source", Source);
        w.Optional("status", Status);
        w.Optional("checkedAtUtc", CheckedAtUtc);
        w.Optional("watchFile", WatchFile);
        w.Optional("watchStamp", WatchStamp);
        w.Optional("inputsKey", InputsKey);
        w.Optional("inputsSalt", InputsSalt);
        w.Optional("cacheStamp", CacheStamp);
        w.Optional("database", Database);
        w.Optional("tableCount", TableCount?.ToString(CultureInfo.InvariantCulture));
        w.Optional("committedStamp", CommittedStamp);
        w.Optional("committedFingerprint", CommittedFingerprint);
        w.Optional("committedWarning", CommittedWarning);
        w.EndObject();
        SnapshotStore.WriteAtomically(path, w.ToString());
    }
}
