using Sweeps.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>
/// Perceptual distances between aligned blocks of images (reference/p0/p1 of 2AFC, p0/p1 of JND) under
/// several functions and layers at once: each image goes through the model once, and its features
/// feed every function and layer. The layer ensemble is the sum over the chosen layers.
/// </summary>
public static class FeatureDistances
{
    public const string EnsembleLayer = "ensemble";

    /// <summary>
    /// For each function: each chosen layer (empty = every extraction point), then the ensemble.
    /// <paramref name="blocks"/> hold <paramref name="count"/> channel-major images of
    /// <paramref name="size"/>² pixels each; <paramref name="pairs"/> name the blocks compared.
    /// Runs under no_grad, <paramref name="batchSize"/> items at a time, each batch in its own dispose scope.
    /// </summary>
    public static IReadOnlyList<LayerDistances> Compute(
        IFeatureClassifier model, IReadOnlyList<byte[]> blocks, int count, int size, IReadOnlyList<(int First, int Second)> pairs,
        IReadOnlyList<PerceptualFunction> functions, IReadOnlyList<string> layers, int batchSize, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int imageBytes = 3 * size * size;
        if (blocks.Any(block => block.Length != (long)count * imageBytes))
            throw new ArgumentException($"Every image block must hold {count} images of {size}x{size}.", nameof(blocks));
        var chosen = LayerSelection.Resolve(model.FeatureNames, layers);
        var featureIndices = chosen.Select(name => model.FeatureNames.ToList().IndexOf(name)).ToArray();
        var perLayer = functions.SelectMany(function => chosen.Select(layer =>
            new LayerDistances(function.Name, layer, pairs.Select(_ => new double[count]).ToArray()))).ToList();

        using var noGrad = torch.no_grad();
        for (int first = 0; first < count; first += batchSize)
        {
            int batch = Math.Min(batchSize, count - first);
            using var scope = torch.NewDisposeScope();
            var features = blocks.Select(block =>
                model.ForwardWithFeatures(ImageBatch.ToTensor(block.AsSpan(first * imageBytes, batch * imageBytes), size, device)).Features).ToList();
            var distances = functions.SelectMany(function => featureIndices.SelectMany(index => pairs.Select(pair =>
                function.Distance(features[pair.First][index], features[pair.Second][index]).to_type(ScalarType.Float64)))).ToList();
            // One transfer per batch: rows follow perLayer, then pairs.
            var values = torch.stack(distances).cpu().data<double>().ToArray();
            for (int row = 0; row < distances.Count; row++)
                Array.Copy(values, row * batch, perLayer[row / pairs.Count].Pairs[row % pairs.Count], first, batch);
        }
        return functions.SelectMany(function =>
        {
            var layersOfFunction = perLayer.Where(distances => distances.Function == function.Name).ToList();
            return layersOfFunction.Append(Ensemble(function.Name, layersOfFunction, pairs.Count, count));
        }).ToList();
    }

    private static LayerDistances Ensemble(string function, IReadOnlyList<LayerDistances> layers, int pairCount, int count)
    {
        var sums = Enumerable.Range(0, pairCount).Select(pair =>
        {
            var sum = new double[count];
            foreach (var layer in layers)
                for (int i = 0; i < count; i++)
                    sum[i] += layer.Pairs[pair][i];
            return sum;
        }).ToArray();
        return new LayerDistances(function, EnsembleLayer, sums);
    }
}
