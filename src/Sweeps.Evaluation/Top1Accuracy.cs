using Sweeps.Data;
using Sweeps.Models;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>Top-1 classification accuracy on a labelled set (the throughput benchmark's evaluation path).</summary>
public static class Top1Accuracy
{
    /// <summary>Percentage of <paramref name="val"/> whose highest logit is the label; see <see cref="ClassificationScorer.Measure"/>.</summary>
    public static double Measure(IFeatureClassifier model, LabelledImages val, int batchSize, Device device) =>
        ClassificationScorer.Measure(model, val, batchSize, device).Top1;
}
