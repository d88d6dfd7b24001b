using Sweeps.Data;
using Sweeps.Spec;

namespace Sweeps.Evaluation;

/// <summary>
/// What to score: perceptual functions (empty = <c>lpips</c>), extraction layers (empty = every one of
/// the model) and BAPPS 2AFC categories (empty = every category of the folder), and the style
/// function's normalisation (null = <c>hw</c>, or, for a saved checkpoint, its recorded one).
/// </summary>
public sealed record ScoreSelection(IReadOnlyList<string> Functions, IReadOnlyList<string> Layers, IReadOnlyList<string> Categories)
{
    public static ScoreSelection Everything { get; } = new([], [], []);

    /// <summary><c>score.style_normalisation</c>: <c>hw</c> or <c>none</c>; null = unspecified.</summary>
    public string? StyleNormalisation { get; init; }

    public static ScoreSelection From(ScoreConfig config) =>
        new(config.Functions, config.Layers, config.Categories) { StyleNormalisation = config.StyleNormalisation };

    /// <summary>The selected perceptual functions (see <see cref="PerceptualFunction.Resolve"/>).</summary>
    public IReadOnlyList<PerceptualFunction> ResolveFunctions() =>
        PerceptualFunction.Resolve(Functions, StyleNormalisation ?? ScoreConfig.PositionsStyleNormalisation);

    /// <summary>The chosen categories of <paramref name="set"/>, in the set's order; unknown names are refused.</summary>
    public TwoAfcSet Filter(TwoAfcSet set)
    {
        if (Categories.Count == 0) return set;
        var available = set.Categories.Select(category => category.Name).ToList();
        var unknown = Categories.Where(name => !available.Contains(name)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"{set.Folder} has no category {string.Join(", ", unknown)}; its categories are {string.Join(", ", available)}.");
        return set with { Categories = set.Categories.Where(category => Categories.Contains(category.Name)).ToList() };
    }
}
