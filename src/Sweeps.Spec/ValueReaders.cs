using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Readers for the YAML value types sweep files use. Numbers and booleans must be plain
/// (unquoted) scalars: <c>"0.1"</c> is a string, as YAML says.</summary>
internal static class ValueReaders
{
    private static readonly HashSet<string> TrueSpellings = ["true", "True", "TRUE"];
    private static readonly HashSet<string> FalseSpellings = ["false", "False", "FALSE"];

    public static ScalarReader<int> Integer(ValueCheck<int>? check = null) => new("an integer", "integer", TryInteger, check);

    public static ScalarReader<double> Number(ValueCheck<double>? check = null) => new("a number", "number", TryNumber, check);

    public static ScalarReader<bool> Boolean() => new("true or false", "boolean", TryBoolean);

    public static ScalarReader<string> Text(ValueCheck<string>? check = null) => new("a string", "string", TryText, check);

    public static bool TryInteger(YamlScalarNode scalar, out int value)
    {
        value = 0;
        return YamlNodes.IsPlain(scalar)
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryNumber(YamlScalarNode scalar, out double value)
    {
        value = 0;
        return YamlNodes.IsPlain(scalar)
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryBoolean(YamlScalarNode scalar, out bool value)
    {
        value = YamlNodes.IsPlain(scalar) && TrueSpellings.Contains(scalar.Value!);
        return YamlNodes.IsPlain(scalar) && (value || FalseSpellings.Contains(scalar.Value!));
    }

    private static bool TryText(YamlScalarNode scalar, out string value)
    {
        value = scalar.Value ?? "";
        return true;
    }
}
