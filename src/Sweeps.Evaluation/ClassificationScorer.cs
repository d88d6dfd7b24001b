using Sweeps.Data;
using Sweeps.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>Classification quality on a labelled set, all measures from one pass over it.</summary>
public static class ClassificationScorer
{
    private const int TopK = 5;

    /// <summary>
    /// Top-1, top-5 (every class counts when there are fewer than five) and the mean cross-entropy
    /// (natural log) of <paramref name="val"/>. The caller puts the model in eval mode first
    /// (BatchNorm running statistics, no dropout); this method only disables gradients.
    /// </summary>
    public static ClassificationScores Measure(IFeatureClassifier model, LabelledImages val, int batchSize, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (val.Count == 0) throw new ArgumentException($"{val.Source} holds no images to measure accuracy on.", nameof(val));

        using var noGrad = torch.no_grad();
        long top1 = 0, top5 = 0;
        double lossSum = 0;
        for (int first = 0; first < val.Count; first += batchSize)
        {
            int count = Math.Min(batchSize, val.Count - first);
            using var scope = torch.NewDisposeScope();
            var input = ImageBatch.ToTensor(val.Rows(first, count), val.Size, device);
            var labels = torch.tensor(val.Labels.AsSpan(first, count).ToArray(), ScalarType.Int64, device);
            var logits = model.ForwardWithFeatures(input).Logits;
            var ranked = logits.topk((int)Math.Min(TopK, logits.shape[1]), dim: 1).indexes;
            var hits = ranked.eq(labels.unsqueeze(1));
            top1 += hits[.., 0].sum().item<long>();
            top5 += hits.any(1).sum().item<long>();
            lossSum += nn.functional.cross_entropy(logits.to_type(ScalarType.Float64), labels, reduction: nn.Reduction.Sum).item<double>();
        }
        return new ClassificationScores(100.0 * top1 / val.Count, 100.0 * top5 / val.Count, lossSum / val.Count);
    }
}
