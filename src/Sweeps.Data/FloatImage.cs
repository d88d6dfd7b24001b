namespace Sweeps.Data;

/// <summary>A square RGB image being drawn: channel-major float planes on the 0..255 scale.</summary>
internal sealed class FloatImage(int size)
{
    public int Size { get; } = size;
    public int PlaneLength => Size * Size;
    /// <summary>All R, then all G, then all B, each row-major.</summary>
    public float[] Values { get; } = new float[3 * size * size];

    public static FloatImage FromBytes(ReadOnlySpan<byte> chw, int size)
    {
        var image = new FloatImage(size);
        for (var i = 0; i < chw.Length; i++)
            image.Values[i] = chw[i];
        return image;
    }

    public FloatImage Clone()
    {
        var copy = new FloatImage(Size);
        Values.CopyTo(copy.Values, 0);
        return copy;
    }

    public void SetPixel(int x, int y, Rgb colour)
    {
        var offset = y * Size + x;
        Values[offset] = colour.R;
        Values[PlaneLength + offset] = colour.G;
        Values[2 * PlaneLength + offset] = colour.B;
    }

    /// <summary>Rounded and clamped to bytes.</summary>
    public void WriteBytes(Span<byte> chw)
    {
        for (var i = 0; i < Values.Length; i++)
            chw[i] = (byte)Math.Clamp(MathF.Round(Values[i]), 0f, 255f);
    }

    public byte[] ToBytes()
    {
        var chw = new byte[Values.Length];
        WriteBytes(chw);
        return chw;
    }
}
