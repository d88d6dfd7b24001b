using System.Text.Json;

namespace Sweeps.Spec;

/// <summary>
/// One value a trial varies: its config path, the value the sweep gives it, typed as it is stored (a JSON
/// number, string, boolean or list), and its text in the trial's label (<c>model.width=0.25</c>).
/// </summary>
public sealed record SweptValue(string Path, JsonElement Value, string Text)
{
    public string Label => $"{Path}={Text}";

    /// <summary>The value when it is a number.</summary>
    public double? Number => Value.ValueKind == JsonValueKind.Number ? Value.GetDouble() : null;

    internal static SweptValue Of<T>(string path, T value, string text) where T : notnull =>
        new(path, JsonSerializer.SerializeToElement(value, TrialConfig.JsonOptions), text);
}
