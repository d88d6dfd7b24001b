using Sweeps.Models;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class TrainingBenchmarkTests
{
    public TrainingBenchmarkTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Multiply_adds_count_every_convolution_and_linear_output()
    {
        // 3x3 conv 3->4 on 8x8 with padding: 4 x 8 x 8 outputs x 27 = 6912; linear 256->10: 2560.
        using var model = nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("flatten", nn.Flatten()), ("fc", nn.Linear(256, 10)));

        Assert.Equal(9472, MultiplyAddCounter.PerImage(model, imageSize: 8, CPU));
    }

    [Fact]
    public void Resnet6_multiply_adds_match_the_hand_count()
    {
        // Width 1/8 at 64x64, 4 classes. Stem 7x7 3->8 to 32x32: 8*1024*147 = 1,204,224. After the
        // max-pool, stages at 16/8/4/2 pixels: 3x3 convs 8->8, 8->16, 16->32, 32->64 = 147,456 + 73,728
        // x 3; 1x1 projections 16,384 + 8,192 x 3; fc 64->4: 256.
        using var model = ModelFactory.Create(new ModelConfig { Depth = 6, Width = 0.125 }, 4);

        Assert.Equal(1_614_080, MultiplyAddCounter.PerImage(model, imageSize: 64, CPU));
    }

    [Fact]
    public void Vit_multiply_adds_include_attention()
    {
        // Hidden 16, 2 heads, MLP 32, one block, patch 8 at 64x64: 64 patches + class token = 65 tokens.
        // Patch conv: 16 x 8 x 8 outputs x 192 = 196,608. Block: packed QKV 65 x 16 x 48 = 49,920;
        // QK^T and weights x V 2 x 65 x 65 x 16 = 135,200; output projection 16,640; MLP 2 x 33,280.
        // Head on the class token: 16 x 4 = 64.
        var config = new ModelConfig { Family = "vit", Depth = 1, HiddenSize = 16, Heads = 2, MlpSize = 32, PatchSize = 8 };
        using var model = ModelFactory.Create(config, 4);

        Assert.Equal(464_992, MultiplyAddCounter.PerImage(model, imageSize: 64, CPU));
    }

    [Fact]
    public void A_short_run_reports_throughput_memory_and_fraction_of_peak()
    {
        var model = new ModelConfig { Depth = 6, Width = 0.125 };

        var result = TrainingBenchmark.Run(model, new TrainConfig { BatchSize = 4 }, steps: 11, CancellationToken.None);

        Assert.Equal([10], result.Rss.Select(sample => sample.Step));
        Assert.True(result.Rss[0].Bytes > 0);
        Assert.True(result.ImagesPerSecond > 0);
        using var network = ModelFactory.Create(model, TrainingBenchmark.ClassCount);
        Assert.Equal(MultiplyAddCounter.PerImage(network, 64, CPU), result.MultiplyAddsPerImage);
        Assert.Equal(6.0 * result.MultiplyAddsPerImage, result.TrainingFlopsPerImage);
        Assert.Equal(result.ImagesPerSecond * result.TrainingFlopsPerImage / result.PeakFlopsPerSecond, result.FractionOfPeak, precision: 12);
    }
}
