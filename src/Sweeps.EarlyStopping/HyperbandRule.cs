using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>
/// W&amp;B's hyperband early termination (wandb/sweeps hyperband_stopping.py) for one trial. An
/// iteration is a scored checkpoint: a trial has reached band b once it has b checkpoints, and its value
/// at the band is checkpoint b - 1's. At the largest band the trial has reached, the values there of
/// every trial that reached it (this one included, finished or not, as in W&amp;B) are ordered best
/// first and the one at index floor(n / eta) is the threshold (W&amp;B: <c>sorted(values)[int(n / eta)]</c>
/// on values negated for maximize); with 4 trials and eta 3, the second best. The trial stops when it is
/// strictly worse than the threshold: with <c>strict</c>, its value at the band (so a trial that peaked and
/// declined can stop); otherwise its best value over its whole history so far.
/// </summary>
public sealed class HyperbandRule : IStoppingRule
{
    private readonly HyperbandEarlyTerminate _settings;
    private readonly SweepMetric _metric;
    private readonly IReadOnlyList<int> _maxIterBands;

    public HyperbandRule(HyperbandEarlyTerminate settings, SweepMetric metric)
    {
        _settings = settings;
        _metric = metric;
        _maxIterBands = settings.MaxIter is { } maxIter ? MaxIterBands(maxIter, settings.S ?? 0, settings.Eta) : [];
    }

    /// <summary>
    /// The bands a trial with <paramref name="checkpoints"/> checkpoints has reached, ascending:
    /// floor(max_iter / eta^k) for k = s..1 when max_iter is given (W&amp;B prefers it), else
    /// min_iter * eta^k for k = 0, 1, ...
    /// </summary>
    public IReadOnlyList<int> BandsReachedWith(int checkpoints) =>
        _settings.MaxIter is null ? MinIterBands(_settings.MinIter!.Value, _settings.Eta, checkpoints) : [.. _maxIterBands.Where(band => band <= checkpoints)];

    public StopDecision? Decide(TrialHistory trial, StudySnapshot study)
    {
        if (BandsReachedWith(trial.Checkpoints.Length) is not [.., var band])
            return null;
        var atBand = study.OthersThan(trial).Append(trial)
            .Where(t => t.Checkpoints.Length >= band)
            .Select(t => t.Checkpoints[band - 1].Score(_metric.Name))
            .ToList();
        var bestFirst = _metric.Goal == MetricGoal.Maximize ? atBand.OrderDescending().ToList() : atBand.Order().ToList();
        var threshold = bestFirst[atBand.Count / _settings.Eta];
        var judged = _settings.Strict ? trial.Checkpoints[band - 1].Score(_metric.Name) : _metric.Goal.Best(trial.ScoresOf(_metric.Name));
        if (!_metric.Goal.Prefers(threshold, judged))
            return null;
        var what = _settings.Strict ? $"{_metric.Name} {Numbers.Format(judged)}" : $"best {_metric.Name} {Numbers.Format(judged)}";
        return StopDecision.For(trial, _metric.Name, _metric.Goal,
            $"hyperband band {band}: {what} {_metric.Goal.WorseSide()} threshold {Numbers.Format(threshold)} " +
            $"(the best 1/{_settings.Eta} of {atBand.Count} trials at checkpoint {band - 1})");
    }

    private static List<int> MaxIterBands(int maxIter, int bandCount, int eta)
    {
        var bands = new List<int>();
        long divisor = 1;
        for (var k = 1; k <= bandCount; k++)
        {
            divisor *= eta;
            // W&B stops dividing once a band would be below 1.
            if (divisor > maxIter)
                break;
            bands.Add((int)(maxIter / divisor));
        }
        bands.Reverse();
        return bands;
    }

    private static List<int> MinIterBands(int minIter, int eta, int checkpoints)
    {
        var bands = new List<int>();
        for (long band = minIter; band <= checkpoints; band *= eta)
            bands.Add((int)band);
        return bands;
    }
}
