namespace Sweeps.Evaluation;

/// <summary>
/// Mean SSIM as the LPIPS reference computes it through scikit-image's <c>compare_ssim</c> with its
/// defaults: a uniform 7x7 window, sample (N - 1) variances, K1 = 0.01, K2 = 0.03, the map averaged
/// over the positions whose window lies inside the image, then over channels.
/// </summary>
/// <remarks>
/// Not <c>Sweeps.Data.StructuralSimilarity</c>: that one (the demo observer's) uses a gaussian window
/// on one channel, which scores differently from the published SSIM baseline.
/// </remarks>
internal static class WindowedSsim
{
    private const int Window = 7;
    private const double K1 = 0.01;
    private const double K2 = 0.03;
    private const double SampleCorrection = Window * Window / (Window * Window - 1.0);

    /// <summary>Mean SSIM of two images of <paramref name="channels"/> planes of <paramref name="size"/>² values.</summary>
    public static double Mean(double[] image0, double[] image1, int size, int channels, double dataRange)
    {
        if (size < Window) throw new ArgumentException($"SSIM needs images of at least {Window}x{Window}, got {size}x{size}.");
        double c1 = K1 * dataRange * (K1 * dataRange), c2 = K2 * dataRange * (K2 * dataRange);
        int plane = size * size;
        double total = 0;
        for (int channel = 0; channel < channels; channel++)
        {
            var x = new ArraySegment<double>(image0, channel * plane, plane);
            var y = new ArraySegment<double>(image1, channel * plane, plane);
            var meanX = WindowMeans(x, size);
            var meanY = WindowMeans(y, size);
            var meanXx = WindowMeans(x.Select(v => v * v).ToArray(), size);
            var meanYy = WindowMeans(y.Select(v => v * v).ToArray(), size);
            var meanXy = WindowMeans(x.Zip(y, (a, b) => a * b).ToArray(), size);
            double sum = 0;
            for (int i = 0; i < meanX.Length; i++)
            {
                double varianceX = SampleCorrection * (meanXx[i] - meanX[i] * meanX[i]);
                double varianceY = SampleCorrection * (meanYy[i] - meanY[i] * meanY[i]);
                double covariance = SampleCorrection * (meanXy[i] - meanX[i] * meanY[i]);
                sum += (2 * meanX[i] * meanY[i] + c1) * (2 * covariance + c2)
                       / ((meanX[i] * meanX[i] + meanY[i] * meanY[i] + c1) * (varianceX + varianceY + c2));
            }
            total += sum / meanX.Length;
        }
        return total / channels;
    }

    /// <summary>Means over every 7x7 window that fits, (size - 6)² of them, row-major, from a summed-area table.</summary>
    private static double[] WindowMeans(IReadOnlyList<double> values, int size)
    {
        var integral = new double[(size + 1) * (size + 1)];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                integral[(y + 1) * (size + 1) + x + 1] = values[y * size + x]
                    + integral[y * (size + 1) + x + 1] + integral[(y + 1) * (size + 1) + x] - integral[y * (size + 1) + x];
        int valid = size - Window + 1;
        var means = new double[valid * valid];
        for (int y = 0; y < valid; y++)
            for (int x = 0; x < valid; x++)
                means[y * valid + x] = (integral[(y + Window) * (size + 1) + x + Window] - integral[y * (size + 1) + x + Window]
                                        - integral[(y + Window) * (size + 1) + x] + integral[y * (size + 1) + x]) / (Window * Window);
        return means;
    }
}
