namespace Sweeps.Data;

/// <summary>
/// Seeds of the demo data's streams, one per generated item, so that an image depends only on the
/// seed and never on which thread drew it. Their chained <see cref="SplitMix64.Mix"/> differs from
/// <see cref="SplitMix64.Derive"/>; it stays as it is so that the demo data stays byte-identical.
/// </summary>
internal static class DemoSeeds
{
    /// <summary>The stream of one item: the seed, a stream number (train, val, a category...) and the item index.</summary>
    public static ulong Item(int seed, int stream, int index) =>
        SplitMix64.Mix(SplitMix64.Mix(SplitMix64.Mix((ulong)(uint)seed) ^ (ulong)(uint)stream) ^ (ulong)(uint)index);
}
