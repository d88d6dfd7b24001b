using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweeps.Data;

/// <summary>
/// Downsampled ImageNet 64x64 as image-net.org distributes it: <c>train_data_batch_&lt;n&gt;.npz</c> and
/// <c>val_data.npz</c>, each with <c>data</c> (N x 12288 uint8, channel-major rows), <c>labels</c>
/// (N, 1-based, any integer dtype) and, in train files, <c>mean</c>; or the older release of the same
/// arrays as Python pickles, the same names without <c>.npz</c>.
/// </summary>
public static partial class ImageNet64Folder
{
    public const int Size = 64;
    public const int RowLength = 3 * Size * Size;
    public const string ValFileName = "val_data.npz";
    public const string PickledValFileName = "val_data";
    public const int DefaultImagesPerBatch = 20_000;
    private const string DataKey = "data";
    private const string LabelsKey = "labels";
    private const string MeanKey = "mean";

    [GeneratedRegex(@"^train_data_batch_(\d{1,9})(\.npz)?$")]
    private static partial Regex TrainBatchName();

    /// <summary>The train batch files of <paramref name="folder"/> (npz, or else pickles) in numeric order of their batch number.</summary>
    public static IReadOnlyList<string> TrainBatchFiles(string folder)
    {
        RequireFolder(folder);
        return Directory.EnumerateFiles(folder)
            .Select(file => (File: file, Match: TrainBatchName().Match(Path.GetFileName(file))))
            .Where(candidate => candidate.Match.Success)
            .OrderBy(candidate => int.Parse(candidate.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(candidate => candidate.File)
            .GroupBy(file => file.EndsWith(".npz", StringComparison.Ordinal))
            .OrderByDescending(release => release.Key)
            .FirstOrDefault()?.ToList() ?? [];
    }

    /// <summary>The validation file of <paramref name="folder"/>: <c>val_data.npz</c>, or else the pickled <c>val_data</c>; null when neither exists.</summary>
    public static string? ValFile(string folder) =>
        new[] { ValFileName, PickledValFileName }.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    /// <summary>All train batches concatenated; the class count is the largest label found.</summary>
    public static LabelledImages ReadTrain(string folder)
    {
        var files = TrainBatchFiles(folder);
        if (files.Count == 0)
            throw new DataFormatException(folder, "no train_data_batch_<n>.npz (or pickled train_data_batch_<n>) files");
        var batches = files.Select(file => ReadBatch(file, maximumLabel: int.MaxValue)).ToList();
        var (pixels, labels) = batches.Count == 1 ? batches[0] : Concatenate(batches, folder);
        if (labels.Length == 0)
            throw new DataFormatException(folder, "the train batches hold no images");
        return new LabelledImages(pixels, ToZeroBased(labels), Size, labels.Max(), folder);
    }

    /// <summary>The validation images; a label above <paramref name="classCount"/> (the train class count) is an error.</summary>
    public static LabelledImages ReadVal(string folder, int classCount)
    {
        RequireFolder(folder);
        var file = ValFile(folder) ?? throw new DataFormatException(Path.Combine(folder, ValFileName), $"file not found (nor the pickled {PickledValFileName})");
        var batch = ReadBatch(file, classCount);
        return new LabelledImages(batch.Pixels, ToZeroBased(batch.Labels), Size, classCount, file);
    }

    private static (byte[] Pixels, int[] Labels) Concatenate(List<(byte[] Pixels, int[] Labels)> batches, string folder)
    {
        var totalBytes = batches.Sum(batch => (long)batch.Pixels.Length);
        if (totalBytes > Array.MaxLength)
            throw new DataFormatException(folder, $"the train batches hold {totalBytes} pixel bytes, more than one array can hold; prepare the folder (PackedData.Prepare) and read the prepared copy");
        var pixels = new byte[totalBytes];
        var labels = new int[batches.Sum(batch => batch.Labels.Length)];
        var (pixelOffset, labelOffset) = (0, 0);
        foreach (var batch in batches)
        {
            batch.Pixels.CopyTo(pixels, pixelOffset);
            batch.Labels.CopyTo(labels, labelOffset);
            pixelOffset += batch.Pixels.Length;
            labelOffset += batch.Labels.Length;
        }
        return (pixels, labels);
    }

    /// <summary>
    /// Writes <paramref name="train"/> as <c>train_data_batch_1..n.npz</c> of at most
    /// <paramref name="imagesPerBatch"/> images (with <c>mean</c>) and <paramref name="val"/> as
    /// <c>val_data.npz</c>; labels are stored 1-based as int64.
    /// </summary>
    public static void Write(string folder, LabelledImages train, LabelledImages val, int imagesPerBatch = DefaultImagesPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imagesPerBatch, 1);
        foreach (var images in new[] { train, val })
        {
            if (images.Size != Size)
                throw new ArgumentException($"{images.Source} holds {images.Size}x{images.Size} images; this format holds {Size}x{Size}.");
        }
        Directory.CreateDirectory(folder);
        foreach (var stale in TrainBatchFiles(folder))
            File.Delete(stale);

        var mean = PixelMean(train);
        var batchCount = Math.Max(1, (train.Count + imagesPerBatch - 1) / imagesPerBatch);
        for (var batch = 0; batch < batchCount; batch++)
        {
            var first = batch * imagesPerBatch;
            var count = Math.Min(imagesPerBatch, train.Count - first);
            var arrays = BatchArrays(train, first, count);
            arrays[MeanKey] = NpyArray.FromFloat64(mean);
            NpzArchive.Write(Path.Combine(folder, $"train_data_batch_{batch + 1}.npz"), arrays);
        }
        NpzArchive.Write(Path.Combine(folder, ValFileName), BatchArrays(val, 0, val.Count));
    }

    private static Dictionary<string, NpyArray> BatchArrays(LabelledImages images, int first, int count) => new()
    {
        [DataKey] = NpyArray.FromUInt8(images.Rows(first, count).ToArray(), count, RowLength),
        [LabelsKey] = NpyArray.FromInt64(images.Labels.AsSpan(first, count).ToArray().Select(label => label + 1L).ToArray()),
    };

    /// <summary>Per-position mean over all images, as the distributed train files carry it.</summary>
    private static double[] PixelMean(LabelledImages images)
    {
        var sums = new long[RowLength];
        for (var image = 0; image < images.Count; image++)
        {
            var row = images.Image(image);
            for (var position = 0; position < RowLength; position++)
                sums[position] += row[position];
        }
        return Array.ConvertAll(sums, sum => images.Count == 0 ? 0.0 : (double)sum / images.Count);
    }

    /// <summary>Reads one file's rows and its 1-based labels, checked against 1..<paramref name="maximumLabel"/>.</summary>
    internal static (byte[] Pixels, int[] Labels) ReadBatch(string file, int maximumLabel)
    {
        var arrays = file.EndsWith(".npz", StringComparison.Ordinal) ? NpzArchive.Read(file) : PickleArchive.Read(file);
        var data = Require(arrays, DataKey, file);
        var labelArray = Require(arrays, LabelsKey, file);

        if (data.DType != NpyDType.UInt8 || data.Shape.Length != 2 || data.Shape[1] != RowLength)
            throw new DataFormatException(file, $"'{DataKey}' must be N x {RowLength} uint8 (64x64 RGB rows), found shape {NpyHeader.FormatShape(data.Shape)} of {data.Descr}");
        if (!labelArray.DType.IsInteger || labelArray.Shape.Length != 1)
            throw new DataFormatException(file, $"'{LabelsKey}' must be a 1-d integer array, found shape {NpyHeader.FormatShape(labelArray.Shape)} of {labelArray.Descr}");
        if (labelArray.Shape[0] != data.Shape[0])
            throw new DataFormatException(file, $"{labelArray.Shape[0]} labels for {data.Shape[0]} image rows");

        var rawLabels = labelArray.IntegersAsInt64();
        var labels = new int[rawLabels.Length];
        for (var index = 0; index < rawLabels.Length; index++)
        {
            if (rawLabels[index] < 1 || rawLabels[index] > maximumLabel)
                throw new DataFormatException(file, $"label {rawLabels[index]} at index {index} is outside 1..{maximumLabel} (labels are 1-based)");
            labels[index] = (int)rawLabels[index];
        }
        return (data.AsUInt8(), labels);
    }

    private static NpyArray Require(IReadOnlyDictionary<string, NpyArray> arrays, string key, string file) =>
        arrays.TryGetValue(key, out var array)
            ? array
            : throw new DataFormatException(file, $"array '{key}' is missing (found: {string.Join(", ", arrays.Keys.Order())})");

    private static int[] ToZeroBased(int[] oneBasedLabels) => Array.ConvertAll(oneBasedLabels, label => label - 1);

    private static void RequireFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, "folder not found");
    }
}
