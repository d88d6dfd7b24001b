using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>
/// Perceptual Score of a classifier on BAPPS 2AFC: LPIPS-form distances from its feature maps, scored
/// against the human judgements per layer and for the ensemble (the sum over the chosen layers).
/// The caller puts the model in eval mode first; these methods only disable gradients.
/// </summary>
public static class PerceptualScorer
{
    public const string Function = "lpips";
    public const string EnsembleLayer = "ensemble";

    /// <summary>
    /// PS rows for every chosen layer, then the ensemble; each lists the categories, <c>mean</c> and
    /// <c>weighted_mean</c>. An empty <paramref name="layers"/> chooses every extraction point of the model.
    /// </summary>
    public static IReadOnlyList<ScoreRow> Score(IFeatureClassifier model, TwoAfcSet set, IReadOnlyList<string> layers, int batchSize, Device device)
    {
        if (set.Categories.Sum(category => category.Count) == 0)
            throw new ArgumentException($"{set.Folder} holds no 2AFC triplets to score.", nameof(set));
        var chosen = LayerSelection.Resolve(model.FeatureNames, layers);
        var agreements = chosen.Append(EnsembleLayer).Select(layer => (Layer: layer, Means: new CategoryMeans())).ToList();

        foreach (var category in set.Categories)
        {
            var distances = Distances(model, category, chosen, batchSize, device);
            // Both lists hold the chosen layers, then the ensemble, in the same order.
            foreach (var ((_, means), layer) in agreements.Zip(distances))
                for (int i = 0; i < category.Count; i++)
                    means.Add(category.Name, TwoAfc.Agreement(layer.ToP0[i], layer.ToP1[i], category.Judges[i]));
        }
        return agreements.SelectMany(a => a.Means.ToPerceptualScoreRows(Function, a.Layer)).ToList();
    }

    /// <summary>
    /// Distances of every triplet of <paramref name="category"/> under each chosen layer, then the ensemble.
    /// Each image goes through the model once, in batches of <paramref name="batchSize"/> triplets.
    /// </summary>
    public static IReadOnlyList<LayerDistances> Distances(IFeatureClassifier model, TwoAfcCategory category, IReadOnlyList<string> layers, int batchSize, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var chosen = LayerSelection.Resolve(model.FeatureNames, layers);
        var featureNames = model.FeatureNames.ToList();
        var featureIndices = chosen.Select(name => featureNames.IndexOf(name)).ToArray();
        var perLayer = chosen.Select(name => new LayerDistances(name, new double[category.Count], new double[category.Count])).ToList();

        using var noGrad = torch.no_grad();
        for (int first = 0; first < category.Count; first += batchSize)
        {
            int count = Math.Min(batchSize, category.Count - first);
            using var scope = torch.NewDisposeScope();
            var reference = Features(model, category.Reference, first, count, category.Size, device);
            var p0 = Features(model, category.P0, first, count, category.Size, device);
            var p1 = Features(model, category.P1, first, count, category.Size, device);
            foreach (var (layer, index) in perLayer.Zip(featureIndices))
            {
                CopyInto(PerceptualDistance.Lpips(reference[index], p0[index]), layer.ToP0, first);
                CopyInto(PerceptualDistance.Lpips(reference[index], p1[index]), layer.ToP1, first);
            }
        }
        return [.. perLayer, Ensemble(perLayer, category.Count)];
    }

    private static IReadOnlyList<Tensor> Features(IFeatureClassifier model, byte[] images, int first, int count, int size, Device device) =>
        model.ForwardWithFeatures(ImageBatch.ToTensor(images.AsSpan(first * 3 * size * size, count * 3 * size * size), size, device)).Features;

    private static void CopyInto(Tensor distances, double[] target, int first) =>
        distances.to_type(ScalarType.Float64).cpu().data<double>().ToArray().CopyTo(target, first);

    private static LayerDistances Ensemble(IReadOnlyList<LayerDistances> layers, int count)
    {
        var ensemble = new LayerDistances(EnsembleLayer, new double[count], new double[count]);
        for (int i = 0; i < count; i++)
        {
            ensemble.ToP0[i] = layers.Sum(layer => layer.ToP0[i]);
            ensemble.ToP1[i] = layers.Sum(layer => layer.ToP1[i]);
        }
        return ensemble;
    }
}
