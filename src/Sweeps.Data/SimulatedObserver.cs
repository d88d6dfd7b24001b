namespace Sweeps.Data;

/// <summary>
/// The fixed simulated observer whose judgements label the synthetic demo BAPPS data (see
/// docs/demo-data.md). Distance: luminance Y = 0.299 R + 0.587 G + 0.114 B, then the mean over
/// <see cref="Scales"/> dyadic scales (64, 32, 16 for 64x64 images; 2x2 averaging between them) of
/// 1 - mean SSIM. Each of <see cref="Raters"/> raters finds p1 closer with probability
/// 1 / (1 + exp((d1 - d0) / <see cref="Temperature"/>)).
/// </summary>
public static class SimulatedObserver
{
    public const int Scales = 3;
    public const int Raters = 5;
    public const double Temperature = 0.03;

    public static double Distance(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> distorted, int size)
    {
        var (first, second) = (Luminance(reference, size), Luminance(distorted, size));
        var total = 0.0;
        for (var scale = 0; scale < Scales; scale++)
        {
            total += 1 - StructuralSimilarity.Mean(first, second, size);
            if (scale + 1 < Scales)
            {
                (first, second) = (HalveResolution(first, size), HalveResolution(second, size));
                size /= 2;
            }
        }
        return total / Scales;
    }

    /// <summary>The probability that one rater finds p1 closer to the reference than p0.</summary>
    public static double ProbabilityP1Closer(double d0, double d1) => 1 / (1 + Math.Exp((d1 - d0) / Temperature));

    private static float[] Luminance(ReadOnlySpan<byte> chw, int size)
    {
        var planeLength = size * size;
        if (chw.Length != 3 * planeLength)
            throw new ArgumentException($"{chw.Length} bytes are not a 3x{size}x{size} image.", nameof(chw));
        var luminance = new float[planeLength];
        for (var i = 0; i < planeLength; i++)
            luminance[i] = 0.299f * chw[i] + 0.587f * chw[planeLength + i] + 0.114f * chw[2 * planeLength + i];
        return luminance;
    }

    private static float[] HalveResolution(float[] values, int size)
    {
        var half = size / 2;
        var result = new float[half * half];
        for (var y = 0; y < half; y++)
        {
            for (var x = 0; x < half; x++)
            {
                var topLeft = 2 * y * size + 2 * x;
                result[y * half + x] = 0.25f * (values[topLeft] + values[topLeft + 1] + values[topLeft + size] + values[topLeft + size + 1]);
            }
        }
        return result;
    }
}
