using System.Diagnostics.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// A YAML list whose elements are each read (and located) by <paramref name="element"/>;
/// <paramref name="order"/>, given the previous and current element, returns what was expected
/// when the pair is out of order.
/// </summary>
internal sealed class ListReader<T>(string expected, ScalarReader<T> element, Func<T, T, string?>? order = null)
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

        var items = new List<T>();
        var allValid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var child = sequence.Children[i];
            if (!element.TryRead(child, KeyPath.Item(keyPath, i), errors, out var item))
            {
                allValid = false;
                continue;
            }
            if (items.Count > 0 && order?.Invoke(items[^1], item) is { } inOrder)
            {
                errors.Add(child, KeyPath.Item(keyPath, i), $"expected {inOrder}, got {ValueText.Quote(item)} after {ValueText.Quote(items[^1])}");
                allValid = false;
            }
            items.Add(item);
        }
        if (allValid)
            value = items.ToArray();
        return allValid;
    }

    public override string Format(T[] value) => $"[{string.Join(", ", value.Select(element.Format))}]";
}
