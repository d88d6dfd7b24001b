using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>A named distance between feature maps (see <see cref="PerceptualDistance"/>).</summary>
public sealed record PerceptualFunction(string Name, Func<Tensor, Tensor, Tensor> Distance)
{
    public static readonly PerceptualFunction Lpips = new("lpips", PerceptualDistance.Lpips);
    public static readonly PerceptualFunction Meanpool = new("meanpool", PerceptualDistance.Meanpool);
    public static readonly PerceptualFunction Style = new("style", (features0, features1) => PerceptualDistance.Style(features0, features1));
    /// <summary>The style function with its Gram matrices not divided by H·W (<c>score.style_normalisation: none</c>).</summary>
    public static readonly PerceptualFunction StyleUndivided =
        new("style", (features0, features1) => PerceptualDistance.Style(features0, features1, divideByPositions: false));

    public static IReadOnlyList<PerceptualFunction> All { get; } = [Lpips, Meanpool, Style];

    /// <summary>
    /// The functions of the given names in the given order; none given means <c>lpips</c>, the study's
    /// default. Unknown or repeated names are refused. <paramref name="styleNormalisation"/> is
    /// <c>score.style_normalisation</c>: <c>hw</c> (default) or <c>none</c>.
    /// </summary>
    public static IReadOnlyList<PerceptualFunction> Resolve(IReadOnlyList<string> names, string styleNormalisation = ScoreConfig.PositionsStyleNormalisation)
    {
        var style = styleNormalisation switch
        {
            ScoreConfig.PositionsStyleNormalisation => Style,
            ScoreConfig.NoStyleNormalisation => StyleUndivided,
            _ => throw new ArgumentException(
                $"score.style_normalisation must be {ScoreConfig.PositionsStyleNormalisation} or {ScoreConfig.NoStyleNormalisation}, got '{styleNormalisation}'.",
                nameof(styleNormalisation)),
        };
        if (names.Count == 0) return [Lpips];
        var unknown = names.Where(name => All.All(function => function.Name != name)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Unknown perceptual function(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(f => f.Name))}.", nameof(names));
        var repeated = names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (repeated.Count > 0)
            throw new ArgumentException($"Perceptual function(s) {string.Join(", ", repeated)} requested more than once.", nameof(names));
        return names.Select(name => name == Style.Name ? style : All.First(function => function.Name == name)).ToList();
    }
}
