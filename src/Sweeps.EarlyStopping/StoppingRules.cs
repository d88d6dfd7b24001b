using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>Builds the rule a sweep file's <c>early_terminate</c> block describes.</summary>
public static class StoppingRules
{
    /// <param name="metric">The sweep's <c>metric</c>; hyperband and median compare trials by it (the file's validation requires it).</param>
    public static IStoppingRule Create(EarlyTerminate settings, SweepMetric? metric) => settings switch
    {
        HyperbandEarlyTerminate hyperband => new HyperbandRule(hyperband, Required(metric, settings)),
        PeakEarlyTerminate peak => new PeakRule(peak),
        MedianEarlyTerminate median => new MedianRule(median, Required(metric, settings)),
        _ => throw new ArgumentException($"no rule for early_terminate type '{settings.Type}'", nameof(settings)),
    };

    private static SweepMetric Required(SweepMetric? metric, EarlyTerminate settings) =>
        metric ?? throw new ArgumentException($"early_terminate type {settings.Type} compares trials by the sweep's metric, and there is none", nameof(metric));
}
