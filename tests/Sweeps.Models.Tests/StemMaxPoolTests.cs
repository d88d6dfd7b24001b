using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>The stem's 3x3, stride-2 max-pool: TensorFlow SAME (the study's) against PyTorch's padding 1.</summary>
public class StemMaxPoolTests
{
    public StemMaxPoolTests() => SingleThreadedTorch.Ensure();

    /// <summary>
    /// On the 4x4 map 0..15 (row-major) both give 2x2 outputs. SAME pads one row and column after:
    /// windows cover rows/columns 0-2 and 2-3, so the maxima are 10, 11 / 14, 15. Symmetric padding
    /// starts the windows one pixel earlier, at -1 and 1: rows/columns 0-1 and 1-3, maxima 5, 7 / 13, 15.
    /// </summary>
    [Theory]
    [InlineData(ModelConfig.SamePoolPadding, new float[] { 10, 11, 14, 15 })]
    [InlineData(ModelConfig.SymmetricPoolPadding, new float[] { 5, 7, 13, 15 })]
    public void Windows_on_a_4x4_map_sit_where_each_padding_puts_them(string padding, float[] expected)
    {
        using var scope = NewDisposeScope();
        using var pool = new StemMaxPool(padding);

        var output = pool.call(arange(16, ScalarType.Float32).reshape(1, 1, 4, 4));

        Assert.Equal([1L, 1, 2, 2], output.shape);
        Assert.Equal(expected, output.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Negative_inputs_never_lose_to_the_padding()
    {
        using var scope = NewDisposeScope();
        using var pool = new StemMaxPool(ModelConfig.SamePoolPadding);

        var output = pool.call(-1 - arange(16, ScalarType.Float32).reshape(1, 1, 4, 4));

        Assert.Equal(new float[] { -1, -3, -9, -11 }, output.flatten().data<float>().ToArray());
    }

    /// <summary>ceil(n / 2) outputs need (outputs - 1) x 2 + 3 - n padding: 1 at 32 (all after), 2 at 5 (one each side).</summary>
    [Theory]
    [InlineData(32, 0, 1)]
    [InlineData(4, 0, 1)]
    [InlineData(5, 1, 1)]
    [InlineData(1, 1, 1)]
    public void Same_padding_puts_the_odd_pixel_after(long size, long before, long after) =>
        Assert.Equal((before, after), StemMaxPool.SamePadding(size));

    [Fact]
    public void An_unknown_padding_is_refused_with_its_key()
    {
        var error = Assert.Throws<ArgumentException>(() => new StemMaxPool("valid"));

        Assert.Contains("model.pool_padding", error.Message);
    }
}
