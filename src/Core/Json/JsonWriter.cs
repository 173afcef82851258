using System.Globalization;
using System.IO;
using System.Text;

namespace SchemaDrift.Core.Json
{
    /// <summary>
    /// Writes indented JSON with stable formatting (two spaces, '\n' line ends), so
    /// committed snapshots and reports diff cleanly in git on every OS. The text is kept as
    /// UTF-8 (<see cref="Utf8"/>), the form it is written to disk in.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly Utf8Chunks _out;

        // Indented (lineDepth unlimited): every value on its own line, two spaces per level, a
        // space after each colon, for files people read and diff. Otherwise values nested deeper
        // than lineDepth share their parent's line, and nothing is indented: for files only
        // programs read, which the analyzers then read in every compilation.
        private readonly int _lineDepth;

        public JsonWriter(int lineDepth = int.MaxValue)
        {
            _out = new Utf8Chunks();
            _lineDepth = lineDepth;
        }

        /// <summary>Writes to <paramref name="output"/> in blocks instead of keeping the text; call <see cref="Flush"/> at the end.</summary>
        public JsonWriter(Stream output, int lineDepth = int.MaxValue)
        {
            _out = new Utf8Chunks(output);
            _lineDepth = lineDepth;
        }

        private bool Indented => _lineDepth == int.MaxValue;

        public void Flush() => _out.Flush();
        private int _depth;
        private bool _needComma;
        private bool _afterName;

        /// <summary>The JSON written so far, as UTF-8 without a byte order mark.</summary>
        public Utf8Chunks Utf8 => _out;

        public override string ToString() => _out.ToString();

        public JsonWriter StartObject() => Open('{');
        public JsonWriter EndObject() => Close('}');
        public JsonWriter StartArray() => Open('[');
        public JsonWriter EndArray() => Close(']');

        public JsonWriter Name(string name)
        {
            BeforeValue();
            AppendString(name);
            _out.Append((byte)':');
            if (Indented) _out.Append((byte)' ');
            _afterName = true;
            return this;
        }

        public JsonWriter Value(string? value)
        {
            BeforeValue();
            if (value == null) _out.Append("null");
            else AppendString(value);
            _needComma = true;
            return this;
        }

        public JsonWriter Value(bool value)
        {
            BeforeValue();
            _out.Append(value ? "true" : "false");
            _needComma = true;
            return this;
        }

        public JsonWriter Value(long value)
        {
            BeforeValue();
            _out.AppendInteger(value);
            _needComma = true;
            return this;
        }

        public JsonWriter Value(double value)
        {
            BeforeValue();
            _out.Append(value.ToString("R", CultureInfo.InvariantCulture));
            _needComma = true;
            return this;
        }

        /// <summary>Writes a property only when the value is not null (keeps snapshots small).</summary>
        public JsonWriter Optional(string name, string? value) => value == null ? this : Name(name).Value(value);
        public JsonWriter Optional(string name, long? value) => value == null ? this : Name(name).Value(value.Value);
        public JsonWriter Optional(string name, bool? value) => value == null ? this : Name(name).Value(value.Value);

        /// <summary>Writes a boolean property only when it differs from its default.</summary>
        public JsonWriter Flag(string name, bool value, bool defaultValue = false) =>
            value == defaultValue ? this : Name(name).Value(value);

        public JsonWriter StringArray(string name, System.Collections.Generic.IEnumerable<string> values)
        {
            Name(name).StartArray();
            foreach (var v in values) Value(v);
            return EndArray();
        }

        private JsonWriter Open(char c)
        {
            BeforeValue();
            _out.Append((byte)c);
            _depth++;
            _needComma = false;
            return this;
        }

        private JsonWriter Close(char c)
        {
            _depth--;
            if (_needComma && _depth < _lineDepth)
            {
                NewLine();
            }
            _out.Append((byte)c);
            _needComma = true;
            if (_depth == 0) _out.Append((byte)'\n');
            return this;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }
            if (_needComma) _out.Append((byte)',');
            if (_depth > 0 && _depth <= _lineDepth) NewLine();
        }

        private void NewLine()
        {
            _out.Append((byte)'\n');
            if (Indented) _out.Append((byte)' ', _depth * 2);
        }

        private static bool NeedsEscaping(string s)
        {
            foreach (var ch in s)
            {
                if (ch < 0x20 || ch == '"' || ch == '\\' || ch == '\u2028' || ch == '\u2029') return true;
            }
            return false;
        }

        private void AppendString(string s)
        {
            _out.Append((byte)'"');
            // Nearly every name and type in a snapshot needs no escaping: copied as it is.
            _out.Append(NeedsEscaping(s) ? Escape(s) : s);
            _out.Append((byte)'"');
        }

        private static string Escape(string s)
        {
            var sb = new StringBuilder(s.Length + 8);
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (ch < 0x20 || ch == '\u2028' || ch == '\u2029')
                            sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                        else
                            sb.Append(ch);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
