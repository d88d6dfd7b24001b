using System.Numerics;
using System.Text.RegularExpressions;

namespace Sweeps.Spec;

/// <summary>Range checks for readers: each returns what was expected when a value fails, else null.</summary>
internal static partial class ValueChecks
{
    public static Func<T, string?> OneOf<T>(params T[] allowed) where T : notnull =>
        value => allowed.Contains(value) ? null : Alternatives(allowed.Select(ValueText.Format).ToArray());

    public static Func<T, string?> AtLeast<T>(T minimum) where T : INumber<T> =>
        value => value >= minimum ? null : $"{Noun<T>()} >= {ValueText.Format(minimum)}";

    public static Func<T, string?> Above<T>(T minimum) where T : INumber<T> =>
        value => value > minimum ? null : $"{Noun<T>()} > {ValueText.Format(minimum)}";

    /// <summary>[low, high): probabilities such as dropout, where 1 would drop everything.</summary>
    public static Func<double, string?> FromUpTo(double low, double high) =>
        value => value >= low && value < high ? null : $"a number in [{ValueText.Format(low)}, {ValueText.Format(high)})";

    /// <summary>(low, high]: multiplicative factors, where low would erase and high keeps.</summary>
    public static Func<double, string?> AboveUpTo(double low, double high) =>
        value => value > low && value <= high ? null : $"a number in ({ValueText.Format(low)}, {ValueText.Format(high)}]";

    /// <summary>(0, 1): a point strictly inside training.</summary>
    public static string? Fraction(double value) => value > 0 && value < 1 ? null : "a fraction in (0, 1)";

    public static string? Ascending(double previous, double current) => current > previous ? null : "strictly ascending values";

    public static string? NonEmpty(string value) => value.Length > 0 ? null : "a non-empty string";

    /// <summary>Empty leaves the choice to the worker's Device setting.</summary>
    public static string? Device(string value) => value.Length == 0 || DevicePattern().IsMatch(value) ? null : "cpu, cuda or cuda:N (or empty for the worker's setting)";

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Alternatives(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static string Noun<T>() => typeof(T) == typeof(int) ? "an integer" : "a number";

    [GeneratedRegex(@"^(cpu|cuda|cuda:[0-9]+)\z")]
    private static partial Regex DevicePattern();
}
