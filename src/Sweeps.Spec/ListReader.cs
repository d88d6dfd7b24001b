using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// A YAML list whose elements are each read (and located) by <paramref name="element"/>;
/// <paramref name="order"/>, given the previous and current element, returns what was expected
/// when the pair is out of order; <paramref name="distinct"/> rejects repeated elements.
/// </summary>
internal sealed class ListReader<T>(string expected, ScalarReader<T> element, Func<T, T, string?>? order = null, bool distinct = false)
    : ValueReader<T[]> where T : notnull
{
    public override bool TryRead(YamlNode node, string keyPath, SpecErrorList errors, [MaybeNullWhen(false)] out T[] value)
    {
        value = null;
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add(node, keyPath, $"expected {expected}, got {YamlNodes.Describe(node)}");
            return false;
        }

        var items = new List<(T Item, YamlNode Node)>();
        var allValid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var child = sequence.Children[i];
            var itemKeyPath = KeyPath.Item(keyPath, i);
            if (!element.TryRead(child, itemKeyPath, errors, out var item))
            {
                allValid = false;
                continue;
            }
            if (items.Count > 0 && order?.Invoke(items[^1].Item, item) is { } inOrder)
            {
                errors.Add(child, itemKeyPath, $"expected {inOrder}, got {ValueText.Quote(item)} after {ValueText.Quote(items[^1].Item)}");
                allValid = false;
            }
            if (distinct && items.Find(earlier => EqualityComparer<T>.Default.Equals(earlier.Item, item)) is { Node: { } first })
            {
                errors.Add(child, itemKeyPath, $"duplicate value {ValueText.Quote(item)} (first at line {first.Start.Line}, column {first.Start.Column})");
                allValid = false;
            }
            items.Add((item, child));
        }
        if (allValid)
            value = items.Select(i => i.Item).ToArray();
        return allValid;
    }

    public override string Format(T[] value) => $"[{string.Join(", ", value.Select(element.Format))}]";

    public override JsonObject Schema()
    {
        var schema = new JsonObject { ["type"] = "array", ["items"] = element.Schema() };
        if (distinct)
            schema["uniqueItems"] = true;
        return schema;
    }
}
