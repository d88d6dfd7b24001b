namespace Sweeps.Data;

/// <summary>One BAPPS JND category: pairs of RGB images (channel-major, as in <see cref="LabelledImages"/>)
/// and the fraction of raters who said the two look the same.</summary>
public sealed record JndCategory(string Name, byte[] P0, byte[] P1, float[] Same, int Size)
{
    public int Count => Same.Length;
}
