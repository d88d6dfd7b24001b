using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Evaluation;
using Sweeps.Models;
using Sweeps.Scoring;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;
using TorchSharp;

namespace Sweeps.Orchestration;

/// <summary>
/// The one scoring pipeline of a checkpoint: the trial's val set, 2AFC and JND folders read through
/// <see cref="DataCatalog"/>, the trial's score selection and device, <see cref="CheckpointEvaluator"/>.
/// The worker, <c>sweeps score</c> and <c>sweeps bench score</c> all score through it, so their rows agree.
/// </summary>
public sealed class CheckpointScoring(DataCatalog data, IOptions<SweepsOptions> options)
{
    /// <summary>The worker's scores of a trial's checkpoint, as stored.</summary>
    public IReadOnlyList<ScoreValue> Score(IFeatureClassifier model, TrialConfig config) =>
        Evaluate(model, config, withVal: true).Select(ScoreValues.From).ToList();

    /// <summary>
    /// Scores a saved checkpoint outside a sweep as the worker did: its recorded configuration, with
    /// these folders and any non-empty part of <paramref name="selection"/> in place of the recorded
    /// one, on the settings' device. Without <paramref name="val"/> there are no classification rows,
    /// without <paramref name="jnd"/> no JND rows.
    /// </summary>
    public IReadOnlyList<ScoreRow> ScoreSavedCheckpoint(string checkpoint, string bapps, string? val, string? jnd, ScoreSelection selection)
    {
        var recorded = CheckpointFile.RecordedConfig(checkpoint);
        if (val is not null && recorded.Data.Train.Length == 0)
            throw new ArgumentException(
                $"{checkpoint}: records no training data, so --val cannot be labelled in its class order; import it again with --train DIR (sweeps import).", nameof(val));
        var config = recorded with
        {
            Data = val is null ? recorded.Data : recorded.Data with { Val = val },
            Train = recorded.Train with { Device = options.Value.Device },
            Score = recorded.Score with
            {
                Bapps = bapps,
                Jnd = jnd ?? "",
                Functions = selection.Functions.Count > 0 ? [.. selection.Functions] : recorded.Score.Functions,
                Layers = selection.Layers.Count > 0 ? [.. selection.Layers] : recorded.Score.Layers,
                Categories = selection.Categories.Count > 0 ? [.. selection.Categories] : recorded.Score.Categories,
                StyleNormalisation = selection.StyleNormalisation ?? recorded.Score.StyleNormalisation,
            },
        };
        // Outside the worker (WorkerStartup) nothing else fixes libtorch's thread count.
        torch.set_num_threads(options.Value.EffectiveTorchThreads);
        using var model = CheckpointFile.LoadModel(checkpoint, TrainingDevice.For(config.Train));
        return Evaluate(model, config, withVal: val is not null);
    }

    /// <summary>Reads the data a trial is scored on into the catalogue now, so that timing <see cref="Score"/> measures the scoring alone.</summary>
    public void LoadData(TrialConfig config) => Inputs(config, withVal: true);

    private IReadOnlyList<ScoreRow> Evaluate(IFeatureClassifier model, TrialConfig config, bool withVal)
    {
        var (val, twoAfc, jnd) = Inputs(config, withVal);
        return CheckpointEvaluator.Evaluate(
            model, val, twoAfc, jnd, ScoreSelection.From(config.Score), options.Value.EvaluationBatchSize, TrainingDevice.For(config.Train));
    }

    private (LabelledImages? Val, TwoAfcSet TwoAfc, IReadOnlyList<JndCategory> Jnd) Inputs(TrialConfig config, bool withVal) =>
        (withVal ? data.Val(config.Data) : null, data.TwoAfc(config.Score), data.Jnd(config.Score));
}
