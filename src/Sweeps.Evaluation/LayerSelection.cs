namespace Sweeps.Evaluation;

/// <summary>Chooses which of a model's extraction points enter a perceptual distance.</summary>
public static class LayerSelection
{
    /// <summary>
    /// The requested layer names, or every available one (in model order) when none are requested.
    /// Unknown or repeated names are refused, since either would silently change the ensemble.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> available, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0) return available;
        var unknown = requested.Where(name => !available.Contains(name)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Unknown layer(s) {string.Join(", ", unknown)}; the model's layers are {string.Join(", ", available)}.", nameof(requested));
        var repeated = requested.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (repeated.Count > 0)
            throw new ArgumentException($"Layer(s) {string.Join(", ", repeated)} requested more than once.", nameof(requested));
        return requested;
    }
}
