namespace Sweeps.Evaluation;

/// <summary>
/// The bytes the LPIPS reference actually hands to its Lab and SSIM baselines. Its loader turns a byte
/// x into the float32 tensor value ((x / 255) - 0.5) / 0.5, and <c>tensor2im</c> turns that back with
/// (v + 1) * 127.5 and a truncating cast to uint8; float32 rounding can land just below x, so some
/// bytes come back one lower. Replaying the same float32 steps reproduces that exactly.
/// </summary>
internal static class LpipsImageRoundTrip
{
    private static readonly byte[] Table = Enumerable.Range(0, 256).Select(RoundTrip).ToArray();

    public static byte Apply(byte value) => Table[value];

    private static byte RoundTrip(int value)
    {
        float tensor = (value / 255f - 0.5f) / 0.5f;
        return (byte)((tensor + 1f) * 127.5f);
    }
}
