using Sweeps.EarlyStopping;
using Sweeps.Plots;
using Sweeps.Spec;

namespace Sweeps.Reports.Tests;

public class ReplayFigureTests
{
    private static readonly SweepMetric Ps = new(CheckpointMetrics.Ps, MetricGoal.Maximize);

    /// <summary>Three trials of four checkpoints (100 images each) under a peak rule with patience 1 on <paramref name="metric"/>:
    /// the first dips at its second checkpoint and stops there, the others run in full.</summary>
    private static ReplayResult Replay(string metric, SweepMetric objective)
    {
        TrialHistory Trial(int order, params double[] values) => new(order, TrialStatus.Completed,
            values.Select((value, i) => new ScoredCheckpoint(1000L * (i + 1), 100L * (i + 1),
                new Dictionary<string, double> { [CheckpointMetrics.Ps] = value, [CheckpointMetrics.Top1] = value })));
        return SweepReplay.Run([Trial(0, 50, 49, 72, 73), Trial(1, 55, 58, 61, 62), Trial(2, 60, 65, 66, 67)],
            new PeakRule(new PeakEarlyTerminate(metric, Patience: 1, MinDelta: 0, LearnedPeak: null)), objective);
    }

    [Fact]
    public void The_full_sweep_and_each_rule_end_labelled_with_the_replays_own_numbers()
    {
        var replay = Replay(CheckpointMetrics.Ps, Ps);

        var figure = ReplayFigure.Create([("peak.yaml (peak)", replay)], "three");

        // 200 + 400 + 400 of 1200 images; the best kept is 67 (trial 2), the full sweep's 73 (trial 0's last).
        Assert.Equal((10.0 / 12, 67.0, 73.0), (replay.ComputeFraction, replay.BestUnderRule, replay.BestInFull));
        var labels = figure.Plot.Axes.GetPanels().OfType<ReferenceLabels>().Single();
        Assert.Equal(["100% compute, best 73.00", "83.33% compute, gap 6.00"], labels.Texts);
        Assert.Equal(["full sweep (no rule)", "peak.yaml (peak)"],
            figure.Plot.GetPlottables<ScottPlot.Plottables.Scatter>().Select(line => line.LegendText));
        Assert.Equal("Best Perceptual Score (2AFC %) so far (maximize)", figure.Plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Rules_replayed_by_different_metrics_are_refused_with_both_named()
    {
        var problem = Assert.Throws<ArgumentException>(() => ReplayFigure.Create(
            [("a.yaml (peak)", Replay(CheckpointMetrics.Ps, Ps)), ("b.yaml (peak)", Replay(CheckpointMetrics.Ps, new SweepMetric(CheckpointMetrics.Top1, MetricGoal.Maximize)))],
            "three"));

        Assert.Contains("a.yaml (peak): ps (maximize), b.yaml (peak): top1 (maximize)", problem.Message);
    }
}
