namespace Sweeps.Data;

/// <summary>Finds the layout of a source folder and lists the splits to pack from it.</summary>
internal static class PackSources
{
    public const string TrainSplit = "train";
    public const string ValSplit = "val";

    public static (string Kind, IReadOnlyList<PackSplitSource> Splits) Open(string source, int size)
    {
        if (PackedManifest.ExistsIn(source))
            throw new DataFormatException(source, "is already a prepared folder");
        var layout = ImageDataset.Detect(source);
        return layout switch
        {
            DataLayout.DownsampledImageNet => (PackedData.ImagesKind, DownsampledSplits(source)),
            DataLayout.BappsTwoAfc => (PackedData.TwoAfcKind, [new BappsSplitSource(source, twoAfc: true, size)]),
            DataLayout.BappsJnd => (PackedData.JndKind, [new BappsSplitSource(source, twoAfc: false, size)]),
            DataLayout.AnnotatedImages => (PackedData.ImagesKind, [new ImageFileSplitSource(ValSplit, AnnotatedImages.List(source, null), size)]),
            _ => (PackedData.ImagesKind, [new ImageFileSplitSource(TrainSplit, ClassFolders.List(source, null), size)]),
        };
    }

    private static List<PackSplitSource> DownsampledSplits(string folder)
    {
        var splits = new List<PackSplitSource>();
        if (ImageNet64Folder.TrainBatchFiles(folder) is { Count: > 0 } batches)
            splits.Add(new DownsampledSplitSource(TrainSplit, batches));
        if (ImageNet64Folder.ValFile(folder) is { } val)
            splits.Add(new DownsampledSplitSource(ValSplit, [val]));
        return splits;
    }
}
