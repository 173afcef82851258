using System.Diagnostics;
using System.Globalization;
using SchemaDrift.Tool.Introspection;

namespace SchemaDrift.Bench;

/// <summary>Introspection inside an already running process (no runtime start-up): how long reading the catalog takes.</summary>
internal static class ReadSchema
{
    public static async Task<int> Run(Dictionary<string, string> o)
    {
        var provider = o["provider"];
        var connection = Environment.GetEnvironmentVariable("SCHEMADRIFT_CONNECTION") ?? throw new InvalidOperationException("set SCHEMADRIFT_CONNECTION");
        var runs = int.Parse(o.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
        var times = new List<double>();
        var writes = new List<double>();
        var queries = 0;
        var tables = 0;
        long readBytes = 0, writeBytes = 0, jsonBytes = 0;
        for (var i = 0; i < runs + 1; i++)
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var clock = Stopwatch.StartNew();
            await using var opened = await SchemaReaderFactory.OpenAsync(provider, connection, Directory.GetCurrentDirectory(), 10, CancellationToken.None);
            var snapshot = await opened.Reader.ReadAsync(CancellationToken.None);
            clock.Stop();
            readBytes = GC.GetTotalAllocatedBytes(true) - before;
            queries = opened.Reader.QueryCount;
            tables = snapshot.Tables.Count;
            // The committed snapshot's JSON, streamed as the snapshot command writes it (to a
            // stream that only counts, so the figure is the serializer's, not the disk's).
            before = GC.GetTotalAllocatedBytes(true);
            var write = Stopwatch.StartNew();
            var sink = new CountingStream();
            SchemaDrift.Core.Snapshot.SnapshotSerializer.Write(snapshot, SchemaDrift.Core.Snapshot.SnapshotFlavor.Committed, sink);
            jsonBytes = sink.Length;
            write.Stop();
            writeBytes = GC.GetTotalAllocatedBytes(true) - before;
            if (i > 0) { times.Add(clock.Elapsed.TotalMilliseconds); writes.Add(write.Elapsed.TotalMilliseconds); } // the first pays JIT and the driver's first connection
            else Console.Error.WriteLine("cold_ms=" + clock.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture));
        }
        times.Sort();
        writes.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"read provider={provider} tables={tables} queries={queries} median_ms={times[times.Count / 2]:F0} read_mib={readBytes / 1048576.0:F1} serialize_ms={writes[writes.Count / 2]:F0} serialize_mib={writeBytes / 1048576.0:F1} json_bytes={jsonBytes}"));
        return 0;
    }

    /// <summary>
    /// The SQLite reader's catalog queries as a script for the sqlite3 shell, each wrapped in
    /// count(*) so the shell prints one number instead of formatting every row: what the engine
    /// itself needs to answer the questions a snapshot asks, the floor under any reader.
    /// </summary>
    public static int SqliteQueries()
    {
        foreach (var q in SchemaDrift.Tool.Introspection.Sqlite.SqliteCatalogQueries.EveryRead)
        {
            Console.WriteLine(q.StartsWith("PRAGMA", StringComparison.Ordinal) ? q + ";" : "SELECT count(*) FROM (" + q + ");");
        }
        return 0;
    }

    /// <summary>A write-only stream that keeps nothing but the count.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
