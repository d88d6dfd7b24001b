using System.Collections.Immutable;

namespace Sweeps.EarlyStopping;

/// <summary>
/// One scored checkpoint of a trial: its optimiser step, the training images seen up to it, and its
/// scores by metric name (<see cref="Spec.CheckpointMetrics"/>: ps, top1, top5, loss).
/// </summary>
public sealed record ScoredCheckpoint
{
    public ScoredCheckpoint(long step, long images, IReadOnlyDictionary<string, double> scores)
    {
        Step = step;
        Images = images;
        Scores = scores.ToImmutableDictionary();
    }

    public long Step { get; }

    /// <summary>Training images seen up to this checkpoint: what the trial has cost so far.</summary>
    public long Images { get; }

    public ImmutableDictionary<string, double> Scores { get; }

    /// <summary>A rule reading a metric the caller did not pass is a wiring mistake, so it throws rather than guesses.</summary>
    public double Score(string metric) =>
        Scores.TryGetValue(metric, out var value) ? value : throw new InvalidOperationException($"the checkpoint at step {Step} has no '{metric}' score");
}
