namespace Sweeps.Data.Tests;

public class BappsJndTests
{
    [Fact]
    public void Reads_pairs_and_same_fractions_by_category()
    {
        using var split = new TempFolder();
        BappsFolders.WriteJnd(split.Path, "traditional", [0f, 2f / 3, 1f]);
        BappsFolders.WriteJnd(split.Path, "cnn", [1f / 3]);

        var set = ImageDataset.ReadJnd(split.Path);

        Assert.Equal(new[] { "cnn", "traditional" }, set.Categories.Select(category => category.Name));
        var traditional = set.Categories[1];
        Assert.Equal(new[] { 0f, 2f / 3, 1f }, traditional.Same);
        Assert.Equal(BappsFolders.Image("traditional", "p1", 2), traditional.P1[(2 * 12288)..]);
        Assert.Equal(BappsFolders.Image("traditional", "p0", 0), traditional.P0[..12288]);
        Assert.Null(set.PreparedFrom);
    }

    [Fact]
    public void Images_of_another_size_are_resized_to_64()
    {
        using var split = new TempFolder();
        BappsFolders.WriteJnd(split.Path, "cnn", [0.5f], imageSize: 32);

        var category = Assert.Single(BappsJnd.Read(split.Path).Categories);

        Assert.Equal(3 * 64 * 64, category.P0.Length);
        Assert.Equal(64, category.Size);
    }

    [Fact]
    public void Different_counts_are_reported_per_folder()
    {
        using var split = new TempFolder();
        var category = BappsFolders.WriteJnd(split.Path, "cnn", [0f, 1f]);
        File.Delete(Path.Combine(category, "same", "000001.npy"));

        var error = Assert.Throws<DataFormatException>(() => BappsJnd.Read(split.Path));

        Assert.Equal(category, error.Path);
        Assert.Contains("p0 2, p1 2, same 1", error.Problem);
    }

    [Fact]
    public void Same_file_of_integer_dtype_is_rejected_naming_it()
    {
        using var split = new TempFolder();
        var category = BappsFolders.WriteJnd(split.Path, "cnn", [0f]);
        var path = Path.Combine(category, "same", "000000.npy");
        using (var file = File.Create(path))
            NpyFormat.Write(file, NpyArray.FromInt32([1]));

        var error = Assert.Throws<DataFormatException>(() => BappsJnd.Read(split.Path));

        Assert.Equal(path, error.Path);
        Assert.Contains("<i4 is not <f4 or <f8", error.Problem);
    }
}
