namespace Sweeps.Data;

/// <summary>
/// How far <see cref="PackedData.Prepare"/> got, reported after each piece saved: rows (images or
/// triplets) and bytes of image data written, over all splits. Totals are null when the source does not
/// tell its size without being read (pickles).
/// </summary>
public sealed record PrepareProgress(string Split, long ImagesDone, long? ImagesTotal, long BytesDone, long? BytesTotal);
