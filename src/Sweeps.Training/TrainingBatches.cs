using Sweeps.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>Epoch orders and batch tensors over a labelled image set; the last partial batch is dropped.</summary>
public sealed class TrainingBatches
{
    private readonly LabelledImages images;

    public TrainingBatches(LabelledImages images, int batchSize)
    {
        if (batchSize < 1)
            throw new ArgumentException($"Batch size must be positive, got {batchSize}.", nameof(batchSize));
        if (images.Count < batchSize)
            throw new ArgumentException($"{images.Source}: {images.Count} images do not fill one batch of {batchSize}.", nameof(images));
        this.images = images;
        BatchSize = batchSize;
        StepsPerEpoch = images.Count / batchSize;
    }

    public int BatchSize { get; }
    public int StepsPerEpoch { get; }

    /// <summary>A permutation of all image indices (Fisher-Yates driven by <paramref name="seed"/>).</summary>
    public int[] Shuffle(ulong seed)
    {
        var order = Enumerable.Range(0, images.Count).ToArray();
        var random = new SplitMix64(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Images as float RGB in [0, 1] (N x 3 x S x S) and 0-based int64 labels, on <paramref name="device"/>.</summary>
    public (Tensor Images, Tensor Labels) Load(ReadOnlySpan<int> indices, Device device)
    {
        var imageBytes = images.ImageBytes;
        var pixels = new byte[indices.Length * imageBytes];
        var labels = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            images.Image(indices[i]).CopyTo(pixels.AsSpan(i * imageBytes));
            labels[i] = images.Labels[indices[i]];
        }
        var bytes = tensor(pixels, [indices.Length, 3, images.Size, images.Size]);
        var floats = bytes.to(device).to_type(ScalarType.Float32).div_(255);
        return (floats, tensor(labels).to(device));
    }
}
