using Sweeps.Data;
using Sweeps.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>Top-1 classification accuracy on a labelled set.</summary>
public static class Top1Accuracy
{
    /// <summary>
    /// Percentage of <paramref name="val"/> whose highest logit is the label. The caller puts the
    /// model in eval mode first (BatchNorm running statistics, no dropout); this method only disables gradients.
    /// </summary>
    public static double Measure(IFeatureClassifier model, LabelledImages val, int batchSize, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (val.Count == 0) throw new ArgumentException($"{val.Source} holds no images to measure accuracy on.", nameof(val));

        using var noGrad = torch.no_grad();
        long correct = 0;
        for (int first = 0; first < val.Count; first += batchSize)
        {
            int count = Math.Min(batchSize, val.Count - first);
            using var scope = torch.NewDisposeScope();
            var input = ImageBatch.ToTensor(val.Rows(first, count), val.Size, device);
            var labels = torch.tensor(val.Labels.AsSpan(first, count).ToArray(), ScalarType.Int64, device);
            var predicted = model.ForwardWithFeatures(input).Logits.argmax(1);
            correct += predicted.eq(labels).sum().item<long>();
        }
        return 100.0 * correct / val.Count;
    }
}
