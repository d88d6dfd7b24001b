namespace Sweeps.Spec;

/// <summary>
/// Applies <c>conditions</c> to each configuration the method produced: every condition that holds
/// in its resolved configuration adds its base settings and its axes, which are combined the
/// method's way (a product for grid and list, one draw for random) after the condition's base.
/// </summary>
internal static class ConditionalExpansion
{
    public static IReadOnlyList<Configuration> Expand(
        IReadOnlyList<Assignment> baseSettings, IReadOnlyList<Configuration> configurations, IReadOnlyList<Condition> conditions,
        Func<IReadOnlyList<ParameterAxis>, IReadOnlyList<AxisCombination>> combine, SpecErrorList errors)
    {
        if (conditions.Count == 0)
            return configurations;
        var expanded = new List<Configuration>();
        foreach (var configuration in configurations)
        {
            var resolved = ConfigResolver.Resolve([.. baseSettings, .. configuration.Settings]);
            var holding = conditions.Where(condition => condition.Holds(resolved)).ToList();
            ReportOverlaps(holding, errors);
            var conditionBase = holding.SelectMany(condition => condition.Base).ToList();
            foreach (var combination in combine(holding.SelectMany(condition => condition.Axes).ToList()))
            {
                expanded.Add(configuration with
                {
                    Settings = [.. configuration.Settings, .. conditionBase, .. combination.Settings],
                    Varied = [.. configuration.Varied, .. combination.Varied],
                });
            }
        }
        return expanded;
    }

    /// <summary>Two conditions that hold together may not set the same path: which should win is unclear.</summary>
    private static void ReportOverlaps(IReadOnlyList<Condition> holding, SpecErrorList errors)
    {
        var firstSetter = new Dictionary<string, Condition>();
        foreach (var condition in holding)
        {
            foreach (var setting in condition.Settings)
            {
                if (firstSetter.TryGetValue(setting.Path, out var earlier) && !ReferenceEquals(earlier, condition))
                    errors.Add(setting.Node, setting.KeyPath,
                        $"{setting.Path} is also set by the condition at line {earlier.Source.Start.Line}, and both hold for the same trial");
                else
                    firstSetter.TryAdd(setting.Path, condition);
            }
        }
    }
}
