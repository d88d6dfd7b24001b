using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Converts a scalar's text to a value; false when the text is not of the type.</summary>
internal delegate bool ScalarParser<T>(YamlScalarNode scalar, [MaybeNullWhen(false)] out T value);

/// <summary>
/// A scalar of one type (<paramref name="expected"/> describes it, e.g. "an integer"; <paramref name="jsonType"/>
/// names it in JSON Schema), optionally restricted by <paramref name="check"/>.
/// </summary>
internal sealed class ScalarReader<T>(string expected, string jsonType, ScalarParser<T> parse, ValueCheck<T>? check = null)
    : ValueReader<T> where T : notnull
{
    public override bool TryRead(YamlNode node, string keyPath, SpecErrorList errors, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (node is not YamlScalarNode scalar || YamlNodes.IsNull(scalar) || !parse(scalar, out var parsed))
        {
            errors.Add(node, keyPath, $"expected {expected}, got {YamlNodes.Describe(node)}");
            return false;
        }
        if (Check(parsed) is { } inRange)
        {
            errors.Add(node, keyPath, $"expected {inRange}, got {ValueText.Quote(parsed)}");
            return false;
        }
        value = parsed;
        return true;
    }

    public override string? Check(T value) => check?.Test(value);

    public override string Format(T value) => ValueText.Format(value);

    public override JsonObject Schema()
    {
        var schema = new JsonObject { ["type"] = jsonType };
        check?.Describe(schema);
        return schema;
    }
}
