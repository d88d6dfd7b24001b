using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Turns configurations into trials: resolves them on top of the base (<see cref="ConfigResolver"/>),
/// checks them (<see cref="TrialChecks"/>), repeats each with seeds train.seed, +1, ..., labels them,
/// and reports trials whose resolved configs coincide.
/// </summary>
internal static class TrialExpansion
{
    /// <param name="repeatsNode">Where <c>repeats</c> was set; collisions caused by repeating are reported there.</param>
    /// <param name="reportDuplicates">False when earlier errors dropped settings, which can make trials coincide spuriously.</param>
    public static IReadOnlyList<TrialSpec> Expand(
        IReadOnlyList<Assignment> baseSettings, IReadOnlyList<Configuration> configurations, int repeats, YamlNode? repeatsNode,
        TrialChecks checks, bool reportDuplicates, SpecErrorList errors)
    {
        var trials = new List<TrialSpec>();
        var firstByHash = new Dictionary<string, (TrialSpec Trial, Configuration From, int Repeat)>();
        foreach (var configuration in configurations)
        {
            IReadOnlyList<Assignment> settings = [.. baseSettings, .. configuration.Settings];
            var configured = ConfigResolver.Resolve(settings);
            checks.Check(configured, settings, configuration);
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                var config = configured with { Train = configured.Train with { Seed = configured.Train.Seed + repeat } };
                var trial = new TrialSpec(trials.Count, Swept(configuration, config, repeats), config);
                var hash = config.Hash();
                if (!firstByHash.TryGetValue(hash, out var first))
                    firstByHash.Add(hash, (trial, configuration, repeat));
                else if (reportDuplicates)
                    ReportDuplicate(trial, configuration, repeat, first, repeatsNode, errors);
                trials.Add(trial);
            }
        }
        return trials;
    }

    /// <summary>
    /// A collision that needs a repeated seed is the fault of <c>repeats</c>; otherwise of the
    /// configuration itself (a list entry that resolves like an earlier one).
    /// </summary>
    private static void ReportDuplicate(
        TrialSpec trial, Configuration configuration, int repeat, (TrialSpec Trial, Configuration From, int Repeat) first,
        YamlNode? repeatsNode, SpecErrorList errors)
    {
        var (node, keyPath) = (repeat > 0 || first.Repeat > 0) && repeatsNode is not null
            ? (repeatsNode, "repeats")
            : (configuration.Source, configuration.SourceKeyPath);
        var firstPlace = ReferenceEquals(first.From.Source, configuration.Source) ? "" : $" ({first.From.SourceKeyPath}, line {first.From.Source.Start.Line})";
        errors.Add(node, keyPath, $"trial '{trial.Label}' has the same configuration as trial '{first.Trial.Label}'{firstPlace}");
    }

    /// <summary>Varied values in file order; with repeats the seed actually used replaces any varied seed.</summary>
    private static IReadOnlyList<SweptValue> Swept(Configuration configuration, TrialConfig config, int repeats) =>
        repeats > 1
            ? [.. configuration.Varied.Where(a => a.Path != SweepDefinition.RepeatPath).Select(a => a.Value),
                SweptValue.Of(SweepDefinition.RepeatPath, config.Train.Seed, ValueText.Format(config.Train.Seed))]
            : configuration.Varied.Select(a => a.Value).ToList();
}
