using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SchemaDrift.Core.Json
{
    /// <summary>
    /// UTF-8 text appended into a list of byte blocks. A multi-megabyte snapshot is then held
    /// once, as the bytes that go to disk, instead of as a StringBuilder, a string and an
    /// encoded copy: on the build machines measured, every fresh page of memory is a page
    /// fault that costs more than writing the JSON into it (docs/benchmarks.md).
    /// </summary>
    public sealed class Utf8Chunks
    {
        private const int FirstBlock = 4096;
        private const int LargestBlock = 256 * 1024;

        private readonly List<byte[]> _full = new List<byte[]>();
        private byte[] _block = new byte[FirstBlock];
        private int _used;
        private long _fullLength;

        /// <summary>Bytes written so far.</summary>
        public long Length => _fullLength + _used;

        /// <summary>The blocks in order; only the last one can be partly filled.</summary>
        public IEnumerable<ArraySegment<byte>> Segments
        {
            get
            {
                foreach (var b in _full) yield return new ArraySegment<byte>(b);
                if (_used > 0) yield return new ArraySegment<byte>(_block, 0, _used);
            }
        }

        public void Append(byte b)
        {
            if (_used == _block.Length) NextBlock();
            _block[_used++] = b;
        }

        public void Append(byte b, int count)
        {
            while (count > 0)
            {
                if (_used == _block.Length) NextBlock();
                var n = Math.Min(count, _block.Length - _used);
                for (var i = 0; i < n; i++) _block[_used + i] = b;
                _used += n;
                count -= n;
            }
        }

        /// <summary>Appends text that is already escaped as the output needs it.</summary>
        public void Append(string s)
        {
            // ASCII, which is nearly every name and type, is copied byte by byte; anything
            // else goes through the encoder whole, so surrogate pairs stay pairs.
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c >= 0x80)
                {
                    AppendEncoded(s, i);
                    return;
                }
                if (_used == _block.Length) NextBlock();
                _block[_used++] = (byte)c;
            }
        }

        private void AppendEncoded(string s, int from)
        {
            var bytes = Encoding.UTF8.GetBytes(s.Substring(from));
            var at = 0;
            while (at < bytes.Length)
            {
                if (_used == _block.Length) NextBlock();
                var n = Math.Min(bytes.Length - at, _block.Length - _used);
                Buffer.BlockCopy(bytes, at, _block, _used, n);
                _used += n;
                at += n;
            }
        }

        private void NextBlock()
        {
            _full.Add(_block);
            _fullLength += _block.Length;
            // Doubling keeps a small report in one small block and a large snapshot in few blocks.
            _block = new byte[Math.Min(_block.Length * 2, LargestBlock)];
            _used = 0;
        }

        public void WriteTo(Stream stream)
        {
            foreach (var s in Segments) stream.Write(s.Array!, s.Offset, s.Count);
        }

        public byte[] ToArray()
        {
            var result = new byte[Length];
            var at = 0;
            foreach (var s in Segments)
            {
                Buffer.BlockCopy(s.Array!, s.Offset, result, at, s.Count);
                at += s.Count;
            }
            return result;
        }

        public override string ToString() => Encoding.UTF8.GetString(ToArray());
    }
}
