using System.Text;

namespace HotlineIoc.Web.Tests.Fuzz;

/// <summary>Malformed inputs from a fixed seed: the same run every time, so a failure can be replayed.</summary>
public sealed class Mangler(int seed)
{
    private static readonly string[] Oddities =
    [
        "\"", "'", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "\0", "\r", "\n", "\t", "=", "+", "-", "@", "%", "%00", "%ZZ", "&", "?", "#",
        "null", "true", "1e309", "-0", "NaN", "9999999999999999999999", "😀", "Phường", "ẞ", "\u202e", "\ufeff", "<script>", "../", "' OR 1=1 --",
    ];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public int Next(int max) => _random.Next(max);

    public string Pick(params string[] options) => options[_random.Next(options.Length)];

    /// <summary>A few random edits of <paramref name="text"/>: deletions, insertions of odd characters, duplications, truncation.</summary>
    public string Mangle(string text)
    {
        var s = new StringBuilder(text);
        var edits = 1 + _random.Next(4);
        for (var i = 0; i < edits && s.Length > 0; i++)
        {
            var at = _random.Next(s.Length);
            switch (_random.Next(5))
            {
                case 0:
                    s.Remove(at, Math.Min(1 + _random.Next(5), s.Length - at));
                    break;
                case 1:
                    s.Insert(at, Oddities[_random.Next(Oddities.Length)]);
                    break;
                case 2:
                    var length = Math.Min(1 + _random.Next(20), s.Length - at);
                    s.Insert(at, s.ToString(at, length));
                    break;
                case 3:
                    s.Length = at;
                    break;
                default:
                    s[at] = (char)_random.Next(1, 0x3000);
                    break;
            }
        }

        return s.ToString();
    }

    /// <summary>A value of a surprising kind, as JSON text.</summary>
    public string JsonValue() => _random.Next(12) switch
    {
        0 => "null",
        1 => "true",
        2 => "12345678901234567890123",
        3 => "-1.5e308",
        4 => "[]",
        5 => "{\"a\":{\"b\":[1,2,{\"c\":null}]}}",
        6 => "\"" + new string('x', 100_000) + "\"",
        7 => "\"\"",
        8 => "\"   \"",
        9 => "\"\\u0000\\u001f\\ud800\"",
        10 => "\"" + Oddities[_random.Next(Oddities.Length)].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        _ => "\"2024-13-45T25:61:00+07:00\"",
    };
}
