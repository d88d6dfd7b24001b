namespace Sweeps.Data;

/// <summary>One BAPPS 2AFC category: triplets of 64x64 RGB images (channel-major, as in
/// <see cref="LabelledImages"/>) and the fraction of raters who judged p1 closer to the reference.</summary>
public sealed record TwoAfcCategory(string Name, byte[] Reference, byte[] P0, byte[] P1, float[] Judges, int Size)
{
    public int Count => Judges.Length;
}

/// <summary>A BAPPS 2AFC split (for example <c>2afc/val</c>): its categories in name order.</summary>
public sealed record TwoAfcSet(string Folder, IReadOnlyList<TwoAfcCategory> Categories)
{
    /// <summary>The original source recorded by <see cref="PackedData.Prepare"/> when read from a prepared folder; null otherwise.</summary>
    public string? PreparedFrom { get; init; }
}
