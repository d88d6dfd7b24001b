using Sweeps.Data;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class TrainingBatchesTests
{
    public TrainingBatchesTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Steps_per_epoch_drop_the_last_partial_batch()
    {
        var batches = new TrainingBatches(GeneratedImages.SolidColours(70, seed: 1), batchSize: 16);

        Assert.Equal(4, batches.StepsPerEpoch);
    }

    [Fact]
    public void Fewer_images_than_one_batch_is_rejected_naming_the_source()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingBatches(GeneratedImages.SolidColours(8, seed: 1), batchSize: 16));

        Assert.Contains("generated solid colours", error.Message);
    }

    [Fact]
    public void Shuffle_is_a_seeded_permutation()
    {
        var batches = new TrainingBatches(GeneratedImages.SolidColours(100, seed: 1), batchSize: 10);

        var first = batches.Shuffle(5);

        Assert.Equal(Enumerable.Range(0, 100), first.Order());
        Assert.Equal(first, batches.Shuffle(5));
        Assert.NotEqual(first, batches.Shuffle(6));
        Assert.NotEqual(Enumerable.Range(0, 100), first);
    }

    [Fact]
    public void Load_scales_the_chosen_images_to_unit_range_and_keeps_their_labels()
    {
        // Two 1x1 images: (R, G, B) = (0, 51, 255) labelled 3, and (255, 102, 0) labelled 1.
        var images = new LabelledImages([0, 51, 255, 255, 102, 0], [3, 1], size: 1, classCount: 4, "two pixels");
        var batches = new TrainingBatches(images, batchSize: 2);

        var (pixels, labels) = batches.Load([1, 0], CPU);

        Assert.Equal([2L, 3, 1, 1], pixels.shape);
        Assert.Equal(new[] { 1f, 0.4f, 0f, 0f, 0.2f, 1f }, pixels.data<float>().ToArray());
        Assert.Equal(new long[] { 1, 3 }, labels.data<long>().ToArray());
    }
}
