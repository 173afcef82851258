namespace SchemaDrift.Tool.Snapshots;

/// <summary>
/// A write-only stream that replaces a file only when the bytes written differ from it.
/// While they match the existing file, nothing is kept or written: the bytes are compared
/// as they arrive. At the first difference it starts a temporary file beside the target,
/// copies the matching prefix from the old file and writes on from there; <see cref="Commit"/>
/// renames it over the target. A reader therefore sees the old file or the new one, never
/// half of one, and an unchanged file keeps its timestamp (the compile stays incremental).
/// </summary>
internal sealed class ChangedFileStream : Stream
{
    private const int BufferSize = 64 * 1024;

    private readonly string _path;
    private readonly string _directory;
    private FileStream? _old;
    private readonly byte[] _compare = new byte[BufferSize];
    private FileStream? _temp;
    private string? _tempPath;
    private long _written;
    private bool _committed;

    public ChangedFileStream(string path)
    {
        _path = Path.GetFullPath(path);
        _directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(_directory);
        try
        {
            if (File.Exists(_path))
                _old = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: it is replaced; the write reports the real problem if there is one.
            _old = null;
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_temp == null && !SameAsOld(buffer, offset, count)) StartReplacement();
        _temp?.Write(buffer, offset, count);
        _written += count;
    }

    /// <returns>true when the file was (re)written, false when it already held these bytes.</returns>
    public bool Commit()
    {
        if (_temp == null)
        {
            // Everything matched so far: unchanged only if the old file ends here too.
            if (_old != null && _old.Read(_compare, 0, 1) == 0)
            {
                _committed = true;
                return false;
            }
            StartReplacement();
        }
        _temp!.Dispose();
        _old?.Dispose();
        _old = null;
        File.Move(_tempPath!, _path, overwrite: true);
        _committed = true;
        return true;
    }

    private bool SameAsOld(byte[] buffer, int offset, int count)
    {
        if (_old == null) return false;
        var done = 0;
        while (done < count)
        {
            var read = _old.Read(_compare, 0, Math.Min(_compare.Length, count - done));
            if (read <= 0) return false;
            if (!_compare.AsSpan(0, read).SequenceEqual(buffer.AsSpan(offset + done, read))) return false;
            done += read;
        }
        return true;
    }

    /// <summary>Opens the temporary file and copies the bytes written so far, which the old file holds.</summary>
    private void StartReplacement()
    {
        _tempPath = Path.Combine(_directory, "." + Path.GetFileName(_path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        _temp = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        if (_written == 0) return;
        _old!.Position = 0;
        var left = _written;
        while (left > 0)
        {
            var read = _old.Read(_compare, 0, (int)Math.Min(_compare.Length, left));
            if (read <= 0) throw new IOException("'" + _path + "' changed while SchemaDrift was writing it; run the build again.");
            _temp.Write(_compare, 0, read);
            left -= read;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _old?.Dispose();
            _temp?.Dispose();
            if (!_committed && _tempPath != null && File.Exists(_tempPath)) File.Delete(_tempPath);
        }
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
