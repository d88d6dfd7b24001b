namespace Sweeps.Evaluation;

/// <summary>
/// A distance computed on the pixels themselves, as the LPIPS reference's baselines: each image first
/// becomes a representation (scaled RGB, Lab planes, ...), then two representations give a distance.
/// </summary>
public sealed class PixelDistance
{
    private readonly Func<byte[], int, double[]> _represent;
    private readonly Func<double[], double[], int, double> _distance;

    private PixelDistance(string name, Func<byte[], int, double[]> represent, Func<double[], double[], int, double> distance)
    {
        Name = name;
        _represent = represent;
        _distance = distance;
    }

    public string Name { get; }

    /// <summary>Mean squared difference over RGB in [-1, 1], the reference's <c>l2</c> with colorspace RGB.</summary>
    public static PixelDistance L2 { get; } = new("l2", (chw, _) => chw.Select(value => value / 127.5).ToArray(), MeanSquaredDifference);

    /// <summary>The reference's <c>l2</c> with colorspace Lab: half the mean squared difference of L*a*b* / 100.</summary>
    public static PixelDistance L2Lab { get; } = new("l2_lab", Lab, (lab0, lab1, _) => 0.5 * MeanSquaredDifference(lab0, lab1, 0) / (100 * 100));

    /// <summary>DSSIM = (1 - SSIM) / 2 on the RGB bytes (data range 255), the reference's <c>ssim</c> with colorspace RGB.</summary>
    public static PixelDistance Ssim { get; } = new("ssim", RoundTripped, (rgb0, rgb1, size) => (1 - WindowedSsim.Mean(rgb0, rgb1, size, 3, 255)) / 2);

    /// <summary>DSSIM on L*a*b* (data range 100), the reference's <c>ssim</c> with colorspace Lab (its default).</summary>
    public static PixelDistance SsimLab { get; } = new("ssim_lab", Lab, (lab0, lab1, size) => (1 - WindowedSsim.Mean(lab0, lab1, size, 3, 100)) / 2);

    public static IReadOnlyList<PixelDistance> All { get; } = [L2, L2Lab, Ssim, SsimLab];

    /// <summary>The representation of one channel-major RGB image of <paramref name="size"/>² pixels.</summary>
    public double[] Represent(byte[] chw, int size) => _represent(chw, size);

    /// <summary>The distance between two representations from <see cref="Represent"/>.</summary>
    public double Between(double[] representation0, double[] representation1, int size) => _distance(representation0, representation1, size);

    /// <summary>The distance between two channel-major RGB images.</summary>
    public double Between(byte[] image0, byte[] image1, int size) => Between(Represent(image0, size), Represent(image1, size), size);

    private static double[] RoundTripped(byte[] chw, int size) => chw.Select(value => (double)LpipsImageRoundTrip.Apply(value)).ToArray();

    private static double[] Lab(byte[] chw, int size) => CieLab.FromRgb(chw.Select(LpipsImageRoundTrip.Apply).ToArray(), size);

    private static double MeanSquaredDifference(double[] values0, double[] values1, int size) =>
        values0.Zip(values1, (a, b) => (a - b) * (a - b)).Average();
}
