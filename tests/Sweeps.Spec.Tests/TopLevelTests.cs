namespace Sweeps.Spec.Tests;

public class TopLevelTests
{
    [Fact]
    public void Metric_and_early_terminate_are_parsed_as_wandb_writes_them()
    {
        var sweep = SweepFile.Parse("""
            name: wandb
            metric:
              name: ps
              goal: maximize
            early_terminate:
              type: hyperband
              max_iter: 27
              s: 2
            """, "wandb.yaml");

        Assert.Equal(new SweepMetric("ps", MetricGoal.Maximize), sweep.Metric);
        // W&B's schema.json gives strict the default true.
        Assert.Equal(new HyperbandEarlyTerminate(MinIter: null, MaxIter: 27, S: 2, Eta: 3, Strict: true), sweep.EarlyTerminate);
    }

    [Fact]
    public void Peak_and_median_blocks_are_parsed_with_their_defaults()
    {
        var peak = SweepFile.Parse("""
            name: peak
            early_terminate:
              type: peak
              metric: ps
              patience: 3
              learned_peak: { margin: 2.5 }
            """, "peak.yaml");
        var peakWithDelta = SweepFile.Parse("name: p\nearly_terminate: { type: peak, metric: loss, patience: 1, min_delta: 0.01 }\n", "p.yaml");
        var median = SweepFile.Parse("name: m\nmetric: { name: top1, goal: maximize }\nearly_terminate: { type: median }\n", "m.yaml");
        var medianSet = SweepFile.Parse(
            "name: m\nmetric: { name: loss }\nearly_terminate: { type: median, n_startup_trials: 0, n_warmup_steps: 4, interval_steps: 2 }\n", "m.yaml");

        Assert.Equal(new PeakEarlyTerminate("ps", Patience: 3, MinDelta: 0, new LearnedPeak(Margin: 2.5, MinFinished: 2)), peak.EarlyTerminate);
        Assert.Equal(new PeakEarlyTerminate("loss", Patience: 1, MinDelta: 0.01, LearnedPeak: null), peakWithDelta.EarlyTerminate);
        Assert.Equal(new MedianEarlyTerminate(NStartupTrials: 5, NWarmupSteps: 0, IntervalSteps: 1), median.EarlyTerminate);
        Assert.Equal(new MedianEarlyTerminate(NStartupTrials: 0, NWarmupSteps: 4, IntervalSteps: 2), medianSet.EarlyTerminate);
    }

    [Fact]
    public void Metric_goal_defaults_to_minimize_and_absent_blocks_are_null()
    {
        var withMetric = SweepFile.Parse("name: m\nmetric: { name: loss }\nearly_terminate: { type: hyperband, min_iter: 3, eta: 2 }\n", "m.yaml");
        var without = SweepFile.Parse("name: plain\n", "plain.yaml");

        Assert.Equal(new SweepMetric("loss", MetricGoal.Minimize), withMetric.Metric);
        Assert.Equal(new HyperbandEarlyTerminate(3, null, null, 2, true), withMetric.EarlyTerminate);
        Assert.Equal((null, null, null, null), (without.Metric, without.EarlyTerminate, without.RunCap, without.Seed));
    }

    [Fact]
    public void Counts_give_configurations_and_trials_for_expand()
    {
        var sweep = SweepFile.Parse("""
            name: counted
            repeats: 3
            parameters:
              model.depth:
                values: [6, 18]
            """, "counted.yaml");

        Assert.Equal((6, 3, 2), (sweep.Trials.Count, sweep.Repeats, sweep.ConfigurationCount));
    }

    [Fact]
    public void Missing_data_paths_are_reported_at_each_value_and_existing_ones_pass()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("imagenet64"));
        Directory.CreateDirectory(folder.File("bapps"));
        var validation = new SweepValidation { DataPathExists = path => Directory.Exists(Path.Combine(folder.Path, path)) };
        const string head = "name: data\nbase:\n  data: { train: imagenet64, val: imagenet64 }\n";

        var valid = SweepFile.Parse(head + "  score.bapps: bapps\n", "data.yaml", validation);
        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Parse(
            head + "parameters:\n  score.bapps:\n    values: [bapps, bapps2]\n", "data.yaml", validation));

        Assert.Single(valid.Trials);
        Assert.Equal("data.yaml:6:21: parameters.score.bapps.values[1]: data path 'bapps2' does not exist", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void A_missing_default_data_path_is_named_with_its_key()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Parse(
            "name: defaults\n", "defaults.yaml", new SweepValidation { DataPathExists = path => path != "demo/imagenet64" }));

        Assert.Equal(
            [
                "defaults.yaml:1:1: data.train: the default data path 'demo/imagenet64' does not exist; set data.train",
                "defaults.yaml:1:1: data.val: the default data path 'demo/imagenet64' does not exist; set data.val",
            ],
            error.Errors.Select(e => e.ToString()));
    }
}
