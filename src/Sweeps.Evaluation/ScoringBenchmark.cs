using System.Diagnostics;
using Sweeps.Data;
using Sweeps.Models;
using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>Throughput of the real 2AFC scoring path (<see cref="PerceptualScorer"/>) on generated triplets.</summary>
public static class ScoringBenchmark
{
    /// <summary>
    /// Scores <paramref name="triplets"/> random triplets of <paramref name="size"/>² images with the
    /// selected functions and layers and times it, after one untimed warm-up batch (allocator and
    /// kernel start-up). The caller sets the model's mode and the torch thread count.
    /// </summary>
    public static ScoringBenchmarkResult Run(
        IFeatureClassifier model, int triplets, ScoreSelection selection, int batchSize, Device device, int size = 64, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(triplets);
        var functions = selection.ResolveFunctions();
        var random = new Random(seed);
        PerceptualScorer.Score(model, RandomTriplets(random, Math.Min(batchSize, triplets), size), functions, selection.Layers, batchSize, device);
        var set = RandomTriplets(random, triplets, size);
        var clock = Stopwatch.StartNew();
        PerceptualScorer.Score(model, set, functions, selection.Layers, batchSize, device);
        return new ScoringBenchmarkResult(triplets, clock.Elapsed);
    }

    private static TwoAfcSet RandomTriplets(Random random, int count, int size)
    {
        byte[] Block()
        {
            var block = new byte[count * 3 * size * size];
            random.NextBytes(block);
            return block;
        }
        var judges = Enumerable.Range(0, count).Select(_ => random.Next(6) / 5f).ToArray();
        return new TwoAfcSet("generated", [new TwoAfcCategory("generated", Block(), Block(), Block(), judges, size)]);
    }
}
