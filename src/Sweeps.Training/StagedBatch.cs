using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// One reusable host-side batch: raw uint8 pixels (N x 3 x S x S, page-locked when the loader feeds
/// a GPU, so the copy to the device is a plain DMA) and int64 labels. Images are copied straight
/// into the tensor's contiguous storage, one block per image (TensorAccessor.CopyFrom goes element
/// by element: the loader ran at 7,600 images/s per core with it, 12,600 without), so filling it
/// allocates nothing.
/// </summary>
internal sealed class StagedBatch : IDisposable
{
    private readonly TensorAccessor<long> labelAccess;
    private readonly long[] labelScratch;
    private readonly int imageBytes;

    public StagedBatch(int batchSize, int imageSize, bool pinned)
    {
        var pixels = empty([batchSize, 3, imageSize, imageSize], ScalarType.Byte);
        var labels = empty([batchSize], ScalarType.Int64);
        Pixels = pinned ? Pin(pixels) : pixels;
        Labels = pinned ? Pin(labels) : labels;
        labelAccess = Labels.data<long>();
        labelScratch = new long[batchSize];
        imageBytes = 3 * imageSize * imageSize;
    }

    public Tensor Pixels { get; }
    public Tensor Labels { get; }

    public void SetImage(int slot, ReadOnlySpan<byte> image, int label)
    {
        if (image.Length != imageBytes)
            throw new ArgumentException($"An image of {image.Length} bytes does not fit a slot of {imageBytes}.", nameof(image));
        // Tensor.bytes spans the tensor's own (contiguous, native) storage.
        image.CopyTo(Pixels.bytes.Slice(slot * imageBytes, imageBytes));
        labelScratch[slot] = label;
    }

    /// <summary>Publishes the labels set since the last call to the label tensor.</summary>
    public void CommitLabels() => labelAccess.CopyFrom(labelScratch, 0, 0);

    public void Dispose()
    {
        labelAccess.Dispose();
        Pixels.Dispose();
        Labels.Dispose();
    }

    private static Tensor Pin(Tensor pageable)
    {
        using (pageable)
            return pageable.pin_memory();
    }
}
