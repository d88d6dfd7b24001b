using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Evaluation;
using Sweeps.Models;
using Sweeps.Scoring;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>Measures a checkpoint's model: top-1 on the val set and PS on the 2AFC folder.</summary>
public sealed class CheckpointScoring(DataCatalog data, IOptions<SweepsOptions> options)
{
    public IReadOnlyList<ScoreValue> Score(IFeatureClassifier model, TrialConfig config)
    {
        LabelledImages val = data.Val(config.Data);
        TwoAfcSet twoAfc = data.TwoAfc(config.Score);
        var device = TrainingDevice.For(config.Train);
        int batch = options.Value.EvaluationBatchSize;
        var rows = new List<ScoreRow>
        {
            new("top1", null, null, null, Top1Accuracy.Measure(model, val, batch, device)),
        };
        rows.AddRange(PerceptualScorer.Score(model, twoAfc, config.Score.Layers, batch, device));
        return rows.Select(r => new ScoreValue(r.Metric, r.Function ?? "", r.Layer ?? "", r.Category ?? "", r.Value)).ToList();
    }
}
