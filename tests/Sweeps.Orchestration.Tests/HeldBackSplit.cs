using Sweeps.Data;

namespace Sweeps.Orchestration.Tests;

/// <summary>Labelled images divided per class into the first <c>trainPerClass</c> images (in their
/// original order) for training and the rest held back for testing.</summary>
internal sealed class HeldBackSplit : IDisposable
{
    private HeldBackSplit(LabelledImages train, LabelledImages heldBack)
    {
        Train = train;
        HeldBack = heldBack;
    }

    public LabelledImages Train { get; }
    public LabelledImages HeldBack { get; }

    public static HeldBackSplit Of(LabelledImages images, int trainPerClass)
    {
        var seenOfClass = new int[images.ClassCount];
        var isTrain = images.Labels.Select(label => seenOfClass[label]++ < trainPerClass).ToArray();
        var trainRows = Enumerable.Range(0, images.Count).Where(index => isTrain[index]).ToArray();
        var heldBackRows = Enumerable.Range(0, images.Count).Where(index => !isTrain[index]).ToArray();
        return new HeldBackSplit(Copy(images, trainRows, "train"), Copy(images, heldBackRows, "held back"));
    }

    private static LabelledImages Copy(LabelledImages images, int[] rows, string part)
    {
        var pixels = new byte[(long)rows.Length * images.ImageBytes];
        for (var row = 0; row < rows.Length; row++)
            images.Image(rows[row]).CopyTo(pixels.AsSpan(row * images.ImageBytes, images.ImageBytes));
        return new LabelledImages(pixels, rows.Select(index => images.Labels[index]).ToArray(), images.Size, images.ClassCount, $"{images.Source} ({part})")
        {
            ClassNames = images.ClassNames,
        };
    }

    public void Dispose()
    {
        Train.Dispose();
        HeldBack.Dispose();
    }
}
