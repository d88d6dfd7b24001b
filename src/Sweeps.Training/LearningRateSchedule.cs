using Sweeps.Spec;

namespace Sweeps.Training;

/// <summary>
/// The study's step schedule as a pure function of the global step: peak = learning_rate x batch/256,
/// linear warmup from 0 over warmup_epochs, then x decay_factor at each decay_at fraction of all steps.
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly double warmupSteps;
    private readonly long[] decaySteps;
    private readonly double decayFactor;

    public LearningRateSchedule(TrainConfig train, int stepsPerEpoch)
    {
        PeakRate = train.LearningRate * train.BatchSize / 256.0;
        TotalSteps = (long)train.Epochs * stepsPerEpoch;
        warmupSteps = train.WarmupEpochs * stepsPerEpoch;
        decaySteps = train.DecayAt.Select(fraction => (long)Math.Round(fraction * TotalSteps)).ToArray();
        decayFactor = train.DecayFactor;
    }

    public double PeakRate { get; }
    public long TotalSteps { get; }

    /// <summary>The rate used by the update of step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        var warmup = step < warmupSteps ? step / warmupSteps : 1.0;
        var decays = decaySteps.Count(decayStep => step >= decayStep);
        return PeakRate * warmup * Math.Pow(decayFactor, decays);
    }
}
