namespace Sweeps.Spec.Tests;

public class GridMethodTests
{
    private const string TwoByThree = """
        name: depth-width
        base:
          train:
            epochs: 2
        parameters:
          model.depth:
            values: [6, 18]
          model.width:
            values: [0.25, 0.5, 1]
        """;

    [Fact]
    public void Product_has_one_trial_per_combination_with_the_first_parameter_varying_slowest()
    {
        var sweep = SweepFile.Parse(TwoByThree, "grid.yaml");

        Assert.Equal(SweepMethod.Grid, sweep.Method);
        Assert.Equal(
            [
                "model.depth=6 model.width=0.25", "model.depth=6 model.width=0.5", "model.depth=6 model.width=1",
                "model.depth=18 model.width=0.25", "model.depth=18 model.width=0.5", "model.depth=18 model.width=1",
            ],
            sweep.Trials.Select(t => t.Label));
        Assert.Equal([0, 1, 2, 3, 4, 5], sweep.Trials.Select(t => t.Index));
        Assert.Equal([6, 6, 6, 18, 18, 18], sweep.Trials.Select(t => t.Config.Model.Depth));
        Assert.Equal([0.25, 0.5, 1, 0.25, 0.5, 1], sweep.Trials.Select(t => t.Config.Model.Width));
        Assert.All(sweep.Trials, t => Assert.Equal(2, t.Config.Train.Epochs));
        Assert.Equal(6, sweep.Trials.Select(t => t.Config.Hash()).Distinct().Count());
    }

    [Fact]
    public void Name_description_and_the_file_text_are_kept()
    {
        var yaml = "name: tiny\ndescription: one trial\n";

        var sweep = SweepFile.Parse(yaml, "tiny.yaml");

        Assert.Equal("tiny", sweep.Name);
        Assert.Equal("one trial", sweep.Description);
        Assert.Equal(yaml, sweep.YamlText);
    }

    [Fact]
    public void Fixed_value_applies_to_every_trial_but_stays_out_of_the_label()
    {
        var sweep = SweepFile.Parse("""
            name: fixed
            parameters:
              data.crop:
                values: [random, central]
              train.device:
                value: cuda:1
            """, "fixed.yaml");

        Assert.Equal(["data.crop=random", "data.crop=central"], sweep.Trials.Select(t => t.Label));
        Assert.Equal(["random", "central"], sweep.Trials.Select(t => t.Config.Data.Crop));
        Assert.All(sweep.Trials, t => Assert.Equal("cuda:1", t.Config.Train.Device));
    }

    [Fact]
    public void Nested_parameters_blocks_mean_the_same_as_dotted_paths()
    {
        var nested = SweepFile.Parse("""
            name: nested
            parameters:
              model:
                parameters:
                  depth:
                    values: [6, 18]
              train:
                parameters:
                  decay_at:
                    values: [[0.5], [0.25, 0.75]]
            """, "nested.yaml");

        var dotted = SweepFile.Parse("""
            name: dotted
            parameters:
              model.depth:
                values: [6, 18]
              train.decay_at:
                values: [[0.5], [0.25, 0.75]]
            """, "dotted.yaml");

        Assert.Equal(dotted.Trials.Select(t => t.Label), nested.Trials.Select(t => t.Label));
        Assert.Equal(dotted.Trials.Select(t => t.Config.Hash()), nested.Trials.Select(t => t.Config.Hash()));
        Assert.Equal("model.depth=18 train.decay_at=[0.25, 0.75]", nested.Trials[3].Label);
        Assert.Equal([0.25, 0.75], nested.Trials[3].Config.Train.DecayAt);
    }

    [Fact]
    public void Without_parameters_the_sweep_is_the_base_alone()
    {
        var sweep = SweepFile.Parse("name: only-base\nbase:\n  model.depth: 6\n", "base.yaml");

        var trial = Assert.Single(sweep.Trials);
        Assert.Equal("base", trial.Label);
        Assert.Equal(6, trial.Config.Model.Depth);
    }
}
