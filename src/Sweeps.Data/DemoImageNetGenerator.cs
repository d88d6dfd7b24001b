namespace Sweeps.Data;

/// <summary>
/// Renders the synthetic classification images: a cluttered background, 3-5 small random
/// distractor objects, the class object, sometimes one more distractor over it, a brightness change
/// and pixel noise. Each attribute of the class object is, with probability
/// <see cref="AttributeSwapProbability"/>, drawn at random instead, so classes overlap.
/// </summary>
internal static class DemoImageNetGenerator
{
    public const double AttributeSwapProbability = 0.25;
    public const int TrainStream = 1;
    public const int ValStream = 2;

    public static LabelledImages Generate(int seed, int stream, int classCount, int imagesPerClass, string source)
    {
        var size = ImageNet64Folder.Size;
        var count = classCount * imagesPerClass;
        // Label i mod classCount keeps every prefix of the set balanced.
        var labels = Enumerable.Range(0, count).Select(index => index % classCount).ToArray();
        var pixels = new byte[(long)count * 3 * size * size];
        Parallel.For(0, count, index =>
            Render(new SplitMix64(DemoSeeds.Item(seed, stream, index)), labels[index], size).WriteBytes(pixels.AsSpan(index * 3 * size * size, 3 * size * size)));
        return new LabelledImages(pixels, labels, size, classCount, source);
    }

    private static FloatImage Render(SplitMix64 random, int label, int size)
    {
        var image = SceneRenderer.Background(random, size);
        var distractors = 3 + random.NextIntFromDouble(3);
        for (var i = 0; i < distractors; i++)
            SceneRenderer.Draw(image, SceneRenderer.RandomShape(random, size, 3, 8));

        var (shape, pattern, palette) = DemoClasses.Attributes(label);
        if (random.Chance(AttributeSwapProbability))
            shape = (ShapeKind)random.NextIntFromDouble(DemoClasses.ShapeCount);
        if (random.Chance(AttributeSwapProbability))
            pattern = (PatternKind)random.NextIntFromDouble(DemoClasses.PatternCount);
        if (random.Chance(AttributeSwapProbability))
            palette = random.NextIntFromDouble(DemoClasses.Palettes.Length);
        var (first, second) = DemoClasses.Palettes[palette];
        SceneRenderer.Draw(image, SceneRenderer.Place(random, size, shape, pattern,
            first.Jitter(random, 30), second.Jitter(random, 30), random.NextDouble(11, 22), margin: 0.6));

        if (random.Chance(0.3))
            SceneRenderer.Draw(image, SceneRenderer.RandomShape(random, size, 4, 9));
        var brightness = random.NextSingle(0.75, 1.2);
        for (var i = 0; i < image.Values.Length; i++)
            image.Values[i] *= brightness;
        SceneRenderer.AddNoise(image, random, random.NextDouble(4, 14));
        return image;
    }
}
