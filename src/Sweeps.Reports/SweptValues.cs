using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sweeps.Spec;

namespace Sweeps.Reports;

/// <summary>The values a trial varies, read from its label in a sweep (<c>model.depth=6 model.width=0.25</c>,
/// in file order; <c>base</c> when it varies nothing), and the same paths read from a configuration.</summary>
public static partial class SweptValues
{
    /// <summary>Path and value text of each varied setting, in label order. A value may hold spaces (a list).</summary>
    public static IReadOnlyList<(string Path, string Value)> Parse(string label)
    {
        var keys = KeyPattern().Matches(label);
        var values = new List<(string, string)>();
        for (int i = 0; i < keys.Count; i++)
        {
            int start = keys[i].Index + keys[i].Length;
            int end = i + 1 < keys.Count ? keys[i + 1].Index : label.Length;
            values.Add((keys[i].Groups["path"].Value, label[start..end].Trim()));
        }
        return values;
    }

    /// <summary>The value text at a dotted config path (<c>train.label_smoothing</c>) of <paramref name="config"/>; null when it has none.</summary>
    public static string? ValueAt(TrialConfig config, string path)
    {
        var element = JsonSerializer.SerializeToElement(config, TrialConfig.JsonOptions);
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return null;
        }
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => element.GetRawText(),
        };
    }

    /// <summary>The value as a number, when it is one.</summary>
    public static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex(@"(?:^|\s)(?<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)=")]
    private static partial Regex KeyPattern();
}
