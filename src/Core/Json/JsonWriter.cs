using System.Globalization;
using System.Text;

namespace SchemaDrift.Core.Json
{
    /// <summary>
    /// Writes indented JSON with stable formatting (two spaces, '\n' line ends), so
    /// committed snapshots and reports diff cleanly in git on every OS.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private int _depth;
        private bool _needComma;
        private bool _afterName;

        public override string ToString() => _sb.ToString();

        public JsonWriter StartObject() => Open('{');
        public JsonWriter EndObject() => Close('}');
        public JsonWriter StartArray() => Open('[');
        public JsonWriter EndArray() => Close(']');

        public JsonWriter Name(string name)
        {
            BeforeValue();
            AppendString(name);
            _sb.Append(": ");
            _afterName = true;
            return this;
        }

        public JsonWriter Value(string? value)
        {
            BeforeValue();
            if (value == null) _sb.Append("null");
            else AppendString(value);
            _needComma = true;
            return this;
        }

        public JsonWriter Value(bool value)
        {
            BeforeValue();
            _sb.Append(value ? "true" : "false");
            _needComma = true;
            return this;
        }

        public JsonWriter Value(long value)
        {
            BeforeValue();
            _sb.Append(value.ToString(CultureInfo.InvariantCulture));
            _needComma = true;
            return this;
        }

        public JsonWriter Value(double value)
        {
            BeforeValue();
            _sb.Append(value.ToString("R", CultureInfo.InvariantCulture));
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
            _sb.Append(c);
            _depth++;
            _needComma = false;
            return this;
        }

        private JsonWriter Close(char c)
        {
            _depth--;
            if (_needComma)
            {
                NewLine();
            }
            _sb.Append(c);
            _needComma = true;
            if (_depth == 0) _sb.Append('\n');
            return this;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }
            if (_needComma) _sb.Append(',');
            if (_depth > 0) NewLine();
        }

        private void NewLine()
        {
            _sb.Append('\n');
            _sb.Append(' ', _depth * 2);
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
            _sb.Append('"');
            if (!NeedsEscaping(s))
            {
                // Nearly every name and type in a snapshot: one copy instead of one per character.
                _sb.Append(s).Append('"');
                return;
            }
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '"': _sb.Append("\\\""); break;
                    case '\\': _sb.Append("\\\\"); break;
                    case '\n': _sb.Append("\\n"); break;
                    case '\r': _sb.Append("\\r"); break;
                    case '\t': _sb.Append("\\t"); break;
                    case '\b': _sb.Append("\\b"); break;
                    case '\f': _sb.Append("\\f"); break;
                    default:
                        if (ch < 0x20 || ch == '\u2028' || ch == '\u2029')
                            _sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                        else
                            _sb.Append(ch);
                        break;
                }
            }
            _sb.Append('"');
        }
    }
}
