using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SchemaDrift.Core.Json
{
    /// <summary>
    /// Strict RFC 8259 parser into <see cref="JsonNode"/>. Never throws: malformed
    /// input returns false with a message naming the offset. Nesting is bounded so a
    /// hostile file cannot exhaust the stack of the compiler process.
    /// </summary>
    public sealed class JsonParser
    {
        public const int MaxDepth = 64;

        private readonly string _text;
        private int _pos;
        private string? _error;

        // Members of the objects being parsed (nested ones above their parents'), copied into one
        // exact-size array when an object ends: no per-object list or dictionary to grow.
        private readonly List<KeyValuePair<string, JsonNode>> _members = new List<KeyValuePair<string, JsonNode>>();

        // Short strings seen in this document. A snapshot repeats the same member names and values
        // ("name", "nullable", "integer", "public") tens of thousands of times; each is allocated once
        // and shared, which also shrinks what a reader keeps of the document (docs/benchmarks.md).
        private const int MaxSharedLength = 24;
        private const int SharedSlots = 1024;
        private readonly string?[] _shared = new string?[SharedSlots];

        private JsonParser(string text) => _text = text;

        public static bool TryParse(string text, out JsonNode? value, out string? error)
        {
            var parser = new JsonParser(text ?? "");
            try
            {
                parser.SkipWhitespace();
                value = parser.ParseValue(0);
                if (value != null)
                {
                    parser.SkipWhitespace();
                    if (parser._pos != parser._text.Length)
                    {
                        value = null;
                        parser.Fail("unexpected text after the JSON value");
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Defensive: the parser is written not to throw, but a reader in a
                // compiler must never let an exception escape.
                value = null;
                parser.Fail("internal error: " + ex.GetType().Name);
            }
            error = parser._error;
            return value != null;
        }

        private JsonNode? Fail(string message)
        {
            if (_error == null)
            {
                _error = message + " at offset " + _pos.ToString(CultureInfo.InvariantCulture);
            }
            return null;
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') _pos++;
                else break;
            }
        }

        private JsonNode? ParseValue(int depth)
        {
            if (depth > MaxDepth) return Fail("nesting deeper than " + MaxDepth);
            if (_pos >= _text.Length) return Fail("unexpected end of input");
            switch (_text[_pos])
            {
                case '{': return ParseObject(depth);
                case '[': return ParseArray(depth);
                case '"':
                    var s = ParseString();
                    return s == null ? null : JsonNode.String(s);
                case 't': return Literal("true", JsonNode.True);
                case 'f': return Literal("false", JsonNode.False);
                case 'n': return Literal("null", JsonNode.Null);
                default:
                    return ParseNumber();
            }
        }

        private JsonNode? Literal(string word, JsonNode node)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
            {
                _pos += word.Length;
                return node;
            }
            return Fail("unexpected character");
        }

        private JsonNode? ParseNumber()
        {
            var start = _pos;
            if (_pos < _text.Length && _text[_pos] == '-') _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) return Fail("unexpected character");
            if (_text[_pos] == '0') _pos++;
            else while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                if (_pos >= _text.Length || !IsDigit(_text[_pos])) return Fail("digit expected");
                while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
            }
            if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
                if (_pos >= _text.Length || !IsDigit(_text[_pos])) return Fail("digit expected");
                while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
            }
            return JsonNode.Number(Shared(start, _pos - start));
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private string? ParseString()
        {
            _pos++; // opening quote
            StringBuilder? sb = null;
            var runStart = _pos;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    Fail("unterminated string");
                    return null;
                }
                var c = _text[_pos];
                if (c == '"')
                {
                    string result;
                    if (sb == null) result = Shared(runStart, _pos - runStart);
                    else
                    {
                        sb.Append(_text, runStart, _pos - runStart);
                        result = sb.ToString();
                    }
                    _pos++;
                    return result;
                }
                if (c < 0x20)
                {
                    Fail("control character in string");
                    return null;
                }
                if (c != '\\')
                {
                    _pos++;
                    continue;
                }
                sb ??= new StringBuilder();
                sb.Append(_text, runStart, _pos - runStart);
                _pos++;
                if (_pos >= _text.Length)
                {
                    Fail("unterminated escape");
                    return null;
                }
                var e = _text[_pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length ||
                            !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            Fail("bad \\u escape");
                            return null;
                        }
                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        _pos--;
                        Fail("bad escape");
                        return null;
                }
                runStart = _pos;
            }
        }

        /// <summary>The text [start, start + length) as a string, shared with an equal one seen before when short.</summary>
        private string Shared(int start, int length)
        {
            if (length == 0) return "";
            if (length > MaxSharedLength) return _text.Substring(start, length);
            var hash = length;
            for (var i = start; i < start + length; i++) hash = unchecked(hash * 31 + _text[i]);
            var slot = hash & (SharedSlots - 1);
            var seen = _shared[slot];
            if (seen != null && seen.Length == length && string.CompareOrdinal(_text, start, seen, 0, length) == 0) return seen;
            // A slot holds the latest string that hashed to it: a collision costs an allocation, never a wrong string.
            return _shared[slot] = _text.Substring(start, length);
        }

        private JsonNode? ParseArray(int depth)
        {
            _pos++;
            var items = new List<JsonNode>();
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                return JsonNode.Array(items);
            }
            while (true)
            {
                SkipWhitespace();
                var v = ParseValue(depth + 1);
                if (v == null) return null;
                items.Add(v);
                SkipWhitespace();
                if (_pos >= _text.Length) return Fail("unterminated array");
                var c = _text[_pos++];
                if (c == ']') return JsonNode.Array(items);
                if (c != ',')
                {
                    _pos--;
                    return Fail("',' or ']' expected");
                }
            }
        }

        private JsonNode? ParseObject(int depth)
        {
            _pos++;
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
                return JsonNode.Object(System.Array.Empty<KeyValuePair<string, JsonNode>>());
            }
            var first = _members.Count;
            var result = ParseMembers(depth, first);
            // On failure too: the scratch list must not keep a failed object's members.
            _members.RemoveRange(first, _members.Count - first);
            return result;
        }

        private JsonNode? ParseMembers(int depth, int first)
        {
            while (true)
            {
                SkipWhitespace();
                if (_pos >= _text.Length || _text[_pos] != '"') return Fail("property name expected");
                var name = ParseString();
                if (name == null) return null;
                SkipWhitespace();
                if (_pos >= _text.Length || _text[_pos] != ':') return Fail("':' expected");
                _pos++;
                SkipWhitespace();
                var v = ParseValue(depth + 1);
                if (v == null) return null;
                _members.Add(new KeyValuePair<string, JsonNode>(name, v));
                SkipWhitespace();
                if (_pos >= _text.Length) return Fail("unterminated object");
                var c = _text[_pos++];
                if (c == '}')
                {
                    var props = new KeyValuePair<string, JsonNode>[_members.Count - first];
                    _members.CopyTo(first, props, 0, props.Length);
                    return JsonNode.Object(props);
                }
                if (c != ',')
                {
                    _pos--;
                    return Fail("',' or '}' expected");
                }
            }
        }
    }
}
