using System.Globalization;

namespace Sweeps.Spec;

/// <summary>Culture-independent text for values in labels and messages.</summary>
internal static class ValueText
{
    /// <summary>Shortest round-trip text: <c>0.25</c>, <c>18</c>, <c>true</c>, <c>central</c>.</summary>
    public static string Format<T>(T value) where T : notnull => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Like <see cref="Format{T}"/> but strings are quoted, so empty or spaced text stays visible in messages.</summary>
    public static string Quote<T>(T value) where T : notnull => value is string text ? $"'{text}'" : Format(value);
}
