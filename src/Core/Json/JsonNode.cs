using System.Collections.Generic;
using System.Globalization;

namespace SchemaDrift.Core.Json
{
    public enum JsonKind
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object,
    }

    /// <summary>
    /// A minimal JSON value. Analyzer hosts cannot always load System.Text.Json
    /// (Visual Studio's .NET Framework host in particular), so the snapshot is read
    /// with this small, dependency-free model instead.
    /// </summary>
    public sealed class JsonNode
    {
        public static readonly JsonNode Null = new JsonNode(JsonKind.Null);
        public static readonly JsonNode True = new JsonNode(JsonKind.Bool) { Bool = true };
        public static readonly JsonNode False = new JsonNode(JsonKind.Bool) { Bool = false };

        // An object's members in document order. Snapshot objects have a handful of members, read a
        // few times each: a linear scan beats hashing, and one exact-size array per object allocates
        // a fraction of a dictionary (a 500-table snapshot has about 10,000 objects).
        private KeyValuePair<string, JsonNode>[]? _properties;

        private JsonNode(JsonKind kind) => Kind = kind;

        public JsonKind Kind { get; }
        public bool Bool { get; private set; }
        public string? Text { get; private set; }
        public List<JsonNode>? Items { get; private set; }

        public static JsonNode String(string value) => new JsonNode(JsonKind.String) { Text = value };
        public static JsonNode Number(string raw) => new JsonNode(JsonKind.Number) { Text = raw };
        public static JsonNode Array(List<JsonNode> items) => new JsonNode(JsonKind.Array) { Items = items };

        /// <summary>An object with these members in document order; of a repeated name, the last one counts.</summary>
        public static JsonNode Object(KeyValuePair<string, JsonNode>[] properties) =>
            new JsonNode(JsonKind.Object) { _properties = properties };

        public JsonNode? this[string name]
        {
            get
            {
                var props = _properties;
                if (props == null) return null;
                // From the end: a repeated name's last value wins, as in JSON.parse.
                for (var i = props.Length - 1; i >= 0; i--)
                {
                    if (string.Equals(props[i].Key, name, System.StringComparison.Ordinal)) return props[i].Value;
                }
                return null;
            }
        }

        /// <summary>The number of an object's members (0 for other kinds).</summary>
        public int MemberCount => _properties?.Length ?? 0;

        /// <summary>An object's member by position in document order, for readers that take every member in one pass.</summary>
        public KeyValuePair<string, JsonNode> Member(int index) => _properties![index];

        public string? AsString() => Kind == JsonKind.String ? Text : null;

        public bool? AsBool() => Kind == JsonKind.Bool ? Bool : (bool?)null;

        public long? AsLong() =>
            Kind == JsonKind.Number && long.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;

        public int? AsInt()
        {
            var l = AsLong();
            return l.HasValue && l.Value >= int.MinValue && l.Value <= int.MaxValue ? (int)l.Value : (int?)null;
        }

        /// <summary>The string items of an array (an empty list for other kinds).</summary>
        public List<string> AsStringArray()
        {
            var result = new List<string>();
            if (Kind != JsonKind.Array) return result;
            foreach (var item in Items!)
            {
                if (item.Kind == JsonKind.String) result.Add(item.Text!);
            }
            return result;
        }

        public string? GetString(string name) => this[name]?.AsString();

        public bool? GetBool(string name) => this[name]?.AsBool();

        public long? GetLong(string name) => this[name]?.AsLong();

        public int? GetInt(string name) => this[name]?.AsInt();

        public List<JsonNode> GetArray(string name)
        {
            var v = this[name];
            return v != null && v.Kind == JsonKind.Array ? v.Items! : new List<JsonNode>();
        }

        public List<string> GetStringArray(string name) => this[name]?.AsStringArray() ?? new List<string>();
    }
}
