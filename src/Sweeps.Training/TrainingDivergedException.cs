using Sweeps.Faults;

namespace Sweeps.Training;

/// <summary>The training loss became NaN or infinite; the step's update was not applied.</summary>
public sealed class TrainingDivergedException(long step, double loss)
    : SweepsException(FaultKind.Trial, $"Training diverged at step {step}: loss {loss}.")
{
    public long Step { get; } = step;
    public double Loss { get; } = loss;
}
