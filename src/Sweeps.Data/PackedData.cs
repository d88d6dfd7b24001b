using System.Security.Cryptography;

namespace Sweeps.Data;

/// <summary>
/// The packed format: a folder of .npy files, one per column of each split (uint8 image rows of
/// 3 x size x size bytes, memory-mapped when read; int32 labels / category ids; float32 judges or
/// "same" fractions) and a <see cref="PackedManifest"/>. <see cref="Prepare"/> converts any supported
/// source and resumes after an interruption; <see cref="Verify"/> re-checks everything.
/// </summary>
public static class PackedData
{
    public const string ImagesKind = "images";
    public const string TwoAfcKind = "2afc";
    public const string JndKind = "jnd";
    /// <summary>Rows saved (and recorded as done) at a time; a resumed prepare repeats at most this many.</summary>
    private const int PieceRows = 4096;

    /// <summary>
    /// Converts <paramref name="source"/> (any layout <see cref="ImageDataset.Detect"/> knows) into
    /// <paramref name="outDir"/>. Re-running after an interruption continues where the last saved piece
    /// ended; re-running on a finished folder of the same source returns its manifest.
    /// </summary>
    public static PackedManifest Prepare(string source, string outDir, IProgress<PrepareProgress>? progress = null,
        CancellationToken cancellation = default, int size = 64) =>
        Prepare(source, outDir, progress, cancellation, size, PieceRows);

    internal static PackedManifest Prepare(string source, string outDir, IProgress<PrepareProgress>? progress,
        CancellationToken cancellation, int size, int pieceRows)
    {
        var fullSource = Path.GetFullPath(source);
        Directory.CreateDirectory(outDir);
        if (PackedManifest.ExistsIn(outDir))
        {
            var existing = PackedManifest.Read(outDir);
            return existing.Source == fullSource
                ? existing
                : throw new DataFormatException(outDir, $"already holds data prepared from {existing.Source}");
        }
        var (kind, splits) = PackSources.Open(fullSource, size);
        var state = PrepareState.LoadOrStart(outDir, fullSource, kind);
        var imagesTotal = splits.All(split => split.RowCount.HasValue) ? splits.Sum(split => split.RowCount) : null;
        var imageBytesPerRow = splits.Select(split => split.Columns.Where(column => column.IsImage).Sum(column => (long)column.RowBytes)).ToList();
        var bytesTotal = imagesTotal is null ? (long?)null : splits.Select((split, index) => split.RowCount!.Value * imageBytesPerRow[index]).Sum();

        for (var index = state.Finished.Count; index < splits.Count; index++)
        {
            var split = splits[index];
            var rowsBefore = state.Finished.Sum(finished => finished.Count);
            var bytesBefore = state.Finished.Select((finished, at) => finished.Count * imageBytesPerRow[at]).Sum();
            using var writer = new PackedSplitWriter(outDir, split, state.RowsDone);
            foreach (var piece in split.Read(writer.RowsDone, cancellation).SelectMany(chunk => chunk.Pieces(pieceRows)))
            {
                writer.Append(piece);
                writer.Flush();
                state = state with { RowsDone = writer.RowsDone };
                state.Save(outDir);
                progress?.Report(new PrepareProgress(split.Name, rowsBefore + writer.RowsDone, imagesTotal,
                    bytesBefore + writer.RowsDone * imageBytesPerRow[index], bytesTotal));
                cancellation.ThrowIfCancellationRequested();
            }
            if (writer.RowsDone == 0)
                throw new DataFormatException(fullSource, $"split '{split.Name}' holds no images");
            state = state with { Finished = [.. state.Finished, writer.Finish()], RowsDone = 0 };
            state.Save(outDir);
        }

        var files = state.Finished.SelectMany(split => split.Columns.Select(split.FileOf))
            .Select(name => new PackedFile(name, new FileInfo(Path.Combine(outDir, name)).Length, Sha256Of(Path.Combine(outDir, name))))
            .ToList();
        var manifest = new PackedManifest(PackedManifest.CurrentFormatVersion, kind, fullSource, size, state.Finished, files);
        manifest.WriteTo(outDir);
        File.Delete(Path.Combine(outDir, PrepareState.FileName));
        return manifest;
    }

    /// <summary>Every problem of a prepared folder (missing or changed files, wrong counts, labels or ids out of range); empty when sound.</summary>
    public static IReadOnlyList<PackedProblem> Verify(string dir) => new PackedVerifier(dir).Run();

    /// <summary>The images of split <paramref name="splitName"/> (or of the only split), pixels memory-mapped.</summary>
    public static LabelledImages ReadImages(string dir, string splitName)
    {
        var manifest = RequireKind(dir, ImagesKind);
        var split = manifest.Split(splitName, dir);
        var labels = ReadColumn(dir, split, PackColumn.Labels).ToInt32();
        var badLabel = Array.FindIndex(labels, label => label < 0 || label >= split.ClassCount);
        if (badLabel >= 0)
            throw new DataFormatException(Path.Combine(dir, split.FileOf(PackColumn.Labels)), $"label {labels[badLabel]} at index {badLabel} is outside 0..{split.ClassCount - 1}");
        return new LabelledImages(MapImages(dir, split, PackColumn.Images, manifest.ImageSize), labels, manifest.ImageSize, split.ClassCount, $"{dir} (prepared)")
        {
            ClassNames = split.ClassNames,
            PreparedFrom = manifest.Source,
        };
    }

    public static TwoAfcSet ReadTwoAfc(string dir)
    {
        var manifest = RequireKind(dir, TwoAfcKind);
        var split = manifest.Splits.Single();
        var judges = ReadColumn(dir, split, PackColumn.Judges).ToFloat32();
        var categories = ByCategory(dir, manifest, split, [BappsTwoAfc.ReferenceFolder, BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder],
            (name, first, images) => new TwoAfcCategory(name, images[0], images[1], images[2], judges[first..(first + images[0].Length / RowBytes(manifest))], manifest.ImageSize));
        return new TwoAfcSet($"{dir} (prepared)", categories) { PreparedFrom = manifest.Source };
    }

    public static JndSet ReadJnd(string dir)
    {
        var manifest = RequireKind(dir, JndKind);
        var split = manifest.Splits.Single();
        var same = ReadColumn(dir, split, PackColumn.Same).ToFloat32();
        var categories = ByCategory(dir, manifest, split, [BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder],
            (name, first, images) => new JndCategory(name, images[0], images[1], same[first..(first + images[0].Length / RowBytes(manifest))], manifest.ImageSize));
        return new JndSet($"{dir} (prepared)", categories) { PreparedFrom = manifest.Source };
    }

    internal static string Sha256Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static int RowBytes(PackedManifest manifest) => 3 * manifest.ImageSize * manifest.ImageSize;

    /// <summary>Categories are stored one after another, so each is a contiguous range of rows.</summary>
    private static List<T> ByCategory<T>(string dir, PackedManifest manifest, PackedSplit split, string[] imageColumns,
        Func<string, int, byte[][], T> create)
    {
        var stores = imageColumns.Select(column => MapImages(dir, split, column, manifest.ImageSize)).ToList();
        try
        {
            var result = new List<T>();
            var first = 0;
            foreach (var category in split.Categories)
            {
                var count = checked((int)category.Count);
                var images = stores.Select(store => store.Slice((long)first * RowBytes(manifest), count * RowBytes(manifest)).ToArray()).ToArray();
                result.Add(create(category.Name, first, images));
                first += count;
            }
            return result;
        }
        finally
        {
            stores.ForEach(store => store.Dispose());
        }
    }

    private static PackedManifest RequireKind(string dir, string kind)
    {
        var manifest = PackedManifest.Read(dir);
        return manifest.Kind == kind
            ? manifest
            : throw new DataFormatException(dir, $"holds prepared {manifest.Kind} data, not {kind}");
    }

    private static NpyArray ReadColumn(string dir, PackedSplit split, string column)
    {
        var path = Path.Combine(dir, split.FileOf(column));
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        using var stream = File.OpenRead(path);
        var array = NpyFormat.Read(stream, path);
        return array.Shape.Length >= 1 && array.Shape[0] == split.Count
            ? array
            : throw new DataFormatException(path, $"holds shape {NpyHeader.FormatShape(array.Shape)}; the manifest says {split.Count} rows");
    }

    private static MappedPixelStore MapImages(string dir, PackedSplit split, string column, int size)
    {
        var path = Path.Combine(dir, split.FileOf(column));
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        int dataOffset;
        using (var stream = File.OpenRead(path))
        {
            var (dtype, shape, offset) = NpyFormat.ReadHeader(stream, path);
            if (dtype != NpyDType.UInt8 || shape.Length != 2 || shape[0] != split.Count || shape[1] != 3 * size * size)
                throw new DataFormatException(path, $"holds shape {NpyHeader.FormatShape(shape)} of {dtype.Descr}; the manifest says ({split.Count}, {3 * size * size}) of |u1");
            dataOffset = offset;
        }
        return MappedPixelStore.Open(path, dataOffset, split.Count * 3L * size * size);
    }
}
