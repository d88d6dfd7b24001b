using System.Security.Cryptography;

namespace Sweeps.Data.Tests;

public class DemoDataTests
{
    private static readonly DemoDataOptions Small = new()
    {
        Seed = 7,
        ClassCount = 4,
        TrainImagesPerClass = 15,
        ValImagesPerClass = 5,
        TripletsPerCategory = 12,
    };

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        DemoData.Ensure(first.Path, Small);
        DemoData.Ensure(second.Path, Small);

        var firstHashes = FileHashes(first.Path);
        Assert.Equal(firstHashes, FileHashes(second.Path));
        Assert.Contains(Path.Combine("imagenet64", "train_data_batch_1.npz"), firstHashes.Keys);
        Assert.Contains(Path.Combine("bapps", "2afc", "val", "noise-blur", "judge", "000011.npy"), firstHashes.Keys);
    }

    [Fact]
    public void Another_seed_gives_other_images()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        var folders = DemoData.Ensure(first.Path, Small);
        var otherFolders = DemoData.Ensure(second.Path, Small with { Seed = 8 });

        Assert.NotEqual(AllRows(ImageNet64Folder.ReadTrain(folders.ImageNet)), AllRows(ImageNet64Folder.ReadTrain(otherFolders.ImageNet)));
    }

    [Fact]
    public void Classes_are_balanced_in_train_and_val()
    {
        using var root = new TempFolder();

        var folders = DemoData.Ensure(root.Path, Small);

        var train = ImageNet64Folder.ReadTrain(folders.ImageNet);
        var val = ImageNet64Folder.ReadVal(folders.ImageNet, train.ClassCount);
        Assert.Equal(4, train.ClassCount);
        Assert.Equal(60, train.Count);
        Assert.Equal(20, val.Count);
        Assert.All(train.Labels.CountBy(label => label), group => Assert.Equal(15, group.Value));
        Assert.All(val.Labels.CountBy(label => label), group => Assert.Equal(5, group.Value));
        Assert.Equal(4, val.Labels.Distinct().Count());
    }

    [Fact]
    public void Judges_are_fifths_and_categories_are_complete()
    {
        using var root = new TempFolder();

        var set = BappsTwoAfc.Read(DemoData.Ensure(root.Path, Small).BappsVal);

        Assert.Equal(new[] { "colour-geometry", "noise-blur" }, set.Categories.Select(category => category.Name));
        float[] fifths = [0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f];
        foreach (var category in set.Categories)
        {
            Assert.Equal(12, category.Count);
            Assert.All(category.Judges, judge => Assert.Contains(judge, fifths));
            Assert.NotEqual(category.Reference, category.P0);
            Assert.NotEqual(category.P0, category.P1);
        }
    }

    [Fact]
    public void Judges_follow_the_observer_distances()
    {
        using var root = new TempFolder();
        var set = BappsTwoAfc.Read(DemoData.Ensure(root.Path, Small with { TripletsPerCategory = 40 }).BappsVal);

        // Where the observer is confident (probability beyond 0.05 / 0.95) the 5 raters rarely disagree with it.
        var (agree, confident) = (0, 0);
        foreach (var category in set.Categories)
        {
            for (var triplet = 0; triplet < category.Count; triplet++)
            {
                var image = new Range(triplet * 12288, (triplet + 1) * 12288);
                var probability = SimulatedObserver.ProbabilityP1Closer(
                    SimulatedObserver.Distance(category.Reference[image], category.P0[image], 64),
                    SimulatedObserver.Distance(category.Reference[image], category.P1[image], 64));
                if (probability is > 0.05 and < 0.95)
                    continue;
                confident++;
                if (probability > 0.5 == category.Judges[triplet] > 0.5f)
                    agree++;
            }
        }
        Assert.True(confident >= 20, $"only {confident} confident triplets");
        Assert.Equal(confident, agree);
    }

    [Fact]
    public void Complete_data_is_kept_and_interrupted_data_is_regenerated()
    {
        using var root = new TempFolder();
        var folders = DemoData.Ensure(root.Path, Small);
        var batch = Path.Combine(folders.ImageNet, "train_data_batch_1.npz");
        var original = File.ReadAllBytes(batch);
        File.WriteAllText(Path.Combine(folders.ImageNet, "stray.txt"), "left by hand");

        DemoData.Ensure(root.Path, Small);
        Assert.True(File.Exists(Path.Combine(folders.ImageNet, "stray.txt")), "a complete generation is not redone");

        File.Delete(Path.Combine(root.Path, "demo-data.complete"));
        File.WriteAllBytes(batch, original[..1000]);
        DemoData.Ensure(root.Path, Small);

        Assert.False(File.Exists(Path.Combine(folders.ImageNet, "stray.txt")));
        Assert.Equal(original, File.ReadAllBytes(batch));
    }

    [Fact]
    public void Changed_options_regenerate()
    {
        using var root = new TempFolder();
        DemoData.Ensure(root.Path, Small);

        var folders = DemoData.Ensure(root.Path, Small with { ClassCount = 3 });

        Assert.Equal(3, ImageNet64Folder.ReadTrain(folders.ImageNet).ClassCount);
    }

    private static byte[] AllRows(LabelledImages images) => images.Rows(0, images.Count).ToArray();

    private static SortedDictionary<string, string> FileHashes(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(root, file), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))),
        StringComparer.Ordinal);
}
