using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Scoring;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>JND mAP of a classifier's perceptual distances on BAPPS JND. The caller puts the model in eval mode first.</summary>
public static class JndScorer
{
    /// <summary>For each function, each chosen layer, then the ensemble: <c>jnd_map</c> per category and <c>mean</c>.</summary>
    public static IReadOnlyList<ScoreRow> Score(
        IFeatureClassifier model, IReadOnlyList<JndCategory> categories, IReadOnlyList<PerceptualFunction> functions, IReadOnlyList<string> layers,
        int batchSize, Device device)
    {
        if (categories.Count == 0) throw new ArgumentException("No JND category to score.", nameof(categories));
        var scores = new Dictionary<(string Function, string Layer), JndScores>();
        var order = new List<(string Function, string Layer)>();
        foreach (var category in categories)
            foreach (var distances in FeatureDistances.Compute(
                         model, [category.P0, category.P1], category.Count, category.Size, [(0, 1)], functions, layers, batchSize, device))
            {
                var key = (distances.Function, distances.Layer);
                if (!scores.TryGetValue(key, out var accumulated))
                {
                    scores[key] = accumulated = new JndScores();
                    order.Add(key);
                }
                accumulated.Add(category.Name, distances.Pairs[0], category.Same);
            }
        return order.SelectMany(key => scores[key].ToRows(key.Function, key.Layer)).ToList();
    }
}
