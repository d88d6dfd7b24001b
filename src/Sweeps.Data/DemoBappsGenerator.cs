using System.Globalization;

namespace Sweeps.Data;

/// <summary>
/// Writes the synthetic BAPPS-layout 2AFC split: per category, triplets of a reference scene and
/// two distortions of it (kind drawn from the category's list, strength uniform in [0, 1)), judged
/// by <see cref="SimulatedObserver"/>'s five simulated raters.
/// </summary>
internal static class DemoBappsGenerator
{
    /// <summary>Category names (written in name order) and the distortions each draws from.</summary>
    public static readonly IReadOnlyList<(string Name, DistortionKind[] Kinds)> Categories =
    [
        ("colour-geometry", [DistortionKind.ContrastBrightness, DistortionKind.ColourShift, DistortionKind.Warp]),
        ("noise-blur", [DistortionKind.GaussianNoise, DistortionKind.Blur, DistortionKind.BlockQuantisation]),
    ];

    // Random streams of categories follow those of the classification images.
    private const int FirstCategoryStream = 3;

    public static void Generate(string splitFolder, int seed, int tripletsPerCategory)
    {
        for (var category = 0; category < Categories.Count; category++)
        {
            var (name, kinds) = Categories[category];
            var folder = Path.Combine(splitFolder, name);
            foreach (var part in new[] { BappsTwoAfc.ReferenceFolder, BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder, BappsTwoAfc.JudgeFolder })
                Directory.CreateDirectory(Path.Combine(folder, part));
            var stream = FirstCategoryStream + category;
            Parallel.For(0, tripletsPerCategory, index => WriteTriplet(folder, kinds, new SplitMix64(DemoSeeds.Item(seed, stream, index)), index));
        }
    }

    private static void WriteTriplet(string folder, DistortionKind[] kinds, SplitMix64 random, int index)
    {
        const int size = 64;
        var reference = SceneRenderer.Background(random, size);
        var objects = 2 + random.NextIntFromDouble(4);
        for (var i = 0; i < objects; i++)
            SceneRenderer.Draw(reference, SceneRenderer.RandomShape(random, size, 5, 20));
        SceneRenderer.AddNoise(reference, random, 2);

        var referenceBytes = reference.ToBytes();
        var p0 = Distortions.Apply(reference, kinds[random.NextIntFromDouble(kinds.Length)], random.NextDouble(), random).ToBytes();
        var p1 = Distortions.Apply(reference, kinds[random.NextIntFromDouble(kinds.Length)], random.NextDouble(), random).ToBytes();
        var closerP1 = SimulatedObserver.ProbabilityP1Closer(
            SimulatedObserver.Distance(referenceBytes, p0, size),
            SimulatedObserver.Distance(referenceBytes, p1, size));
        var votesForP1 = Enumerable.Range(0, SimulatedObserver.Raters).Count(_ => random.Chance(closerP1));

        var name = index.ToString("D6", CultureInfo.InvariantCulture);
        RgbImage.WritePng(Path.Combine(folder, BappsTwoAfc.ReferenceFolder, name + ".png"), referenceBytes, size);
        RgbImage.WritePng(Path.Combine(folder, BappsTwoAfc.P0Folder, name + ".png"), p0, size);
        RgbImage.WritePng(Path.Combine(folder, BappsTwoAfc.P1Folder, name + ".png"), p1, size);
        using var judge = File.Create(Path.Combine(folder, BappsTwoAfc.JudgeFolder, name + ".npy"));
        NpyFormat.Write(judge, NpyArray.FromFloat32([(float)votesForP1 / SimulatedObserver.Raters]));
    }
}
