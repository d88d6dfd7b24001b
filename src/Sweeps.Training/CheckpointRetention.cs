using Sweeps.Spec;

namespace Sweeps.Training;

/// <summary>
/// The keep policy of <see cref="CheckpointConfig"/> as a pure decision over a list of checkpoints.
/// <c>all</c> keeps everything; <c>last</c> keeps the newest <c>keep_last</c>; <c>best</c> keeps, for
/// every metric, the checkpoint with the best value (the earliest on ties), and every checkpoint not
/// scored yet (it may still turn out best). The newest checkpoint is always kept: it is the resume point.
/// A metric whose name contains <c>loss</c> is better when lower; every other (top1, ps) when higher.
/// </summary>
public static class CheckpointRetention
{
    /// <summary>The checkpoints to delete, oldest first.</summary>
    public static IReadOnlyList<CheckpointCandidate> ToDelete(IReadOnlyList<CheckpointCandidate> checkpoints, CheckpointConfig policy)
    {
        if (checkpoints.Count == 0)
            return [];
        var newestFirst = checkpoints.OrderByDescending(checkpoint => checkpoint.Step).ToArray();
        var kept = policy.Keep switch
        {
            "all" => newestFirst.ToHashSet(),
            "last" => newestFirst.Take(Math.Max(policy.KeepLast, 1)).ToHashSet(),
            "best" => BestOrUnscored(newestFirst).Append(newestFirst[0]).ToHashSet(),
            _ => throw new ArgumentException($"Checkpoint keep policy '{policy.Keep}' is not supported; use 'all', 'last' or 'best'.", nameof(policy)),
        };
        return newestFirst.Where(checkpoint => !kept.Contains(checkpoint)).Reverse().ToArray();
    }

    public static bool LowerIsBetter(string metric) => metric.Contains("loss", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<CheckpointCandidate> BestOrUnscored(IReadOnlyList<CheckpointCandidate> checkpoints)
    {
        var oldestFirst = checkpoints.OrderBy(checkpoint => checkpoint.Step).ToArray();
        var metrics = oldestFirst.SelectMany(checkpoint => checkpoint.Metrics.Keys).Distinct();
        foreach (var metric in metrics)
        {
            var sign = LowerIsBetter(metric) ? -1 : 1;
            CheckpointCandidate? best = null;
            var bestValue = double.NegativeInfinity;
            foreach (var checkpoint in oldestFirst)
            {
                if (checkpoint.Metrics.TryGetValue(metric, out var value) && !double.IsNaN(value) && sign * value > bestValue)
                    (best, bestValue) = (checkpoint, sign * value);
            }
            if (best is not null)
                yield return best;
        }
        foreach (var checkpoint in oldestFirst.Where(checkpoint => checkpoint.Metrics.Count == 0))
            yield return checkpoint;
    }
}
