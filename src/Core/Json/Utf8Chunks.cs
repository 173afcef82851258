using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SchemaDrift.Core.Json
{
    /// <summary>
    /// UTF-8 text appended into byte blocks: kept in memory, or passed on to a stream block by
    /// block. A multi-megabyte snapshot is then never held as a StringBuilder, a string and
    /// an encoded copy: on the build machines measured, every fresh page of memory is a page
    /// fault that costs more than writing the JSON into it (docs/benchmarks.md).
    /// </summary>
    public sealed class Utf8Chunks
    {
        private const int FirstBlock = 4096;
        private const int LargestBlock = 256 * 1024;
        private const int StreamBlock = 64 * 1024;

        private readonly List<ArraySegment<byte>> _full = new List<ArraySegment<byte>>();
        private byte[] _block;
        private int _used;
        private long _fullLength;
        private readonly Stream? _spill;

        /// <summary>Keeps everything in memory.</summary>
        public Utf8Chunks()
        {
            _block = new byte[FirstBlock];
        }

        /// <summary>Writes each full block to <paramref name="spillTo"/> and reuses it; call <see cref="Flush"/> at the end.</summary>
        public Utf8Chunks(Stream spillTo)
        {
            _spill = spillTo;
            _block = new byte[StreamBlock];
        }

        /// <summary>Bytes written so far.</summary>
        public long Length => _fullLength + _used;

        /// <summary>The filled parts of the blocks, in order (in streaming mode, only what was not passed on yet).</summary>
        public IEnumerable<ArraySegment<byte>> Segments
        {
            get
            {
                foreach (var b in _full) yield return b;
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

        /// <summary>Appends the decimal digits of a number: no string per ordinal or length.</summary>
        public void AppendInteger(long value)
        {
            if (value == long.MinValue)
            {
                Append("-9223372036854775808");
                return;
            }
            if (value < 0)
            {
                Append((byte)'-');
                value = -value;
            }
            var digits = 1;
            for (var v = value; v >= 10; v /= 10) digits++;
            if (_block.Length - _used < digits) NextBlock();
            for (var i = _used + digits - 1; i >= _used; i--)
            {
                _block[i] = (byte)('0' + value % 10);
                value /= 10;
            }
            _used += digits;
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

        /// <summary>Passes what is left to the stream (streaming mode only).</summary>
        public void Flush()
        {
            if (_spill == null || _used == 0) return;
            _spill.Write(_block, 0, _used);
            _fullLength += _used;
            _used = 0;
        }

        private void NextBlock()
        {
            if (_spill != null)
            {
                Flush();
                return;
            }
            _full.Add(new ArraySegment<byte>(_block, 0, _used));
            _fullLength += _used;
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
