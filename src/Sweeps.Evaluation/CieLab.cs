namespace Sweeps.Evaluation;

/// <summary>
/// sRGB bytes to CIE L*a*b* as scikit-image's <c>rgb2lab</c> computes it (the conversion the LPIPS
/// reference uses): inverse sRGB gamma, the sRGB-to-XYZ matrix, white point D65 with the 2° observer.
/// </summary>
internal static class CieLab
{
    private static readonly double[] WhitePoint = [0.95047, 1.0, 1.08883];
    private static readonly double[,] XyzFromRgb =
    {
        { 0.412453, 0.357580, 0.180423 },
        { 0.212671, 0.715160, 0.072169 },
        { 0.019334, 0.119193, 0.950227 },
    };
    private static readonly double[] LinearFromByte = Enumerable.Range(0, 256).Select(value =>
    {
        double c = value / 255.0;
        return c > 0.04045 ? Math.Pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }).ToArray();

    /// <summary>A channel-major RGB image to channel-major L, a, b planes.</summary>
    public static double[] FromRgb(ReadOnlySpan<byte> chw, int size)
    {
        int plane = size * size;
        var lab = new double[3 * plane];
        Span<double> xyz = stackalloc double[3];
        for (int p = 0; p < plane; p++)
        {
            double r = LinearFromByte[chw[p]], g = LinearFromByte[chw[plane + p]], b = LinearFromByte[chw[2 * plane + p]];
            for (int row = 0; row < 3; row++)
                xyz[row] = F((XyzFromRgb[row, 0] * r + XyzFromRgb[row, 1] * g + XyzFromRgb[row, 2] * b) / WhitePoint[row]);
            lab[p] = 116 * xyz[1] - 16;
            lab[plane + p] = 500 * (xyz[0] - xyz[1]);
            lab[2 * plane + p] = 200 * (xyz[1] - xyz[2]);
        }
        return lab;
    }

    private static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
}
