namespace Sweeps.Data.Tests;

public class PackedDataTests
{
    [Fact]
    public void Prepared_imagenet_folder_reads_back_the_same_images_memory_mapped()
    {
        using var work = new TempFolder();
        var source = WriteImageNet(work.Path, trainCount: 7, valCount: 3);
        var prepared = Path.Combine(work.Path, "prepared");

        var manifest = PackedData.Prepare(source, prepared);

        Assert.Equal("images", manifest.Kind);
        Assert.Equal(Path.GetFullPath(source), manifest.Source);
        Assert.Equal(new[] { ("train", 7L, 5), ("val", 3L, 5) }, manifest.Splits.Select(split => (split.Name, split.Count, split.ClassCount)));
        Assert.Equal(4, manifest.Files.Count);
        Assert.Empty(PackedData.Verify(prepared));
        Assert.Equal(DataLayout.Prepared, ImageDataset.Detect(prepared));
        using var original = ImageNet64Folder.ReadTrain(source);
        using var train = ImageDataset.ReadTrain(prepared);
        using var val = ImageDataset.ReadVal(prepared, train.ClassCount);
        Assert.Equal(original.Labels, train.Labels);
        Assert.Equal(original.Rows(0, 7).ToArray(), train.Rows(0, 7).ToArray());
        Assert.Equal(Path.GetFullPath(source), train.PreparedFrom);
        Assert.Contains("prepared", train.Source);
        Assert.Equal(new[] { 4, 0, 1 }, val.Labels);
        Assert.Null(original.PreparedFrom);
        // The pixel file is a plain .npy: header, then the rows exactly as in the source.
        var bytes = File.ReadAllBytes(Path.Combine(prepared, "train.images.npy"));
        Assert.Equal(NpyFormat.HeaderBytes(NpyDType.UInt8, [7, 12288]), bytes[..^(7 * 12288)]);
    }

    [Fact]
    public void Interrupted_prepare_resumes_and_ends_identical_to_an_uninterrupted_one()
    {
        using var work = new TempFolder();
        var source = WriteImageNet(work.Path, trainCount: 10, valCount: 2);
        var whole = Path.Combine(work.Path, "whole");
        var resumed = Path.Combine(work.Path, "resumed");
        PackedData.Prepare(source, whole, null, CancellationToken.None, 64, pieceRows: 3);

        using var stop = new CancellationTokenSource();
        var firstRun = new List<PrepareProgress>();
        var stopAfterTwoPieces = new SynchronousProgress(report => { firstRun.Add(report); if (firstRun.Count == 2) stop.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => PackedData.Prepare(source, resumed, stopAfterTwoPieces, stop.Token, 64, pieceRows: 3));
        Assert.False(File.Exists(Path.Combine(resumed, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(resumed, "train.images.npy.partial")));
        Assert.Contains(PackedData.Verify(resumed), problem => problem.Problem.Contains("manifest not found"));

        var secondRun = new List<PrepareProgress>();
        var manifest = PackedData.Prepare(source, resumed, new SynchronousProgress(secondRun.Add), CancellationToken.None, 64, pieceRows: 3);

        // Batch files of 4, 4 and 2 rows saved in pieces of at most 3: stopped after 3 + 1 rows.
        Assert.Equal(new long[] { 3, 4 }, firstRun.Select(report => report.ImagesDone));
        // Resumed after the first file (skipped by its header's row count): train 7, 8, 10, then val 12 of 12.
        Assert.Equal(new long[] { 7, 8, 10, 12 }, secondRun.Select(report => report.ImagesDone));
        Assert.All(secondRun, report => Assert.Equal((12L, 12L * 12288), (report.ImagesTotal!.Value, report.BytesTotal!.Value)));
        Assert.Equal(12L * 12288, secondRun[^1].BytesDone);
        Assert.Equal(PackedManifest.Read(whole).Files, manifest.Files);
        Assert.Empty(Directory.GetFiles(resumed, "*.partial"));
        Assert.False(File.Exists(Path.Combine(resumed, "prepare.progress.json")));
    }

    [Fact]
    public void Verify_lists_every_problem_by_file()
    {
        using var work = new TempFolder();
        var prepared = Path.Combine(work.Path, "prepared");
        PackedData.Prepare(WriteImageNet(work.Path, trainCount: 4, valCount: 2), prepared);
        var images = Path.Combine(prepared, "train.images.npy");
        var bytes = File.ReadAllBytes(images);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(images, bytes);
        File.Delete(Path.Combine(prepared, "val.images.npy"));
        var labels = Path.Combine(prepared, "train.labels.npy");
        using (var file = File.Create(labels))
            NpyFormat.Write(file, NpyArray.FromInt32([0, 1, 9, 2]));

        var problems = PackedData.Verify(prepared);

        Assert.Contains(problems, problem => problem.File == images && problem.Problem.Contains("SHA-256"));
        Assert.Contains(problems, problem => problem.File == Path.Combine(prepared, "val.images.npy") && problem.Problem.Contains("missing"));
        Assert.Contains(problems, problem => problem.File == labels && problem.Problem.Contains("SHA-256"));
        Assert.Contains(problems, problem => problem.File == labels && problem.Problem.Contains("label 9 at row 2 is outside 0..3"));
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Prepared_two_afc_and_jnd_read_like_the_folders()
    {
        using var work = new TempFolder();
        var twoAfc = Path.Combine(work.Path, "2afc");
        BappsFolders.WriteTwoAfc(twoAfc, "traditional", [0f, 0.4f]);
        BappsFolders.WriteTwoAfc(twoAfc, "cnn", [1f, 0.6f, 0.2f]);
        var jnd = Path.Combine(work.Path, "jnd");
        BappsFolders.WriteJnd(jnd, "cnn", [1f / 3]);

        var manifest = PackedData.Prepare(twoAfc, Path.Combine(work.Path, "p2afc"));
        PackedData.Prepare(jnd, Path.Combine(work.Path, "pjnd"));

        Assert.Equal(("2afc", 5L), (manifest.Kind, manifest.Splits.Single().Count));
        Assert.Equal(new[] { new PackedCategory("cnn", 3), new PackedCategory("traditional", 2) }, manifest.Splits.Single().Categories);
        Assert.Empty(PackedData.Verify(Path.Combine(work.Path, "p2afc")));
        var expected = BappsTwoAfc.Read(twoAfc);
        var read = ImageDataset.ReadTwoAfc(Path.Combine(work.Path, "p2afc"));
        Assert.Equal(Path.GetFullPath(twoAfc), read.PreparedFrom);
        Assert.Equal(expected.Categories.Select(category => category.Name), read.Categories.Select(category => category.Name));
        for (var index = 0; index < 2; index++)
        {
            Assert.Equal(expected.Categories[index].Judges, read.Categories[index].Judges);
            Assert.Equal(expected.Categories[index].Reference, read.Categories[index].Reference);
            Assert.Equal(expected.Categories[index].P1, read.Categories[index].P1);
        }
        var jndRead = Assert.Single(ImageDataset.ReadJnd(Path.Combine(work.Path, "pjnd")).Categories);
        Assert.Equal(new[] { 1f / 3 }, jndRead.Same);
        Assert.Equal(BappsFolders.Image("cnn", "p0", 0), jndRead.P0);
    }

    [Fact]
    public void Prepared_val_of_named_classes_is_relabelled_by_the_train_names()
    {
        using var work = new TempFolder();
        var val = Path.Combine(work.Path, "val");
        RgbImage.WritePng(Path.Combine(Directory.CreateDirectory(Path.Combine(val, "images")).FullName, "a.png"), new byte[12288], 64);
        RgbImage.WritePng(Path.Combine(val, "images", "b.png"), new byte[12288], 64);
        File.WriteAllText(Path.Combine(val, "val_annotations.txt"), "a.png\tn01\nb.png\tn02\n");
        PackedData.Prepare(val, Path.Combine(work.Path, "prepared"));

        using var images = ImageDataset.ReadVal(Path.Combine(work.Path, "prepared"), classCount: 3, trainClassNames: ["n02", "n00", "n01"]);

        Assert.Equal(new[] { 2, 0 }, images.Labels);
        Assert.Equal(3, images.ClassCount);
    }

    [Fact]
    public void Bad_sources_and_folders_are_refused_with_the_layouts_tried()
    {
        using var work = new TempFolder();
        File.WriteAllText(work.File("notes.txt"), "nothing here");
        var unknown = Assert.Throws<DataFormatException>(() => PackedData.Prepare(work.Path, Path.Combine(work.Path, "out")));
        Assert.Contains("tried: a prepared folder", unknown.Problem);

        var twoAfc = Path.Combine(work.Path, "2afc");
        var category = BappsFolders.WriteTwoAfc(twoAfc, "cnn", [0f, 1f]);
        File.Delete(Path.Combine(category, "ref", "000000.png"));
        var counts = Assert.Throws<DataFormatException>(() => PackedData.Prepare(twoAfc, Path.Combine(work.Path, "p")));
        Assert.Equal(category, counts.Path);
        Assert.Contains("ref 1, p0 2, p1 2, judge 2", counts.Problem);
    }

    [Fact]
    public void Prepare_throughput_is_measured()
    {
        using var work = new TempFolder();

        var result = PrepareBenchmark.Run(work.Path, imageCount: 50);

        Assert.Equal(55, result.Images);
        Assert.Equal(55L * 12288, result.Bytes);
        Assert.True(result.MegabytesPerSecond > 0);
    }

    /// <summary>Downsampled-ImageNet npz files: train labels 1..5 cycling, val labels 5, 1, 2 (1-based on disk).</summary>
    private static string WriteImageNet(string root, int trainCount, int valCount)
    {
        var folder = Path.Combine(root, "imagenet64");
        var random = new Random(trainCount);
        var trainPixels = new byte[trainCount * 12288];
        var valPixels = new byte[valCount * 12288];
        random.NextBytes(trainPixels);
        random.NextBytes(valPixels);
        using var train = new LabelledImages(trainPixels, Enumerable.Range(0, trainCount).Select(index => index % 5).ToArray(), 64, 5, "train");
        using var val = new LabelledImages(valPixels, new[] { 4, 0, 1 }[..valCount], 64, 5, "val");
        ImageNet64Folder.Write(folder, train, val, imagesPerBatch: 4);
        return folder;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<PrepareProgress> report) : IProgress<PrepareProgress>
    {
        public void Report(PrepareProgress value) => report(value);
    }
}
