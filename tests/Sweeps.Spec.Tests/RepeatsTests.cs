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
