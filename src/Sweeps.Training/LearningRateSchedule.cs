using Sweeps.Spec;

namespace Sweeps.Training;

/// <summary>
/// The learning rate as a pure function of the global step. Peak = learning_rate x batch/256,
/// linear warmup from 0 over warmup_epochs, then either <c>step</c> (x decay_factor at each
/// decay_at fraction of all steps) or <c>cosine</c> (half a cosine from the peak to 0 at the last
/// step). Training lasts <c>steps</c> when positive, else <c>epochs</c> x steps per epoch, and every
/// boundary scales with that length.
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly double warmupSteps;
    private readonly long[] decaySteps;
    private readonly double decayFactor;
    private readonly bool cosine;

    public LearningRateSchedule(TrainConfig train, int stepsPerEpoch)
    {
        cosine = train.Schedule switch
        {
            "step" => false,
            "cosine" => true,
            _ => throw new ArgumentException($"Learning-rate schedule '{train.Schedule}' is not supported; use 'step' or 'cosine'.", nameof(train)),
        };
        PeakRate = train.LearningRate * train.BatchSize / 256.0;
        TotalSteps = TotalStepsOf(train, stepsPerEpoch);
        warmupSteps = Math.Min(train.WarmupEpochs * stepsPerEpoch, TotalSteps);
        decaySteps = train.DecayAt.Select(fraction => (long)Math.Round(fraction * TotalSteps)).ToArray();
        decayFactor = train.DecayFactor;
    }

    public double PeakRate { get; }
    public long TotalSteps { get; }

    /// <summary>Optimiser updates in the whole run: <c>steps</c> when positive, else <c>epochs</c> x <paramref name="stepsPerEpoch"/>.</summary>
    public static long TotalStepsOf(TrainConfig train, int stepsPerEpoch) =>
        train.Steps > 0 ? train.Steps : (long)train.Epochs * stepsPerEpoch;

    /// <summary>The rate used by the update of step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (step < warmupSteps)
            return PeakRate * step / warmupSteps;
        if (cosine)
        {
            var progress = (step - warmupSteps) / Math.Max(TotalSteps - warmupSteps, 1);
            return PeakRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(progress, 1)));
        }
        var decays = decaySteps.Count(decayStep => step >= decayStep);
        return PeakRate * Math.Pow(decayFactor, decays);
    }
}
