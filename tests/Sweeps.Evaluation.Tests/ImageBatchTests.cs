using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class ImageBatchTests : TorchTest
{
    [Fact]
    public void Shapes_rows_into_images_and_scales_bytes_to_unit_range()
    {
        // Three 1x1 images: (0, 255, 51), (102, 204, 153), (255, 0, 0).
        byte[] pixels = [0, 255, 51, 102, 204, 153, 255, 0, 0];

        using var batch = ImageBatch.ToTensor(pixels.AsSpan(3, 6), 1, CPU);

        Assert.Equal([2L, 3, 1, 1], batch.shape);
        Assert.Equal(ScalarType.Float32, batch.dtype);
        Assert.Equal([0.4f, 0.8f, 0.6f, 1f, 0f, 0f], batch.data<float>().ToArray().Select(v => MathF.Round(v, 6)));
    }
}
