using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Scoring;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>
/// Every model-dependent measure of one checkpoint. The worker and <c>sweeps score CHECKPOINT</c> both
/// call this, so their numbers agree by construction. The caller puts the model in eval mode first;
/// images arrive as byte rows (decoded or packed once), never as PNG.
/// </summary>
public static class CheckpointEvaluator
{
    /// <summary>
    /// <c>top1</c>, <c>top5</c>, <c>loss</c> on <paramref name="val"/> (when given); <c>ps</c> and
    /// <c>sensitivity</c> on the selected 2AFC categories; <c>jnd_map</c> on <paramref name="jnd"/> (when
    /// any). PS and JND rows cover each selected function x (each selected layer, then <c>ensemble</c>).
    /// The category selection applies to 2AFC only: JND has its own categories.
    /// </summary>
    public static IReadOnlyList<ScoreRow> Evaluate(
        IFeatureClassifier model, LabelledImages? val, TwoAfcSet twoAfc, IReadOnlyList<JndCategory> jnd, ScoreSelection selection,
        int batchSize, Device device)
    {
        var functions = selection.ResolveFunctions();
        var rows = new List<ScoreRow>();
        if (val is not null)
            rows.AddRange(ClassificationScorer.Measure(model, val, batchSize, device).ToRows());
        rows.AddRange(PerceptualScorer.Score(model, selection.Filter(twoAfc), functions, selection.Layers, batchSize, device));
        if (jnd.Count > 0)
            rows.AddRange(JndScorer.Score(model, jnd, functions, selection.Layers, batchSize, device));
        return rows;
    }
}
