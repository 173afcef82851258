using System.Text;

namespace SchemaDrift.Tests.Robustness;

/// <summary>Seeded mutations of valid inputs: character edits, token splices, truncation, deep nesting.</summary>
internal sealed class Fuzzer
{
    private readonly Random _random;

    public Fuzzer(int seed) => _random = new Random(seed);

    private static readonly string[] Fragments =
    {
        "(", ")", "'", "\"", "`", "[", "]", "$$", "$tag$", "--", "/*", "*/", "#", ";", ",", ".", "::", "@p", ":p", "$1", "?",
        "SELECT", "FROM", "WHERE", "JOIN", "ON", "WITH", "RECURSIVE", "AS", "UNION", "INSERT INTO", "VALUES", "UPDATE", "SET",
        "DELETE", "RETURNING", "ON CONFLICT", "DO UPDATE", "CASE", "WHEN", "END", "NOT", "IN", "EXISTS", "LATERAL", "OVER",
        "PARTITION BY", "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "*", "t.*", "users", "u", "id", "email", "\u00e9t\u00e9", "\0", "\\",
        "E'", "x'", "N'", "/*!", "\r\n", "\t", "\u2028", new string('a', 70), "1e", "0x", ".5",
    };

    public string Mutate(string input)
    {
        var sb = new StringBuilder(input);
        var edits = 1 + _random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var pos = sb.Length == 0 ? 0 : _random.Next(sb.Length + 1);
            switch (_random.Next(7))
            {
                case 0:
                    if (sb.Length > 0 && pos < sb.Length) sb.Remove(pos, Math.Min(1 + _random.Next(8), sb.Length - pos));
                    break;
                case 1:
                    sb.Insert(pos, Fragments[_random.Next(Fragments.Length)]);
                    break;
                case 2:
                    if (sb.Length > 0 && pos < sb.Length) sb[pos] = (char)_random.Next(1, 0x3000);
                    break;
                case 3:
                    sb.Length = Math.Min(sb.Length, pos); // truncate
                    break;
                case 4:
                {
                    // Duplicate a random slice somewhere else.
                    if (sb.Length == 0) break;
                    var start = _random.Next(sb.Length);
                    var len = Math.Min(1 + _random.Next(40), sb.Length - start);
                    sb.Insert(pos, sb.ToString(start, len));
                    break;
                }
                case 5:
                {
                    var depth = 1 + _random.Next(_random.Next(2) == 0 ? 10 : 400);
                    sb.Insert(pos, new string('(', depth) + "SELECT 1" + new string(')', _random.Next(depth + 1)));
                    break;
                }
                default:
                    sb.Insert(pos, ' ');
                    break;
            }
        }
        return sb.ToString();
    }

    public string Random(int maxLength)
    {
        var length = _random.Next(maxLength);
        var sb = new StringBuilder(length);
        while (sb.Length < length)
        {
            if (_random.Next(3) == 0) sb.Append((char)_random.Next(1, 128));
            else sb.Append(Fragments[_random.Next(Fragments.Length)]).Append(' ');
        }
        return sb.ToString();
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
