using System.Text.Json;
using Sweeps.Faults;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Reports;

/// <summary>
/// The values each stored trial of a sweep varies, as the sweep's stored file assigns them (<see cref="TrialSpec.Swept"/>):
/// the file is expanded again and each member found at its position. Where this version expands the file to a
/// different configuration than the one stored (a default changed since), each swept path is read from the stored
/// configuration instead, so the values shown are always the ones the trial was trained with. Labels are only ever shown.
/// </summary>
public static class SweptValues
{
    /// <summary>Each member's swept values by trial id.</summary>
    /// <exception cref="StoredSweepMismatchException">A stored member is beyond the file's expansion, or its configuration lacks a swept path.</exception>
    public static IReadOnlyDictionary<int, IReadOnlyList<SweptValue>> Of(SweepRecord sweep, SweepDefinition definition, IReadOnlyList<ResultTrial> trials)
    {
        var swept = new Dictionary<int, IReadOnlyList<SweptValue>>();
        foreach (var trial in trials)
        {
            if (trial.Index >= definition.Trials.Count)
                throw Mismatch(sweep, trial, $"its stored file expands to {definition.Trials.Count} trial(s) only");
            var spec = definition.Trials[trial.Index];
            var stored = TrialConfig.FromJson(trial.ConfigJson);
            swept[trial.TrialId] = spec.Config.Hash() == stored.Hash()
                ? spec.Swept
                : spec.Swept.Select(value => AsStored(value, stored) ?? throw Mismatch(sweep, trial, $"its stored configuration has no {value.Path}")).ToList();
        }
        return swept;
    }

    private static SweptValue? AsStored(SweptValue value, TrialConfig stored) =>
        ElementAt(stored, value.Path) is { } element
            ? new SweptValue(value.Path, element, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText())
            : null;

    private static StoredSweepMismatchException Mismatch(SweepRecord sweep, ResultTrial trial, string why) =>
        new($"Sweep {sweep.Id} ({sweep.Name}): the swept values of its trial {trial.Index} ({trial.Label}) are unknown: {why}.");

    /// <summary>The number at a dotted config path (<c>train.label_smoothing</c>) of <paramref name="config"/>; null when it holds none.</summary>
    public static double? NumberAt(TrialConfig config, string path) =>
        ElementAt(config, path) is { ValueKind: JsonValueKind.Number } element ? element.GetDouble() : null;

    private static JsonElement? ElementAt(TrialConfig config, string path)
    {
        var element = JsonSerializer.SerializeToElement(config, TrialConfig.JsonOptions);
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return null;
        }
        return element;
    }
}

/// <summary>A stored sweep's members cannot be matched to the values its file sweeps.</summary>
public sealed class StoredSweepMismatchException(string message) : SweepsException(FaultKind.Environment, message);
