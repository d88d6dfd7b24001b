using Sweeps.Data;

namespace Sweeps.Training;

/// <summary>
/// Which images each optimiser step trains on: epoch e visits every image once in an order that is a
/// function of (seed, e) alone, in batches of <see cref="BatchSize"/>, dropping the last partial
/// batch. Step s is batch s mod <see cref="StepsPerEpoch"/> of epoch s / <see cref="StepsPerEpoch"/>,
/// so a run resumed at any step reads exactly what an uninterrupted run reads. Immutable.
/// </summary>
public sealed class TrainingOrder
{
    public TrainingOrder(int imageCount, int batchSize, int seed, string source)
    {
        if (batchSize < 1)
            throw new ArgumentException($"Batch size must be positive, got {batchSize}.", nameof(batchSize));
        if (imageCount < batchSize)
            throw new ArgumentException($"{source}: {imageCount} images do not fill one batch of {batchSize}.", nameof(imageCount));
        ImageCount = imageCount;
        BatchSize = batchSize;
        Seed = seed;
        StepsPerEpoch = imageCount / batchSize;
    }

    public int ImageCount { get; }
    public int BatchSize { get; }
    public int Seed { get; }
    public int StepsPerEpoch { get; }

    public int EpochOf(long step) => checked((int)(step / StepsPerEpoch));

    /// <summary>Where step <paramref name="step"/>'s batch starts in its epoch's <see cref="Permutation"/>.</summary>
    public int OffsetOf(long step) => (int)(step % StepsPerEpoch) * BatchSize;

    /// <summary>A permutation of all image indices (Fisher-Yates driven by the seed of (trial seed, epoch)).</summary>
    public int[] Permutation(int epoch)
    {
        var order = new int[ImageCount];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var random = new SplitMix64(TrainingSeeds.Order(Seed, epoch));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
