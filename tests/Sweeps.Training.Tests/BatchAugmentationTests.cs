using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class BatchAugmentationTests
{
    private const int Size = 64;

    public BatchAugmentationTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Output_has_the_input_shape()
    {
        using var scope = NewDisposeScope();
        var images = rand(5, 3, Size, Size);

        var output = new BatchAugmentation(new DataConfig()).Apply(images, seed: 1);

        Assert.Equal(images.shape, output.shape);
    }

    [Fact]
    public void Same_seed_gives_the_same_batch_and_another_seed_another()
    {
        using var scope = NewDisposeScope();
        var images = rand(4, 3, Size, Size, generator: new Generator(3));
        var augmentation = new BatchAugmentation(new DataConfig());

        var first = augmentation.Apply(images, seed: 11);

        Assert.True(first.Equals(augmentation.Apply(images, seed: 11)));
        Assert.False(first.Equals(augmentation.Apply(images, seed: 12)));
    }

    [Fact]
    public void Mirroring_the_full_image_is_an_exact_horizontal_flip()
    {
        using var scope = NewDisposeScope();
        var images = rand(2, 3, Size, Size, generator: new Generator(5));
        CropWindow[] fullImage = [CropWindow.Centre(1), CropWindow.Centre(1)];

        var output = BatchAugmentation.Resample(images, fullImage, [true, false]);
        var unmirrored = BatchAugmentation.Resample(images, fullImage, [false, false]);

        // Resampling the whole image reproduces it up to grid rounding; the mirror on top is exact.
        Assert.True(unmirrored.allclose(images, rtol: 0, atol: 1e-5));
        Assert.True(output[0].Equals(unmirrored[0].flip(2)));
        Assert.True(output[1].Equals(unmirrored[1]));
        Assert.True(output[0].allclose(images[0].flip(2), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Central_crop_keeps_the_middle_seven_eighths()
    {
        using var scope = NewDisposeScope();
        var output = new BatchAugmentation(new DataConfig { Crop = "central", Flip = false }).Apply(Ramps(1), seed: 1);

        // Output column j samples input column 31.5 + 0.875 (j - 31.5); the ramp interpolates exactly.
        Assert.Equal(3.9375f, output[0, 0, 10, 0].item<float>(), precision: 4);
        Assert.Equal(59.0625f, output[0, 0, 10, 63].item<float>(), precision: 4);
        Assert.Equal(31.5f + 0.875f * (40 - 31.5f), output[0, 1, 40, 7].item<float>(), precision: 4);
    }

    [Fact]
    public void Central_crop_is_the_same_at_every_step_apart_from_the_flip()
    {
        using var scope = NewDisposeScope();
        var images = rand(16, 3, Size, Size, generator: new Generator(7));
        var unflipped = new BatchAugmentation(new DataConfig { Crop = "central", Flip = false }).Apply(images, seed: 1);
        var flipping = new BatchAugmentation(new DataConfig { Crop = "central", Flip = true });

        Assert.True(unflipped.Equals(new BatchAugmentation(new DataConfig { Crop = "central", Flip = false }).Apply(images, seed: 2)));
        var output = flipping.Apply(images, seed: 3);
        var mirrored = Enumerable.Range(0, 16).Select(i => output[i].Equals(unflipped[i].flip(2))).ToArray();
        var plain = Enumerable.Range(0, 16).Select(i => output[i].Equals(unflipped[i])).ToArray();
        Assert.All(Enumerable.Range(0, 16), i => Assert.True(mirrored[i] ^ plain[i]));
        Assert.Contains(true, mirrored);
        Assert.Contains(true, plain);
    }

    [Fact]
    public void Random_crops_cover_8_to_100_percent_with_aspect_between_three_quarters_and_four_thirds()
    {
        using var scope = NewDisposeScope();
        const int count = 64;
        var output = new BatchAugmentation(new DataConfig { Crop = "random", Flip = false }).Apply(Ramps(count), seed: 9);

        var widths = new List<double>();
        for (var i = 0; i < count; i++)
        {
            // On a ramp of pixel indices, the first and last output columns are 63 x crop-fraction apart.
            var width = (output[i, 0, 0, 63].item<float>() - output[i, 0, 0, 0].item<float>()) / 63.0;
            var height = (output[i, 1, 63, 0].item<float>() - output[i, 1, 0, 0].item<float>()) / 63.0;
            Assert.InRange(width * height, 0.08 - 1e-4, 1 + 1e-4);
            Assert.InRange(width / height, 0.75 - 1e-4, 4.0 / 3 + 1e-4);
            Assert.InRange(output[i, 0, 0, 0].item<float>(), -1e-3f, 63.001f);
            widths.Add(width);
        }
        Assert.True(widths.Max() - widths.Min() > 0.3, "crop sizes should vary across the batch");
    }

    [Fact]
    public void Unknown_crop_mode_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchAugmentation(new DataConfig { Crop = "corner" }));

        Assert.Contains("corner", error.Message);
    }

    /// <summary>Channel 0 holds the column index, channel 1 the row index.</summary>
    private static Tensor Ramps(int count)
    {
        var columns = arange(Size, dtype: ScalarType.Float32).reshape(1, Size).expand(Size, Size);
        var rows = columns.t();
        var image = stack([columns, rows, zeros(Size, Size)]);
        return image.unsqueeze(0).expand(count, 3, Size, Size).contiguous();
    }
}
