namespace Sweeps.Spec.Tests;

public class ListMethodTests
{
    [Fact]
    public void Each_entry_is_applied_on_top_of_the_base_in_file_order()
    {
        var sweep = SweepFile.Parse("""
            name: handpicked
            method: list
            base:
              train:
                epochs: 3
                learning_rate: 0.05
            trials:
              - {}
              - model.depth: 6
                train.learning_rate: 0.2
              - data.flip: false
            """, "list.yaml");

        Assert.Equal(SweepMethod.List, sweep.Method);
        Assert.Equal(["base", "model.depth=6 train.learning_rate=0.2", "data.flip=false"], sweep.Trials.Select(t => t.Label));
        Assert.Equal([0.05, 0.2, 0.05], sweep.Trials.Select(t => t.Config.Train.LearningRate));
        Assert.Equal([18, 6, 18], sweep.Trials.Select(t => t.Config.Model.Depth));
        Assert.Equal([true, true, false], sweep.Trials.Select(t => t.Config.Data.Flip));
        Assert.All(sweep.Trials, t => Assert.Equal(3, t.Config.Train.Epochs));
    }

    [Fact]
    public void Entries_may_use_nested_sections_like_the_base()
    {
        var sweep = SweepFile.Parse("""
            name: nested-entry
            method: list
            trials:
              - model:
                  depth: 6
                  width: 0.5
            """, "list.yaml");

        Assert.Equal("model.depth=6 model.width=0.5", Assert.Single(sweep.Trials).Label);
    }
}
