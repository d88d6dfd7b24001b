namespace Sweeps.Spec.Tests;

public class TrainingCostTests
{
    [Fact]
    public void Resnet18_forward_flops_at_64x64_match_a_layer_by_layer_count()
    {
        // Multiply-adds at 64x64 input (stem output 32x32, stages at 16/8/4/2):
        long stem = 7 * 7 * 3 * 64 * 32 * 32;                           //  9,633,792
        long stage1 = 4 * (9 * 64 * 64 * 16 * 16);                       // 37,748,736
        // Each later stage: a strided 3x3 from the previous width, three 3x3s, a 1x1 projection.
        long stage2 = 9 * 64 * 128 * 64 + 3 * (9 * 128 * 128 * 64) + 64 * 128 * 64;
        long stage3 = 9 * 128 * 256 * 16 + 3 * (9 * 256 * 256 * 16) + 128 * 256 * 16;
        long stage4 = 9 * 256 * 512 * 4 + 3 * (9 * 512 * 512 * 4) + 256 * 512 * 4;
        long classifier = 512 * 1000;
        var multiplyAdds = stem + stage1 + stage2 + stage3 + stage4 + classifier;
        Assert.Equal(148_557_824, multiplyAdds);

        Assert.Equal(2.0 * multiplyAdds, TrainingCost.ForwardFlopsPerImage(new ModelConfig { Depth = 18 }, 1000));
    }

    [Fact]
    public void Vit_b8_forward_flops_at_64x64_match_the_formula_by_hand()
    {
        // 64 patches of 8x8x3 plus the class token: 65 tokens, hidden 768, MLP 3072, 12 blocks.
        const double embedding = 2.0 * (8 * 8 * 3) * 768 * 64;                             //     18,874,368
        const double projections = 2.0 * 65 * (4.0 * 768 * 768 + 2.0 * 768 * 3072);       //    920,125,440
        const double attention = 4.0 * 65 * 65 * 768;                                      //     12,979,200
        const double head = 2.0 * 768 * 1000;                                              //      1,536,000
        var flops = embedding + 12 * (projections + attention) + head;
        Assert.Equal(11_217_666_048, flops);

        var vitB8 = SweepFile.Parse("name: v\nbase:\n  model.preset: vit-b/8\n", "v.yaml").Trials[0].Config.Model;
        Assert.Equal(flops, TrainingCost.ForwardFlopsPerImage(vitB8, 1000));
    }

    [Fact]
    public void Vit_width_rounds_hidden_to_a_multiple_of_the_heads()
    {
        // Width 0.06: hidden 12 * round(768 * 0.06 / 12 = 3.84) = 48, MLP round(184.32) = 184; 17 tokens at patch 16.
        var model = new ModelConfig { Family = "vit", Depth = 1, PatchSize = 16, Width = 0.06 };
        var expected = 2.0 * (16 * 16 * 3) * 48 * 16 + 2.0 * 17 * (4.0 * 48 * 48 + 2.0 * 48 * 184) + 4.0 * 17 * 17 * 48 + 2.0 * 48 * 10;

        Assert.Equal(expected, TrainingCost.ForwardFlopsPerImage(model, 10));
    }

    [Fact]
    public void Reduced_resnets_count_their_stages_and_extra_blocks()
    {
        // ResNet-3 at width 1/4: stem 16 channels, one stage of a 3x3 and a 1x1 projection at 16x16, 16 -> 10 classes.
        var resnet3 = 2.0 * (7 * 7 * 3 * 16 * 32 * 32 + 9 * 16 * 16 * 256 + 16 * 16 * 256 + 16 * 10);
        // ResNet-7 at width 1/4 adds one identity 3x3 (16 -> 16 at 16x16) to ResNet-6.
        var resnet6 = TrainingCost.ForwardFlopsPerImage(new ModelConfig { Depth = 6, Width = 0.25 }, 10);

        Assert.Equal(resnet3, TrainingCost.ForwardFlopsPerImage(new ModelConfig { Depth = 3, Width = 0.25 }, 10));
        Assert.Equal(resnet6 + 2.0 * 9 * 16 * 16 * 256, TrainingCost.ForwardFlopsPerImage(new ModelConfig { Depth = 7, Width = 0.25 }, 10));
    }

    [Fact]
    public void Gpu_hours_are_three_times_forward_flops_times_images_over_the_assumed_throughput()
    {
        var byEpochs = new TrialConfig { Model = new ModelConfig { Depth = 18 }, Train = new TrainConfig { Epochs = 90 } };
        var bySteps = byEpochs with { Train = new TrainConfig { Steps = 1000, BatchSize = 1024 } };

        // 3 x 297,115,648 FLOPs x 90 x 1,281,167 images / (0.4 x 312e12 FLOP/s) / 3600 s.
        Assert.Equal(3 * 297_115_648.0 * 90 * 1_281_167 / 124.8e12 / 3600, TrainingCost.GpuHours(byEpochs, 1_281_167, 1000), 1e-12);
        Assert.Equal(3 * 297_115_648.0 * 1000 * 1024, TrainingCost.TrainingFlops(bySteps, 1_281_167, 1000));
    }
}
