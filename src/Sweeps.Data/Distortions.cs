namespace Sweeps.Data;

/// <summary>
/// Distortions of a reference image at a strength s in [0, 1):
/// gaussian noise sigma 2 + 38 s; gaussian blur sigma 0.3 + 2.2 s; JPEG-like 8x8 DCT quantisation
/// with step (2 + 70 s)(1 + (u + v) / 2) for frequency (u, v); contrast 1 ± 0.6 s about the image mean
/// plus brightness ± 50 s; a colour shift of length 60 s in a random RGB direction; a sinusoidal
/// warp of amplitude 3 s pixels and period 12-32 pixels.
/// </summary>
internal static class Distortions
{
    public static FloatImage Apply(FloatImage reference, DistortionKind kind, double strength, SplitMix64 random)
    {
        var image = reference.Clone();
        switch (kind)
        {
            case DistortionKind.GaussianNoise:
                SceneRenderer.AddNoise(image, random, 2 + 38 * strength);
                return image;
            case DistortionKind.Blur:
                return Blur(image, 0.3 + 2.2 * strength);
            case DistortionKind.BlockQuantisation:
                BlockQuantisation.Apply(image, (float)(2 + 70 * strength));
                return image;
            case DistortionKind.ContrastBrightness:
                ChangeContrastAndBrightness(image, 1 + Sign(random) * 0.6 * strength, Sign(random) * 50 * strength);
                return image;
            case DistortionKind.ColourShift:
                ShiftColour(image, 60 * strength, random);
                return image;
            default:
                return Warp(reference, 3 * strength, random.NextDouble(12, 32), random.NextDouble(0, 2 * Math.PI));
        }
    }

    private static int Sign(SplitMix64 random) => random.Chance(0.5) ? 1 : -1;

    private static FloatImage Blur(FloatImage image, double sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(offset => Math.Exp(-offset * offset / (2 * sigma * sigma))).ToArray();
        var total = weights.Sum();
        var kernel = weights.Select(weight => (float)(weight / total)).ToArray();
        var horizontal = Convolve(image, kernel, radius, horizontal: true);
        return Convolve(horizontal, kernel, radius, horizontal: false);
    }

    // Borders repeat the edge pixel.
    private static FloatImage Convolve(FloatImage image, float[] kernel, int radius, bool horizontal)
    {
        var (size, result) = (image.Size, new FloatImage(image.Size));
        for (var channel = 0; channel < 3; channel++)
        {
            var plane = channel * image.PlaneLength;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var sum = 0f;
                    for (var k = -radius; k <= radius; k++)
                    {
                        var (sx, sy) = horizontal ? (Math.Clamp(x + k, 0, size - 1), y) : (x, Math.Clamp(y + k, 0, size - 1));
                        sum += kernel[k + radius] * image.Values[plane + sy * size + sx];
                    }
                    result.Values[plane + y * size + x] = sum;
                }
            }
        }
        return result;
    }

    private static void ChangeContrastAndBrightness(FloatImage image, double contrast, double brightness)
    {
        var mean = image.Values.Average();
        for (var i = 0; i < image.Values.Length; i++)
            image.Values[i] = (float)((image.Values[i] - mean) * contrast + mean + brightness);
    }

    private static void ShiftColour(FloatImage image, double length, SplitMix64 random)
    {
        var direction = new[] { random.NextGaussian(), random.NextGaussian(), random.NextGaussian() };
        var norm = Math.Sqrt(direction.Sum(component => component * component));
        for (var channel = 0; channel < 3; channel++)
        {
            var offset = (float)(length * direction[channel] / norm);
            for (var i = 0; i < image.PlaneLength; i++)
                image.Values[channel * image.PlaneLength + i] += offset;
        }
    }

    /// <summary>Resamples (bilinear, edges repeated) at x + a sin(2 pi y / period + phase), y + a sin(2 pi x / period + phase).</summary>
    private static FloatImage Warp(FloatImage image, double amplitude, double period, double phase)
    {
        var (size, result) = (image.Size, new FloatImage(image.Size));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var sourceX = Math.Clamp(x + amplitude * Math.Sin(2 * Math.PI * y / period + phase), 0, size - 1);
                var sourceY = Math.Clamp(y + amplitude * Math.Sin(2 * Math.PI * x / period + phase), 0, size - 1);
                var (left, top) = ((int)Math.Min(sourceX, size - 2), (int)Math.Min(sourceY, size - 2));
                var (fx, fy) = ((float)(sourceX - left), (float)(sourceY - top));
                for (var channel = 0; channel < 3; channel++)
                {
                    var plane = channel * image.PlaneLength;
                    float At(int px, int py) => image.Values[plane + py * size + px];
                    result.Values[plane + y * size + x] =
                        (1 - fy) * ((1 - fx) * At(left, top) + fx * At(left + 1, top))
                        + fy * ((1 - fx) * At(left, top + 1) + fx * At(left + 1, top + 1));
                }
            }
        }
        return result;
    }
}
