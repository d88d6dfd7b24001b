using System.Collections.Immutable;
using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>An immutable snapshot of one trial: its scored checkpoints in order, its status, and its place in the sweep's creation order.</summary>
public sealed record TrialHistory
{
    public TrialHistory(int order, TrialStatus status, IEnumerable<ScoredCheckpoint> checkpoints)
    {
        Order = order;
        Status = status;
        Checkpoints = [.. checkpoints];
    }

    /// <summary>Creation order within the sweep; also tells a trial apart from the others in a <see cref="StudySnapshot"/>.</summary>
    public int Order { get; }

    public TrialStatus Status { get; }

    public ImmutableArray<ScoredCheckpoint> Checkpoints { get; }

    public bool HasEnded => Status != TrialStatus.Running;

    public IReadOnlyList<double> ScoresOf(string metric) => [.. Checkpoints.Select(checkpoint => checkpoint.Score(metric))];

    /// <summary>The index of the best checkpoint by <paramref name="metric"/>, the earliest on ties; -1 without checkpoints.</summary>
    public int BestIndex(string metric, MetricGoal goal)
    {
        var best = -1;
        for (var i = 0; i < Checkpoints.Length; i++)
        {
            if (best < 0 || goal.Prefers(Checkpoints[i].Score(metric), Checkpoints[best].Score(metric)))
                best = i;
        }
        return best;
    }
}
