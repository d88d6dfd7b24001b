using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Scoring;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>
/// Perceptual Score of a classifier on BAPPS 2AFC: distances from its feature maps under each
/// perceptual function, per layer and for the ensemble, scored against the human judgements (PS) and
/// on unanimous triplets (distortion sensitivity). The caller puts the model in eval mode first.
/// </summary>
public static class PerceptualScorer
{
    public const string EnsembleLayer = FeatureDistances.EnsembleLayer;
    private const int ToP0 = 0;
    private const int ToP1 = 1;

    /// <summary>The study's default: <c>lpips</c> rows for every chosen layer, then the ensemble.</summary>
    public static IReadOnlyList<ScoreRow> Score(IFeatureClassifier model, TwoAfcSet set, IReadOnlyList<string> layers, int batchSize, Device device) =>
        Score(model, set, [PerceptualFunction.Lpips], layers, batchSize, device);

    /// <summary>
    /// For each function, each chosen layer, then the ensemble: <c>ps</c> rows (categories, <c>mean</c>,
    /// <c>weighted_mean</c>), then <c>sensitivity</c> rows. Empty <paramref name="layers"/> = every extraction point.
    /// </summary>
    public static IReadOnlyList<ScoreRow> Score(
        IFeatureClassifier model, TwoAfcSet set, IReadOnlyList<PerceptualFunction> functions, IReadOnlyList<string> layers, int batchSize, Device device)
    {
        if (set.Categories.Sum(category => category.Count) == 0)
            throw new ArgumentException($"{set.Folder} holds no 2AFC triplets to score.", nameof(set));
        var scores = new Dictionary<(string Function, string Layer), TwoAfcScores>();
        var order = new List<(string Function, string Layer)>();
        foreach (var category in set.Categories)
            foreach (var distances in Distances(model, category, functions, layers, batchSize, device))
            {
                var key = (distances.Function, distances.Layer);
                if (!scores.TryGetValue(key, out var accumulated))
                {
                    scores[key] = accumulated = new TwoAfcScores();
                    order.Add(key);
                }
                accumulated.Add(category.Name, distances.Pairs[ToP0], distances.Pairs[ToP1], category.Judges);
            }
        return order.SelectMany(key => scores[key].ToRows(key.Function, key.Layer)).ToList();
    }

    /// <summary>Distances ref–p0 (pair 0) and ref–p1 (pair 1) of every triplet of <paramref name="category"/>.</summary>
    public static IReadOnlyList<LayerDistances> Distances(
        IFeatureClassifier model, TwoAfcCategory category, IReadOnlyList<PerceptualFunction> functions, IReadOnlyList<string> layers, int batchSize, Device device) =>
        FeatureDistances.Compute(model, [category.Reference, category.P0, category.P1], category.Count, category.Size,
            [(0, 1), (0, 2)], functions, layers, batchSize, device);
}
