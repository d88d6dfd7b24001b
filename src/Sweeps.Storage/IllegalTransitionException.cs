using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>A state change the lifecycle does not allow, e.g. resuming a completed trial. Nothing was changed.</summary>
public sealed class IllegalTransitionException(int trialId, TrialState from, TrialTransition transition)
    : SweepsException(FaultKind.Configuration,
        $"Trial {trialId} is {from}; it cannot {transition.ToString().ToLowerInvariant()} (allowed from: {string.Join(", ", TrialLifecycle.Sources(transition))}).")
{
    public int TrialId { get; } = trialId;
    public TrialState From { get; } = from;
    public TrialTransition Transition { get; } = transition;
}
