namespace Sweeps.Spec;

/// <summary>A validated sweep file and the trials it expands to.</summary>
/// <param name="YamlText">The file exactly as written, kept so a stored sweep can be re-read.</param>
public sealed record SweepDefinition(
    string Name,
    string Description,
    SweepMethod Method,
    string YamlText,
    IReadOnlyList<TrialSpec> Trials)
{
    /// <summary>The path <c>repeats</c> varies: each repeat trains with the next seed.</summary>
    public const string RepeatPath = "train.seed";

    /// <summary>Trials per configuration (<c>repeats</c>, default 1); configurations = trials / repeats.</summary>
    public int Repeats { get; init; } = 1;

    public int ConfigurationCount => Trials.Count / Repeats;

    /// <summary>The configuration of <c>base</c> alone: the default each swept value is compared with.</summary>
    public TrialConfig Base { get; init; } = new();

    /// <summary>The metric to optimise, when the file names one.</summary>
    public SweepMetric? Metric { get; init; }

    /// <summary>Random method: the number of configurations drawn.</summary>
    public int? RunCap { get; init; }

    /// <summary>Random method: the sampling seed (0 when not given).</summary>
    public int? Seed { get; init; }

    /// <summary>Workers claim trials of higher priority first (<c>priority</c>, default 0; any integer).</summary>
    public int Priority { get; init; }

    /// <summary>
    /// The early-stopping rule (<c>early_terminate</c>: hyperband, peak or median), when the file gives
    /// one; Sweeps.EarlyStopping builds the rule that decides whether a running trial stops.
    /// </summary>
    public EarlyTerminate? EarlyTerminate { get; init; }
}
