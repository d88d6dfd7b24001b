using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>A named distance between feature maps (see <see cref="PerceptualDistance"/>).</summary>
public sealed record PerceptualFunction(string Name, Func<Tensor, Tensor, Tensor> Distance)
{
    public static readonly PerceptualFunction Lpips = new("lpips", PerceptualDistance.Lpips);
    public static readonly PerceptualFunction Meanpool = new("meanpool", PerceptualDistance.Meanpool);
    public static readonly PerceptualFunction Style = new("style", PerceptualDistance.Style);

    public static IReadOnlyList<PerceptualFunction> All { get; } = [Lpips, Meanpool, Style];

    /// <summary>
    /// The functions of the given names in the given order; none given means <c>lpips</c>, the study's
    /// default. Unknown or repeated names are refused.
    /// </summary>
    public static IReadOnlyList<PerceptualFunction> Resolve(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return [Lpips];
        var unknown = names.Where(name => All.All(function => function.Name != name)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Unknown perceptual function(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(f => f.Name))}.", nameof(names));
        var repeated = names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (repeated.Count > 0)
            throw new ArgumentException($"Perceptual function(s) {string.Join(", ", repeated)} requested more than once.", nameof(names));
        return names.Select(name => All.First(function => function.Name == name)).ToList();
    }
}
