namespace Sweeps.Evaluation.Tests;

/// <summary>
/// The distances <see cref="ChannelMixNet"/> should yield, computed in plain double arithmetic from
/// the image bytes: an independent check of the tensor code.
/// </summary>
internal static class ChannelMixReference
{
    /// <summary>Distance on "mixed" between image <paramref name="index"/> of two image blocks.</summary>
    public static double MixedDistance(byte[] images0, byte[] images1, int index, int size) =>
        LpipsOverPositions(MixedFeatures(images0, index, size), MixedFeatures(images1, index, size));

    /// <summary>Distance on "pooled" between image <paramref name="index"/> of two image blocks.</summary>
    public static double PooledDistance(byte[] images0, byte[] images1, int index, int size) =>
        LpipsOverPositions([Mean(MixedFeatures(images0, index, size))], [Mean(MixedFeatures(images1, index, size))]);

    /// <summary>Mean-pool distance on "mixed": the unit-normalised spatial means, squared distance over 2 channels.</summary>
    public static double MixedMeanpoolDistance(byte[] images0, byte[] images1, int index, int size) =>
        LpipsOverPositions([Mean(MixedFeatures(images0, index, size))], [Mean(MixedFeatures(images1, index, size))]) / 2;

    /// <summary>Style distance on "mixed": 2x2 Gram matrices of the unit-normalised positions, over 2^2 channels.</summary>
    public static double MixedStyleDistance(byte[] images0, byte[] images1, int index, int size)
    {
        double[,] Gram(double[][] positions)
        {
            var gram = new double[2, 2];
            foreach (var v in positions)
            {
                double norm = Math.Sqrt(v[0] * v[0] + v[1] * v[1]) + 1e-10;
                for (int c = 0; c < 2; c++)
                    for (int d = 0; d < 2; d++)
                        gram[c, d] += v[c] / norm * (v[d] / norm) / positions.Length;
            }
            return gram;
        }
        var (gram0, gram1) = (Gram(MixedFeatures(images0, index, size)), Gram(MixedFeatures(images1, index, size)));
        double sum = 0;
        for (int c = 0; c < 2; c++)
            for (int d = 0; d < 2; d++)
                sum += Math.Pow(gram0[c, d] - gram1[c, d], 2);
        return sum / 4;
    }

    private static double[][] MixedFeatures(byte[] images, int index, int size)
    {
        int plane = size * size;
        int start = index * 3 * plane;
        return Enumerable.Range(0, plane).Select(p =>
        {
            double r = images[start + p] / 255.0, g = images[start + plane + p] / 255.0, b = images[start + 2 * plane + p] / 255.0;
            return new[] { r - b, g + 0.5 };
        }).ToArray();
    }

    private static double[] Mean(double[][] positions) =>
        [positions.Average(v => v[0]), positions.Average(v => v[1])];

    private static double LpipsOverPositions(double[][] positions0, double[][] positions1) =>
        positions0.Zip(positions1, (v0, v1) =>
        {
            double norm0 = Math.Sqrt(v0.Sum(x => x * x)) + 1e-10, norm1 = Math.Sqrt(v1.Sum(x => x * x)) + 1e-10;
            return v0.Zip(v1, (a, b) => Math.Pow(a / norm0 - b / norm1, 2)).Sum();
        }).Average();
}
