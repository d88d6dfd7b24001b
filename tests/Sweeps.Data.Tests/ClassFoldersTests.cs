using SkiaSharp;

namespace Sweeps.Data.Tests;

public class ClassFoldersTests
{
    [Fact]
    public void Classes_are_the_sorted_subfolders_and_images_any_size_become_64x64()
    {
        using var folder = new TempFolder();
        TestImages.Solid(Path.Combine(folder.Path, "zebra", "a.png"), 200, new SKColor(10, 20, 30));
        TestImages.Solid(Path.Combine(folder.Path, "apple", "images", "b.png"), 64, new SKColor(200, 100, 50));
        TestImages.Solid(Path.Combine(folder.Path, "apple", "images", "c.png"), 32, new SKColor(0, 255, 0));

        using var images = ClassFolders.Read(folder.Path);

        Assert.Equal(new[] { "apple", "zebra" }, images.ClassNames);
        Assert.Equal(new[] { 0, 0, 1 }, images.Labels);
        Assert.Equal(2, images.ClassCount);
        Assert.Equal((200, 100, 50), Pixel(images.Image(0), 5, 5));
        Assert.Equal((0, 255, 0), Pixel(images.Image(1), 63, 63));
        Assert.Equal((10, 20, 30), Pixel(images.Image(2), 31, 40));
    }

    [Fact]
    public void A_folder_with_one_subfolder_of_images_is_not_taken_for_a_one_class_dataset()
    {
        using var folder = new TempFolder();
        // The parent of a dataset folder, e.g. tiny-imagenet-200-val/ around val/: one subfolder.
        TestImages.Solid(Path.Combine(folder.Path, "val", "images", "a.png"), 64, new SKColor(1, 2, 3));

        Assert.False(ClassFolders.LooksLikeClassFolders(folder.Path));
        Assert.Contains("no supported data layout", Assert.Throws<DataFormatException>(() => ImageDataset.Detect(folder.Path)).Problem);
    }

    [Fact]
    public void Wide_photo_is_centre_cropped()
    {
        using var folder = new TempFolder();
        // 200x100: red left quarter, blue right quarter, green middle half = the central 100x100 square.
        TestImages.Write(Path.Combine(folder.Path, "c", "wide.png"), 200, 100,
            (x, _) => x < 50 ? SKColors.Red : x >= 150 ? SKColors.Blue : SKColors.Lime);

        using var images = ClassFolders.Read(folder.Path);

        var row = images.Image(0).ToArray();
        Assert.All(Enumerable.Range(0, 64 * 64), pixel => Assert.Equal((0, 255, 0), (row[pixel], row[4096 + pixel], row[8192 + pixel])));
    }

    [Fact]
    public void Shrinking_averages_fine_stripes_instead_of_aliasing()
    {
        using var folder = new TempFolder();
        // Stripes 2 px white, 2 px black at 10x reduction: point sampling would give whole columns of 0 or 255.
        TestImages.Write(Path.Combine(folder.Path, "c", "stripes.png"), 640, 640, (x, _) => x % 4 < 2 ? SKColors.White : SKColors.Black);

        using var images = ClassFolders.Read(folder.Path);

        var red = images.Image(0)[..4096].ToArray();
        Assert.All(red, value => Assert.InRange(value, 100, 155));
    }

    [Fact]
    public void Greyscale_image_becomes_rgb_with_equal_channels()
    {
        using var folder = new TempFolder();
        TestImages.WriteGrey(Path.Combine(folder.Path, "g", "grey.png"), 64, (x, y) => (byte)(x * 4 + y % 3));

        using var images = ClassFolders.Read(folder.Path);

        var row = images.Image(0).ToArray();
        Assert.Equal(row[..4096], row[4096..8192]);
        Assert.Equal(row[..4096], row[8192..]);
        Assert.Equal(7 * 4 + 2, row[5 * 64 + 7]);
    }

    [Fact]
    public void Unreadable_image_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        TestImages.Solid(Path.Combine(folder.Path, "a", "good.png"), 64, SKColors.Gray);
        var bad = Path.Combine(folder.Path, "a", "bad.jpg");
        File.WriteAllBytes(bad, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);

        var error = Assert.Throws<DataFormatException>(() => ClassFolders.Read(folder.Path));

        Assert.Equal(bad, error.Path);
    }

    [Fact]
    public void Given_class_list_sets_the_labels()
    {
        using var folder = new TempFolder();
        TestImages.Solid(Path.Combine(folder.Path, "b", "x.png"), 64, SKColors.Gray);

        using var images = ClassFolders.Read(folder.Path, classNames: ["a", "b", "c"]);

        Assert.Equal(new[] { 1 }, images.Labels);
        Assert.Equal(3, images.ClassCount);
        Assert.Contains("'b' is not in the class list", Assert.Throws<DataFormatException>(() => ClassFolders.Read(folder.Path, classNames: ["a"])).Problem);
    }

    private static (int, int, int) Pixel(ReadOnlySpan<byte> row, int x, int y) => (row[y * 64 + x], row[4096 + y * 64 + x], row[8192 + y * 64 + x]);
}
