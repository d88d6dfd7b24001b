using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sweeps.Spec;

/// <summary>Range checks for readers, each with its JSON Schema spelling.</summary>
internal static partial class ValueChecks
{
    public static ValueCheck<T> OneOf<T>(params T[] allowed) where T : notnull => new(
        value => allowed.Contains(value) ? null : Alternatives(allowed.Select(ValueText.Format).ToArray()),
        schema => schema["enum"] = new JsonArray(allowed.Select(v => (JsonNode?)JsonScalar(v)).ToArray()));

    public static ValueCheck<T> AtLeast<T>(T minimum) where T : INumber<T> => new(
        value => value >= minimum ? null : $"{Noun<T>()} >= {ValueText.Format(minimum)}",
        schema => schema["minimum"] = JsonScalar(minimum));

    public static ValueCheck<T> Above<T>(T minimum) where T : INumber<T> => new(
        value => value > minimum ? null : $"{Noun<T>()} > {ValueText.Format(minimum)}",
        schema => schema["exclusiveMinimum"] = JsonScalar(minimum));

    /// <summary>[low, high): probabilities such as dropout, where 1 would drop everything.</summary>
    public static ValueCheck<double> FromUpTo(double low, double high) => new(
        value => value >= low && value < high ? null : $"a number in [{ValueText.Format(low)}, {ValueText.Format(high)})",
        schema =>
        {
            schema["minimum"] = low;
            schema["exclusiveMaximum"] = high;
        });

    /// <summary>(low, high]: multiplicative factors, where low would erase and high keeps.</summary>
    public static ValueCheck<double> AboveUpTo(double low, double high) => new(
        value => value > low && value <= high ? null : $"a number in ({ValueText.Format(low)}, {ValueText.Format(high)}]",
        schema =>
        {
            schema["exclusiveMinimum"] = low;
            schema["maximum"] = high;
        });

    /// <summary>(0, 1): a point strictly inside training.</summary>
    public static readonly ValueCheck<double> Fraction = new(
        value => value > 0 && value < 1 ? null : "a fraction in (0, 1)",
        schema =>
        {
            schema["exclusiveMinimum"] = 0;
            schema["exclusiveMaximum"] = 1;
        });

    public static readonly ValueCheck<string> NonEmpty = new(
        value => value.Length > 0 ? null : "a non-empty string",
        schema => schema["minLength"] = 1);

    /// <summary>Empty leaves the choice to the worker's Device setting.</summary>
    public static readonly ValueCheck<string> Device = new(
        value => value.Length == 0 || DevicePattern().IsMatch(value) ? null : "cpu, cuda or cuda:N (or empty for the worker's setting)",
        schema => schema["pattern"] = "^(|cpu|cuda|cuda:[0-9]+)$");

    public static string? Ascending(double previous, double current) => current > previous ? null : "strictly ascending values";

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Alternatives(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static string Noun<T>() => typeof(T) == typeof(int) ? "an integer" : "a number";

    private static JsonNode JsonScalar<T>(T value) where T : notnull => value switch
    {
        string text => JsonValue.Create(text),
        int integer => JsonValue.Create(integer),
        double number => JsonValue.Create(number),
        _ => throw new ArgumentException($"No JSON spelling for {typeof(T).Name}", nameof(value)),
    };

    [GeneratedRegex(@"^(cpu|cuda|cuda:[0-9]+)\z")]
    private static partial Regex DevicePattern();
}
