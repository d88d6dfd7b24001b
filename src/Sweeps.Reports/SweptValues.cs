using System.Text.Json;
using Sweeps.Faults;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Reports;

/// <summary>
/// The values each stored trial of a sweep varies, as the sweep's stored file assigns them (<see cref="TrialSpec.Swept"/>):
/// the file is expanded again, each member found at its position, and the expansion checked against the stored
/// configuration, so the values shown are the ones the trial was trained with. Labels are only ever shown.
/// </summary>
public static class SweptValues
{
    /// <summary>Each member's swept values by trial id.</summary>
    /// <exception cref="StoredSweepMismatchException">The file no longer expands to a stored member's configuration.</exception>
    public static IReadOnlyDictionary<int, IReadOnlyList<SweptValue>> Of(SweepRecord sweep, SweepDefinition definition, IReadOnlyList<ResultTrial> trials)
    {
        var swept = new Dictionary<int, IReadOnlyList<SweptValue>>();
        foreach (var trial in trials)
        {
            var spec = trial.Index < definition.Trials.Count ? definition.Trials[trial.Index] : null;
            if (spec is null || spec.Config.Hash() != TrialConfig.FromJson(trial.ConfigJson).Hash())
                throw new StoredSweepMismatchException(
                    $"Sweep {sweep.Id} ({sweep.Name}): its stored file no longer expands to its trial {trial.Index} ({trial.Label}) as stored " +
                    "(this version of Sweeps reads the file differently), so its swept values are unknown.");
            swept[trial.TrialId] = spec.Swept;
        }
        return swept;
    }

    /// <summary>The number at a dotted config path (<c>train.label_smoothing</c>) of <paramref name="config"/>; null when it holds none.</summary>
    public static double? NumberAt(TrialConfig config, string path)
    {
        var element = JsonSerializer.SerializeToElement(config, TrialConfig.JsonOptions);
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null;
    }
}

/// <summary>A stored sweep's file expands differently from the trials stored with it.</summary>
public sealed class StoredSweepMismatchException(string message) : SweepsException(FaultKind.Environment, message);
