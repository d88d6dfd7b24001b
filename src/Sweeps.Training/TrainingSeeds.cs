using Sweeps.Data;

namespace Sweeps.Training;

/// <summary>
/// Every random stream of a trial, derived from the trial seed and the epoch or step it serves,
/// so resuming needs no saved generator state.
/// </summary>
internal static class TrainingSeeds
{
    private const long OrderStream = 1;
    private const long AugmentationStream = 2;
    private const long TorchStream = 3;

    public static ulong Order(int seed, int epoch) => SplitMix64.Derive(seed, OrderStream, epoch);

    public static ulong Augmentation(int seed, long step) => SplitMix64.Derive(seed, AugmentationStream, step);

    /// <summary>Seed for torch's own generators (dropout) at one step.</summary>
    public static long Torch(int seed, long step) => (long)SplitMix64.Derive(seed, TorchStream, step);
}
