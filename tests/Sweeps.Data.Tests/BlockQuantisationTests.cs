namespace Sweeps.Data.Tests;

public class BlockQuantisationTests
{
    [Fact]
    public void Huge_step_flattens_every_block_to_mid_grey()
    {
        var image = Noise(seed: 1);

        BlockQuantisation.Apply(image, step: 1e6f);

        Assert.All(image.Values, value => Assert.Equal(128f, value, 3));
    }

    [Fact]
    public void Tiny_step_leaves_the_image_unchanged()
    {
        var image = Noise(seed: 2);
        var original = image.Clone();

        BlockQuantisation.Apply(image, step: 1e-3f);

        for (var i = 0; i < image.Values.Length; i++)
            Assert.Equal(original.Values[i], image.Values[i], 1);
    }

    [Fact]
    public void Flat_block_on_a_quantum_multiple_survives()
    {
        // 168 - 128 = 40 everywhere: the orthonormal DC coefficient is 8 x 40 = 320 = 40 quanta of 8; all others are 0.
        var image = new FloatImage(16);
        Array.Fill(image.Values, 168f);

        BlockQuantisation.Apply(image, step: 8f);

        Assert.All(image.Values, value => Assert.Equal(168f, value, 3));
    }

    private static FloatImage Noise(int seed)
    {
        var random = new Random(seed);
        var image = new FloatImage(16);
        for (var i = 0; i < image.Values.Length; i++)
            image.Values[i] = random.Next(256);
        return image;
    }
}
