using Microsoft.Extensions.Options;
using Sweeps.Evaluation;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>Measures a checkpoint's model on the trial's val set, 2AFC and JND folders, as
/// <c>sweeps score</c> does (both go through <see cref="CheckpointEvaluator"/>).</summary>
public sealed class CheckpointScoring(DataCatalog data, IOptions<SweepsOptions> options)
{
    public IReadOnlyList<ScoreValue> Score(IFeatureClassifier model, TrialConfig config) =>
        CheckpointEvaluator.Evaluate(
                model, data.Val(config.Data), data.TwoAfc(config.Score), data.Jnd(config.Score), ScoreSelection.From(config.Score),
                options.Value.EvaluationBatchSize, TrainingDevice.For(config.Train))
            .Select(ScoreValues.From)
            .ToList();
}
