namespace Sweeps.Data;

/// <summary>
/// Mean SSIM of two single-channel images (Wang et al. 2004): gaussian window sigma 1.5 truncated
/// to 7x7, evaluated only where the window fits, C1 = (0.01 L)^2, C2 = (0.03 L)^2 with L = 255.
/// </summary>
internal static class StructuralSimilarity
{
    private const int Radius = 3;
    private const double Sigma = 1.5;
    private const float C1 = 0.01f * 255 * 0.01f * 255;
    private const float C2 = 0.03f * 255 * 0.03f * 255;
    private static readonly float[] Window = GaussianWindow();

    public static double Mean(float[] first, float[] second, int size)
    {
        var product = new float[first.Length];
        var firstSquared = new float[first.Length];
        var secondSquared = new float[first.Length];
        for (var i = 0; i < first.Length; i++)
        {
            product[i] = first[i] * second[i];
            firstSquared[i] = first[i] * first[i];
            secondSquared[i] = second[i] * second[i];
        }
        var (meanFirst, meanSecond) = (Filter(first, size), Filter(second, size));
        var (meanProduct, meanFirstSquared, meanSecondSquared) = (Filter(product, size), Filter(firstSquared, size), Filter(secondSquared, size));

        var total = 0.0;
        for (var i = 0; i < meanFirst.Length; i++)
        {
            var (mx, my) = (meanFirst[i], meanSecond[i]);
            var varianceX = meanFirstSquared[i] - mx * mx;
            var varianceY = meanSecondSquared[i] - my * my;
            var covariance = meanProduct[i] - mx * my;
            total += (2 * mx * my + C1) * (2 * covariance + C2) / ((mx * mx + my * my + C1) * (varianceX + varianceY + C2));
        }
        return total / meanFirst.Length;
    }

    /// <summary>Separable gaussian filtering over the valid region: (size - 6) x (size - 6) outputs.</summary>
    private static float[] Filter(float[] values, int size)
    {
        var valid = size - 2 * Radius;
        var rows = new float[size * valid];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < valid; x++)
            {
                var sum = 0f;
                for (var k = 0; k < Window.Length; k++)
                    sum += Window[k] * values[y * size + x + k];
                rows[y * valid + x] = sum;
            }
        }
        var result = new float[valid * valid];
        for (var y = 0; y < valid; y++)
        {
            for (var x = 0; x < valid; x++)
            {
                var sum = 0f;
                for (var k = 0; k < Window.Length; k++)
                    sum += Window[k] * rows[(y + k) * valid + x];
                result[y * valid + x] = sum;
            }
        }
        return result;
    }

    private static float[] GaussianWindow()
    {
        var weights = Enumerable.Range(-Radius, 2 * Radius + 1).Select(offset => Math.Exp(-offset * offset / (2 * Sigma * Sigma))).ToArray();
        var total = weights.Sum();
        return weights.Select(weight => (float)(weight / total)).ToArray();
    }
}
