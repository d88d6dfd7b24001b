using Sweeps.Data;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class TrainingLoaderTests
{
    public TrainingLoaderTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Pixels_become_unit_range_floats_with_their_labels()
    {
        // Two 1x1 images, (R, G, B) = (0, 51, 255) labelled 3 and (255, 102, 0) labelled 1; any crop
        // of a single pixel is that pixel, and mirroring it changes nothing.
        var images = new LabelledImages([0, 51, 255, 255, 102, 0], [3, 1], size: 1, classCount: 4, "two pixels");
        var order = new TrainingOrder(2, batchSize: 2, seed: 0, images.Source);
        using var loader = new TrainingLoader(images, order, new DataConfig(), CPU, firstStep: 0, endStep: 1);
        using var scope = NewDisposeScope();

        var (pixels, labels) = loader.Next(CancellationToken.None);

        var permutation = order.Permutation(0);
        float[][] expected = [[0f, 0.2f, 1f], [1f, 0.4f, 0f]];
        Assert.Equal([2L, 3, 1, 1], pixels.shape);
        Assert.Equal(expected[permutation[0]].Concat(expected[permutation[1]]), pixels.data<float>().ToArray());
        Assert.Equal(permutation.Select(index => index == 0 ? 3L : 1L), labels.data<long>().ToArray());
    }

    [Fact]
    public void A_loader_started_mid_epoch_delivers_each_step_as_computed_from_seed_and_step_alone()
    {
        var images = GeneratedImages.SolidColours(40, seed: 4);
        var data = new DataConfig();
        var order = new TrainingOrder(images.Count, batchSize: 8, seed: 9, images.Source);
        // 5 steps per epoch: steps 3..7 cross from epoch 0 into epoch 1.
        using var loader = new TrainingLoader(images, order, data, CPU, firstStep: 3, endStep: 8, prefetchDepth: 2);

        for (var step = 3L; step < 8; step++)
        {
            using var scope = NewDisposeScope();
            var (pixels, labels) = loader.Next(CancellationToken.None);
            var (expectedPixels, expectedLabels) = Reference(images, order, data, step);
            Assert.True(pixels.Equals(expectedPixels), $"pixels of step {step}");
            Assert.True(labels.Equals(expectedLabels), $"labels of step {step}");
        }
        Assert.Equal(8, loader.NextStep);
        Assert.Throws<InvalidOperationException>(() => loader.Next(CancellationToken.None));
    }

    [Fact]
    public void Disposing_a_loader_whose_queue_is_full_stops_its_producer()
    {
        var images = GeneratedImages.SolidColours(16, seed: 4);
        var order = new TrainingOrder(images.Count, batchSize: 4, seed: 1, images.Source);
        var loader = new TrainingLoader(images, order, new DataConfig(), CPU, firstStep: 0, endStep: 1000, prefetchDepth: 2);
        using (NewDisposeScope())
            loader.Next(CancellationToken.None);

        loader.Dispose();
    }

    /// <summary>The batch of one step built directly: the step's slice of its epoch's permutation, scaled, then augmented.</summary>
    private static (Tensor Pixels, Tensor Labels) Reference(LabelledImages images, TrainingOrder order, DataConfig data, long step)
    {
        var indices = order.Permutation(order.EpochOf(step)).AsSpan(order.OffsetOf(step), order.BatchSize).ToArray();
        var bytes = indices.SelectMany(index => images.Image(index).ToArray()).ToArray();
        var pixels = tensor(bytes, [indices.Length, 3, images.Size, images.Size]).to(ScalarType.Float32) / 255;
        var augmented = new BatchAugmentation(data).Apply(pixels, TrainingSeeds.Augmentation(order.Seed, step));
        return (augmented, tensor(indices.Select(index => (long)images.Labels[index]).ToArray()));
    }
}
