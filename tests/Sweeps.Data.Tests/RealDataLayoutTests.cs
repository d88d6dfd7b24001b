namespace Sweeps.Data.Tests;

/// <summary>The real layouts in ../shared/data through the readers and the packed format (skipped where absent).</summary>
public class RealDataLayoutTests
{
    private const string TinyImageNetVal = "tiny-imagenet-200-val/tiny-imagenet-200/val";
    private const string ImageNetSample = "imagenet-sample-100";
    private const string LpipsExamples = "lpips-examples";

    [SkippableFact]
    public void Tiny_imagenet_val_loads_through_the_annotation_layout_and_survives_prepare_and_verify()
    {
        Skip.If(SharedData.Missing(TinyImageNetVal), "shared data (tiny-imagenet-200-val) not present");
        var folder = SharedData.PathOf(TinyImageNetVal);
        Assert.Equal(DataLayout.AnnotatedImages, ImageDataset.Detect(folder));

        using var images = ImageDataset.ReadVal(folder, classCount: 200);

        Assert.Equal(10_000, images.Count);
        Assert.Equal(200, images.ClassNames.Count);
        Assert.All(images.Labels.CountBy(label => label), group => Assert.Equal(50, group.Value));
        var greyscaleJpegs = Enumerable.Range(0, images.Count)
            .Where(index => RealDataTests.JpegComponentCount(File.ReadAllBytes(Path.Combine(folder, "images", $"val_{index}.JPEG"))) == 1)
            .ToList();
        Assert.Equal(168, greyscaleJpegs.Count);
        Assert.All(greyscaleJpegs, index => Assert.True(IsGrey(images.Image(index)), $"val_{index}.JPEG has R=G=B"));
        // val_0.JPEG is n03444034, whose place among the sorted wnids is its label.
        Assert.Equal(images.ClassNames.ToList().IndexOf("n03444034"), images.Labels[0]);

        using var work = new TempFolder();
        var manifest = PackedData.Prepare(folder, work.Path);
        Assert.Empty(PackedData.Verify(work.Path));
        using var prepared = ImageDataset.ReadVal(work.Path, classCount: 200, trainClassNames: images.ClassNames);
        Assert.Equal(10_000, manifest.Splits.Single().Count);
        Assert.Equal(images.Labels, prepared.Labels);
        Assert.Equal(images.Rows(9_990, 10).ToArray(), prepared.Rows(9_990, 10).ToArray());
        Assert.Equal(Path.GetFullPath(folder), prepared.PreparedFrom);
    }

    [SkippableFact]
    public void Full_size_imagenet_photos_become_64x64_through_the_class_folder_reader()
    {
        Skip.If(SharedData.Missing(ImageNetSample), "shared data (imagenet-sample-100) not present");
        using var classes = new TempFolder();
        // The sample is flat (wnid_label.JPEG); one class folder per wnid makes it the class-folder layout.
        foreach (var photo in Directory.GetFiles(SharedData.PathOf(ImageNetSample), "*.JPEG"))
        {
            var wnid = Path.GetFileName(photo).Split('_')[0];
            File.Copy(photo, Path.Combine(Directory.CreateDirectory(Path.Combine(classes.Path, wnid)).FullName, Path.GetFileName(photo)));
        }

        using var images = ImageDataset.ReadTrain(classes.Path);

        Assert.Equal(100, images.Count);
        Assert.Equal(100, images.ClassCount);
        Assert.Equal(64, images.Size);
        Assert.All(Enumerable.Range(0, 100), index => Assert.True(images.Image(index).ToArray().Distinct().Count() > 50, "a photo has many values"));
    }

    [SkippableFact]
    public void Lpips_example_arranged_as_bapps_prepares_to_a_one_triplet_two_afc_set()
    {
        Skip.If(SharedData.Missing(LpipsExamples), "shared data (lpips-examples) not present");
        using var work = new TempFolder();
        var split = Path.Combine(work.Path, "2afc", "val");
        foreach (var (folder, file) in new[] { ("ref", "ex_ref.png"), ("p0", "ex_p0.png"), ("p1", "ex_p1.png") })
            File.Copy(SharedData.PathOf($"{LpipsExamples}/{file}"), Path.Combine(Directory.CreateDirectory(Path.Combine(split, "example", folder)).FullName, "000000.png"));
        using (var judge = File.Create(Path.Combine(Directory.CreateDirectory(Path.Combine(split, "example", "judge")).FullName, "000000.npy")))
            NpyFormat.Write(judge, new NpyArray(NpyDType.Float64, [], BitConverter.GetBytes(0.4)));

        PackedData.Prepare(split, Path.Combine(work.Path, "prepared"));
        var set = ImageDataset.ReadTwoAfc(Path.Combine(work.Path, "prepared"));

        var category = Assert.Single(set.Categories);
        Assert.Equal(("example", 1), (category.Name, category.Count));
        Assert.Equal(new[] { 0.4f }, category.Judges);
        Assert.Equal(1849937, category.Reference.Sum(value => value));
        Assert.Equal(1818347, category.P0.Sum(value => value));
        Assert.Equal(1912387, category.P1.Sum(value => value));
    }

    private static bool IsGrey(ReadOnlySpan<byte> row) =>
        row[..4096].SequenceEqual(row[4096..8192]) && row[..4096].SequenceEqual(row[8192..]);
}
