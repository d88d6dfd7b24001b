namespace Sweeps.Data;

/// <summary>Draws the synthetic scenes shared by the demo classification images and the demo BAPPS references.</summary>
internal static class SceneRenderer
{
    private const int ClutterWaves = 3;

    /// <summary>
    /// A cluttered background: a linear gradient between two random colours plus a few
    /// random sinusoidal waves (period 6-40 px, any direction, each tinting the channels differently).
    /// </summary>
    public static FloatImage Background(SplitMix64 random, int size)
    {
        var image = new FloatImage(size);
        var (from, to) = (Rgb.Random(random, 20, 235), Rgb.Random(random, 20, 235));
        var angle = random.NextDouble(0, 2 * Math.PI);
        var (gradientX, gradientY) = ((float)Math.Cos(angle) / size, (float)Math.Sin(angle) / size);
        var waves = Enumerable.Range(0, ClutterWaves).Select(_ => Wave.Random(random)).ToArray();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var t = Math.Clamp(0.5f + (x - size / 2f) * gradientX + (y - size / 2f) * gradientY, 0f, 1f);
                var offset = y * size + x;
                for (var channel = 0; channel < 3; channel++)
                    image.Values[channel * image.PlaneLength + offset] = from[channel] + t * (to[channel] - from[channel]);
                foreach (var wave in waves)
                {
                    var height = wave.At(x, y);
                    for (var channel = 0; channel < 3; channel++)
                        image.Values[channel * image.PlaneLength + offset] += wave.Amplitude[channel] * height;
                }
            }
        }
        return image;
    }

    public static void Draw(FloatImage image, PlacedShape shape)
    {
        var (x0, y0, x1, y1) = shape.Bounds(image.Size);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (shape.ColourAt(x + 0.5f, y + 0.5f) is { } colour)
                    image.SetPixel(x, y, colour);
            }
        }
    }

    /// <summary>An object with every attribute random: outline, pattern, colours, place, size in [minRadius, maxRadius).</summary>
    public static PlacedShape RandomShape(SplitMix64 random, int size, double minRadius, double maxRadius) =>
        Place(random, size, (ShapeKind)random.NextIntFromDouble(6), (PatternKind)random.NextIntFromDouble(4),
            Rgb.Random(random, 0, 255), Rgb.Random(random, 0, 255), random.NextDouble(minRadius, maxRadius), margin: 0);

    /// <summary>Puts an object of the given look at a random place (keeping <paramref name="margin"/> of its radius inside), rotation, pattern period and tilt.</summary>
    public static PlacedShape Place(SplitMix64 random, int size, ShapeKind shape, PatternKind pattern, Rgb first, Rgb second, double radius, double margin)
    {
        var inset = radius * margin;
        return new PlacedShape(shape, pattern, first, second,
            CentreX: random.NextSingle(inset, size - inset),
            CentreY: random.NextSingle(inset, size - inset),
            Radius: (float)radius,
            Rotation: random.NextSingle(0, 2 * Math.PI),
            Period: random.NextSingle(4, 8),
            PatternTilt: random.NextSingle(-0.25, 0.25));
    }

    /// <summary>Independent gaussian noise of standard deviation <paramref name="sigma"/> on every value.</summary>
    public static void AddNoise(FloatImage image, SplitMix64 random, double sigma)
    {
        for (var i = 0; i < image.Values.Length; i++)
            image.Values[i] += (float)(sigma * random.NextGaussian());
    }

    private sealed record Wave(float FrequencyX, float FrequencyY, float Phase, Rgb Amplitude)
    {
        public static Wave Random(SplitMix64 random)
        {
            var period = random.NextDouble(6, 40);
            var direction = random.NextDouble(0, 2 * Math.PI);
            return new Wave(
                (float)(2 * Math.PI * Math.Cos(direction) / period),
                (float)(2 * Math.PI * Math.Sin(direction) / period),
                random.NextSingle(0, 2 * Math.PI),
                Rgb.Random(random, -25, 25));
        }

        /// <summary>The wave's height in [-1, 1] at a pixel; each channel scales it by its amplitude.</summary>
        public float At(int x, int y) => MathF.Sin(FrequencyX * x + FrequencyY * y + Phase);
    }
}
