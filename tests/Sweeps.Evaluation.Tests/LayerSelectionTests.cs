namespace Sweeps.Evaluation.Tests;

public class LayerSelectionTests
{
    private static readonly string[] Stages = ["stage1", "stage2", "stage3", "stage4"];

    [Fact]
    public void No_request_chooses_every_layer_in_model_order()
    {
        Assert.Equal(Stages, LayerSelection.Resolve(Stages, []));
    }

    [Fact]
    public void Requested_layers_keep_the_requested_order()
    {
        Assert.Equal(["stage3", "stage1"], LayerSelection.Resolve(Stages, ["stage3", "stage1"]));
    }

    [Fact]
    public void Unknown_layer_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => LayerSelection.Resolve(Stages, ["stage2", "stage5"]));

        Assert.Contains("stage5", error.Message);
        Assert.Contains("stage1, stage2, stage3, stage4", error.Message);
    }

    [Fact]
    public void Repeated_layer_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LayerSelection.Resolve(Stages, ["stage2", "stage2"]));

        Assert.Contains("stage2", error.Message);
    }
}
