using System.Globalization;
using System.Text;

namespace Sweeps.Data;

/// <summary>
/// The header dictionary of a .npy file, e.g. <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>,
/// and its parser for the Python literal subset NumPy writes: strings, True/False and tuples of integers.
/// </summary>
public sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>The dictionary text exactly as NumPy formats it (keys sorted, trailing comma).</summary>
    public string ToPythonLiteral() =>
        $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {FormatShape(Shape)}, }}";

    /// <summary>A shape as Python writes the tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => shape.Count == 1
        ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
        : "(" + string.Join(", ", shape.Select(extent => extent.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>Parses the dictionary text; problems are reported against <paramref name="source"/>.</summary>
    public static NpyHeader Parse(string text, string source) => new Parser(text, source).ParseHeader();

    private sealed class Parser(string text, string source)
    {
        private int _position;

        public NpyHeader ParseHeader()
        {
            var entries = new Dictionary<string, object>();
            Expect('{');
            while (!TryConsume('}'))
            {
                var key = ParseString();
                Expect(':');
                if (!entries.TryAdd(key, ParseValue()))
                    throw Error($"key '{key}' appears twice");
                if (!TryConsume(','))
                {
                    Expect('}');
                    break;
                }
            }
            SkipWhitespace();
            if (_position != text.Length)
                throw Error("text follows the closing brace");
            var unexpected = entries.Keys.Except(["descr", "fortran_order", "shape"]).ToList();
            if (unexpected.Count > 0)
                throw Error($"unexpected keys {string.Join(", ", unexpected)}");
            return new NpyHeader(
                Get<string>(entries, "descr", "a dtype string (structured dtypes are not supported)"),
                Get<bool>(entries, "fortran_order", "True or False"),
                Get<long[]>(entries, "shape", "a tuple of integers"));
        }

        private T Get<T>(Dictionary<string, object> entries, string key, string expected)
        {
            if (!entries.TryGetValue(key, out var value))
                throw Error($"key '{key}' is missing");
            return value is T typed ? typed : throw Error($"'{key}' must be {expected}");
        }

        private object ParseValue()
        {
            SkipWhitespace();
            if (_position >= text.Length)
                throw Error("the text ends where a value should be");
            return text[_position] switch
            {
                '\'' or '"' => ParseString(),
                '(' => ParseIntegerTuple(),
                '[' => throw Error("a list value (a structured dtype) is not supported"),
                _ => ParseBoolean(),
            };
        }

        private string ParseString()
        {
            SkipWhitespace();
            var quote = _position < text.Length ? text[_position] : '\0';
            if (quote is not ('\'' or '"'))
                throw Error("expected a quoted string");
            var end = text.IndexOf(quote, _position + 1);
            if (end < 0)
                throw Error("unterminated string");
            var value = text[(_position + 1)..end];
            _position = end + 1;
            return value;
        }

        private long[] ParseIntegerTuple()
        {
            Expect('(');
            var extents = new List<long>();
            while (!TryConsume(')'))
            {
                extents.Add(ParseInteger());
                if (!TryConsume(','))
                {
                    Expect(')');
                    break;
                }
            }
            return [.. extents];
        }

        private long ParseInteger()
        {
            SkipWhitespace();
            var start = _position;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                _position++;
            if (start == _position)
                throw Error("expected a non-negative integer");
            var digits = text[start.._position];
            // Python 2 wrote long integers with an L suffix.
            if (_position < text.Length && text[_position] is 'L' or 'l')
                _position++;
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"integer {digits} is too large");
        }

        private bool ParseBoolean()
        {
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            {
                if (string.CompareOrdinal(text, _position, word, 0, word.Length) == 0)
                {
                    _position += word.Length;
                    return value;
                }
            }
            throw Error("expected a string, a tuple, True or False");
        }

        private void Expect(char expected)
        {
            if (!TryConsume(expected))
                throw Error($"expected '{expected}'");
        }

        private bool TryConsume(char expected)
        {
            SkipWhitespace();
            if (_position >= text.Length || text[_position] != expected)
                return false;
            _position++;
            return true;
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
                _position++;
        }

        private DataFormatException Error(string problem) =>
            new(source, $"npy header: {problem} at character {_position} of {Quote(text)}");

        private static string Quote(string value)
        {
            var builder = new StringBuilder("\"");
            foreach (var character in value.TrimEnd())
                builder.Append(char.IsControl(character) ? $"\\x{(int)character:x2}" : character.ToString());
            return builder.Append('"').ToString();
        }
    }
}
