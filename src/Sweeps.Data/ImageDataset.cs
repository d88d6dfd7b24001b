namespace Sweeps.Data;

/// <summary>
/// One entry point for every supported layout: a prepared folder first (memory-mapped, and the result
/// says so in <see cref="LabelledImages.PreparedFrom"/>), then downsampled ImageNet (npz, pickle), BAPPS
/// folders, the annotation layout and class folders. Labels are 0-based.
/// </summary>
public static class ImageDataset
{
    private const string Tried =
        "tried: a prepared folder (manifest.json); downsampled ImageNet (train_data_batch_<n>[.npz], val_data[.npz]); " +
        "BAPPS 2AFC (<category>/ref,p0,p1,judge) and JND (<category>/p0,p1,same); the annotation layout (images/ + val_annotations.txt); " +
        "class folders (one subfolder of JPEG/PNG images per class)";

    public static DataLayout Detect(string path)
    {
        if (!Directory.Exists(path))
            throw new DataFormatException(path, "folder not found");
        if (PackedManifest.ExistsIn(path))
            return DataLayout.Prepared;
        if (ImageNet64Folder.TrainBatchFiles(path).Count > 0 || ImageNet64Folder.ValFile(path) is not null)
            return DataLayout.DownsampledImageNet;
        if (BappsTwoAfc.LooksLikeTwoAfc(path))
            return DataLayout.BappsTwoAfc;
        if (BappsJnd.LooksLikeJnd(path))
            return DataLayout.BappsJnd;
        if (AnnotatedImages.LooksLikeAnnotated(path))
            return DataLayout.AnnotatedImages;
        if (ClassFolders.LooksLikeClassFolders(path))
            return DataLayout.ClassFolders;
        throw new DataFormatException(path, $"no supported data layout found; {Tried}");
    }

    /// <summary>The training images at <paramref name="path"/>; class names come with them where the layout has them.</summary>
    public static LabelledImages ReadTrain(string path, int size = 64) => Detect(path) switch
    {
        DataLayout.Prepared => PackedData.ReadImages(path, PackSources.TrainSplit),
        DataLayout.DownsampledImageNet => ImageNet64Folder.ReadTrain(path),
        DataLayout.AnnotatedImages => AnnotatedImages.Read(path, size),
        DataLayout.ClassFolders => ClassFolders.Read(path, size),
        var other => throw new DataFormatException(path, $"holds BAPPS data ({other}), not labelled training images"),
    };

    /// <summary>
    /// The validation images at <paramref name="path"/>, labelled like the training set: by
    /// <paramref name="trainClassNames"/> where both sides name their classes, else by index; every label
    /// must lie below <paramref name="classCount"/>.
    /// </summary>
    public static LabelledImages ReadVal(string path, int classCount, IReadOnlyList<string>? trainClassNames = null, int size = 64)
    {
        var names = trainClassNames is { Count: > 0 } ? trainClassNames : null;
        var images = Detect(path) switch
        {
            DataLayout.Prepared => Relabel(PackedData.ReadImages(path, PackSources.ValSplit), names),
            DataLayout.DownsampledImageNet => ImageNet64Folder.ReadVal(path, classCount),
            DataLayout.AnnotatedImages => AnnotatedImages.Read(path, size, names),
            DataLayout.ClassFolders => ClassFolders.Read(path, size, names),
            var other => throw new DataFormatException(path, $"holds BAPPS data ({other}), not labelled validation images"),
        };
        var bad = Array.FindIndex(images.Labels, label => label >= classCount);
        if (bad < 0)
            return images;
        images.Dispose();
        throw new DataFormatException(path, $"label {images.Labels[bad]} of image {bad} is outside the {classCount} training classes");
    }

    public static TwoAfcSet ReadTwoAfc(string path) =>
        PackedManifest.ExistsIn(path) ? PackedData.ReadTwoAfc(path) : BappsTwoAfc.Read(path);

    public static JndSet ReadJnd(string path) =>
        PackedManifest.ExistsIn(path) ? PackedData.ReadJnd(path) : BappsJnd.Read(path);

    /// <summary>Prepared val images carry their own class order; map it onto the training classes by name.</summary>
    private static LabelledImages Relabel(LabelledImages images, IReadOnlyList<string>? trainClassNames)
    {
        if (trainClassNames is null || images.ClassNames.Count == 0 || images.ClassNames.SequenceEqual(trainClassNames))
            return images;
        var trainLabelOf = ImageFileList.IndexOf(trainClassNames);
        var labels = new int[images.Count];
        for (var index = 0; index < labels.Length; index++)
        {
            var name = images.ClassNames[images.Labels[index]];
            if (!trainLabelOf.TryGetValue(name, out labels[index]))
            {
                images.Dispose();
                throw new DataFormatException(images.Source, $"class '{name}' of image {index} is not a training class");
            }
        }
        return images.Relabelled(labels, trainClassNames.Count, trainClassNames);
    }
}
