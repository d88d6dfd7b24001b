namespace Sweeps.Data.Tests;

public class SimulatedObserverTests
{
    [Fact]
    public void Identical_images_are_at_distance_zero()
    {
        var image = Scene(1);

        Assert.Equal(0.0, SimulatedObserver.Distance(image, image, 64), 6);
    }

    [Fact]
    public void Less_distorted_image_is_judged_closer()
    {
        var reference = Scene(2);
        var slightlyNoisy = AddNoise(reference, amplitude: 4, seed: 3);
        var veryNoisy = AddNoise(reference, amplitude: 60, seed: 4);

        var d0 = SimulatedObserver.Distance(reference, slightlyNoisy, 64);
        var d1 = SimulatedObserver.Distance(reference, veryNoisy, 64);

        Assert.True(d0 < d1, $"d0 {d0} should be below d1 {d1}");
        Assert.True(SimulatedObserver.ProbabilityP1Closer(d0, d1) < 0.5);
        Assert.Equal(1, SimulatedObserver.ProbabilityP1Closer(d0, d1) + SimulatedObserver.ProbabilityP1Closer(d1, d0), 12);
    }

    [Fact]
    public void Probability_is_the_logistic_of_the_distance_gap_over_the_temperature()
    {
        Assert.Equal(0.5, SimulatedObserver.ProbabilityP1Closer(0.3, 0.3));
        // d1 - d0 = T: 1 / (1 + e).
        Assert.Equal(1 / (1 + Math.E), SimulatedObserver.ProbabilityP1Closer(0.1, 0.1 + SimulatedObserver.Temperature), 12);
    }

    [Fact]
    public void Uniform_brightness_change_on_a_flat_image_follows_the_ssim_luminance_term()
    {
        // Flat images: variances are zero, so SSIM = (2 a b + C1) / (a^2 + b^2 + C1) at every scale.
        var dark = Flat(100);
        var lighter = Flat(120);
        const double c1 = 0.01 * 255 * 0.01 * 255;
        var expected = 1 - (2.0 * 100 * 120 + c1) / (100.0 * 100 + 120.0 * 120 + c1);

        Assert.Equal(expected, SimulatedObserver.Distance(dark, lighter, 64), 5);
    }

    private static byte[] Flat(byte value) => Enumerable.Repeat(value, 3 * 64 * 64).ToArray();

    private static byte[] Scene(int seed)
    {
        var random = new Random(seed);
        var chw = new byte[3 * 64 * 64];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    var stripe = (x / 8 + y / 8) % 2 == 0 ? 60 : 190;
                    chw[channel * 4096 + y * 64 + x] = (byte)(stripe + random.Next(-20, 20));
                }
            }
        }
        return chw;
    }

    private static byte[] AddNoise(byte[] image, int amplitude, int seed)
    {
        var random = new Random(seed);
        return image.Select(value => (byte)Math.Clamp(value + random.Next(-amplitude, amplitude + 1), 0, 255)).ToArray();
    }
}
