namespace Sweeps.Spec.Tests;

public class RepeatsTests
{
    [Fact]
    public void Each_configuration_runs_with_consecutive_seeds_from_the_base_seed()
    {
        var sweep = SweepFile.Parse("""
            name: repeated
            repeats: 3
            base:
              train.seed: 10
            parameters:
              model.depth:
                values: [6, 18]
            """, "repeats.yaml");

        Assert.Equal([10, 11, 12, 10, 11, 12], sweep.Trials.Select(t => t.Config.Train.Seed));
        Assert.Equal([6, 6, 6, 18, 18, 18], sweep.Trials.Select(t => t.Config.Model.Depth));
        Assert.Equal("model.depth=18 train.seed=11", sweep.Trials[4].Label);
        Assert.Equal(6, sweep.Trials.Select(t => t.Config.Hash()).Distinct().Count());
    }

    [Fact]
    public void Each_trial_carries_its_swept_values_typed_with_the_seed_it_trains_with_last()
    {
        var sweep = SweepFile.Parse("""
            name: typed
            repeats: 2
            base:
              train.seed: 10
            parameters:
              data.crop:
                values: [central]
              model.width:
                values: [0.5]
              train.decay_at:
                values: [[0.5, 0.75]]
            """, "repeats.yaml");

        var swept = sweep.Trials[1].Swept;

        Assert.Equal(["data.crop", "model.width", "train.decay_at", SweepDefinition.RepeatPath], swept.Select(v => v.Path));
        Assert.Equal("central", swept[0].Value.GetString());
        Assert.Equal(0.5, swept[1].Number);
        Assert.Equal([0.5, 0.75], swept[2].Value.EnumerateArray().Select(e => e.GetDouble()));
        Assert.Null(swept[2].Number);
        Assert.Equal(11, swept[3].Value.GetInt32());
        // The label is made of the same values.
        Assert.Equal("data.crop=central model.width=0.5 train.decay_at=[0.5, 0.75] train.seed=11", sweep.Trials[1].Label);
    }

    [Fact]
    public void Repeated_base_is_labelled_by_seed()
    {
        var sweep = SweepFile.Parse("name: seeds\nrepeats: 2\n", "repeats.yaml");

        Assert.Equal(["train.seed=0", "train.seed=1"], sweep.Trials.Select(t => t.Label));
    }

    [Fact]
    public void Repeating_a_varied_seed_labels_the_seed_actually_used()
    {
        var sweep = SweepFile.Parse("""
            name: seed-grid
            repeats: 2
            parameters:
              train.seed:
                values: [0, 100]
            """, "repeats.yaml");

        Assert.Equal(["train.seed=0", "train.seed=1", "train.seed=100", "train.seed=101"], sweep.Trials.Select(t => t.Label));
    }

    [Fact]
    public void Repeats_whose_seeds_collide_with_another_trial_are_reported_at_repeats()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Parse("""
            name: collide
            repeats: 2
            parameters:
              train.seed:
                values: [0, 1]
            """, "collide.yaml"));

        Assert.Equal(
            "collide.yaml:2:10: repeats: trial 'train.seed=1' has the same configuration as trial 'train.seed=1'",
            Assert.Single(error.Errors).ToString());
    }
}
