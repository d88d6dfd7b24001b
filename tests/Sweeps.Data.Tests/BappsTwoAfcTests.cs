namespace Sweeps.Data.Tests;

public class BappsTwoAfcTests
{
    [Fact]
    public void Reads_categories_in_name_order_with_files_paired_by_sorted_name()
    {
        using var split = new TempFolder();
        WriteCategory(split.Path, "zeta", judges: [0.2f, 1f]);
        WriteCategory(split.Path, "alpha", judges: [0f, 0.4f, 0.6f]);

        var set = BappsTwoAfc.Read(split.Path);

        Assert.Equal(split.Path, set.Folder);
        Assert.Equal(new[] { "alpha", "zeta" }, set.Categories.Select(category => category.Name));
        var alpha = set.Categories[0];
        Assert.Equal(3, alpha.Count);
        Assert.Equal(64, alpha.Size);
        Assert.Equal(new[] { 0f, 0.4f, 0.6f }, alpha.Judges);
        for (var triplet = 0; triplet < 3; triplet++)
        {
            Assert.Equal(Image(Seed("alpha", "ref", triplet)), alpha.Reference.AsSpan(triplet * 12288, 12288).ToArray());
            Assert.Equal(Image(Seed("alpha", "p0", triplet)), alpha.P0.AsSpan(triplet * 12288, 12288).ToArray());
            Assert.Equal(Image(Seed("alpha", "p1", triplet)), alpha.P1.AsSpan(triplet * 12288, 12288).ToArray());
        }
    }

    [Fact]
    public void Different_file_counts_are_reported_with_each_folder_count()
    {
        using var split = new TempFolder();
        var category = WriteCategory(split.Path, "cnn", judges: [0f, 1f, 0.2f]);
        File.Delete(Path.Combine(category, "p1", "000001.png"));

        var error = Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path));

        Assert.Equal(category, error.Path);
        Assert.Contains("ref 3, p0 3, p1 2, judge 3", error.Message);
    }

    [Fact]
    public void Judge_as_float64_scalar_is_accepted()
    {
        using var split = new TempFolder();
        var category = WriteCategory(split.Path, "traditional", judges: [0.4f]);
        using (var judge = File.Create(Path.Combine(category, "judge", "000000.npy")))
            NpyFormat.Write(judge, new NpyArray(NpyDType.Float64, [], BitConverter.GetBytes(0.6)));

        var set = BappsTwoAfc.Read(split.Path);

        Assert.Equal(new[] { 0.6f }, set.Categories[0].Judges);
    }

    [Fact]
    public void Integer_judge_is_rejected_naming_the_file()
    {
        using var split = new TempFolder();
        var category = WriteCategory(split.Path, "traditional", judges: [0.4f]);
        var path = Path.Combine(category, "judge", "000000.npy");
        using (var judge = File.Create(path))
            NpyFormat.Write(judge, NpyArray.FromInt64([1]));

        var error = Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path));

        Assert.Equal(path, error.Path);
        Assert.Contains("<i8", error.Message);
    }

    [Fact]
    public void Judge_outside_zero_to_one_or_with_two_values_is_rejected()
    {
        using var split = new TempFolder();
        var category = WriteCategory(split.Path, "color", judges: [1.5f, 0f]);
        var second = Path.Combine(category, "judge", "000001.npy");
        Assert.Contains("outside [0, 1]", Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path)).Message);

        File.Delete(Path.Combine(category, "judge", "000000.npy"));
        File.Delete(Path.Combine(category, "ref", "000000.png"));
        File.Delete(Path.Combine(category, "p0", "000000.png"));
        File.Delete(Path.Combine(category, "p1", "000000.png"));
        using (var judge = File.Create(second))
            NpyFormat.Write(judge, NpyArray.FromFloat32([0.2f, 0.4f]));
        var error = Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path));
        Assert.Equal(second, error.Path);
        Assert.Contains("shape (2,) is not () or (1,)", error.Message);
    }

    [Fact]
    public void Missing_or_empty_folders_are_named()
    {
        using var split = new TempFolder();
        Assert.Equal(split.File("absent"), Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.File("absent"))).Path);
        Assert.Contains("no category folders", Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path)).Message);

        var category = WriteCategory(split.Path, "deblur", judges: [0.2f]);
        Directory.Delete(Path.Combine(category, "p0"), recursive: true);
        Assert.Equal(Path.Combine(category, "p0"), Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path)).Path);

        Directory.CreateDirectory(Path.Combine(category, "p0"));
        var empty = Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path));
        Assert.Equal(Path.Combine(category, "p0"), empty.Path);
        Assert.Contains("empty", empty.Message);
    }

    [Fact]
    public void Undecodable_image_is_named()
    {
        using var split = new TempFolder();
        var category = WriteCategory(split.Path, "cnn", judges: [0f, 1f]);
        var broken = Path.Combine(category, "p0", "000001.png");
        File.WriteAllText(broken, "not a png");

        Assert.Equal(broken, Assert.Throws<DataFormatException>(() => BappsTwoAfc.Read(split.Path)).Path);
    }

    /// <summary>A category folder with one triplet per judge; file names written in reverse order.</summary>
    private static string WriteCategory(string split, string name, float[] judges)
    {
        var category = Path.Combine(split, name);
        foreach (var part in new[] { "ref", "p0", "p1", "judge" })
            Directory.CreateDirectory(Path.Combine(category, part));
        for (var triplet = judges.Length - 1; triplet >= 0; triplet--)
        {
            var file = $"{triplet:D6}";
            foreach (var part in new[] { "ref", "p0", "p1" })
                RgbImage.WritePng(Path.Combine(category, part, file + ".png"), Image(Seed(name, part, triplet)), 64);
            using var judge = File.Create(Path.Combine(category, "judge", file + ".npy"));
            NpyFormat.Write(judge, NpyArray.FromFloat32([judges[triplet]]));
        }
        return category;
    }

    private static int Seed(string category, string part, int triplet) => category.Length * 1000 + part[^1] * 10 + triplet;

    private static byte[] Image(int seed)
    {
        var chw = new byte[3 * 64 * 64];
        new Random(seed).NextBytes(chw);
        return chw;
    }
}
