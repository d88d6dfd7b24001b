using SkiaSharp;

namespace Sweeps.Data.Tests;

public class AnnotatedImagesTests
{
    [Fact]
    public void Labels_index_the_sorted_wnids_of_the_parent_folder()
    {
        using var root = new TempFolder();
        var val = WriteVal(root.Path, "val_0.JPEG\tn02\t0\t0\t10\t10\nval_1.JPEG\tn01\t1\t1\t5\t5\n");
        File.WriteAllText(Path.Combine(root.Path, "wnids.txt"), "n03\nn02\nn01\n");

        using var images = AnnotatedImages.Read(val);

        Assert.Equal(new[] { "n01", "n02", "n03" }, images.ClassNames);
        Assert.Equal(new[] { 1, 0 }, images.Labels);
        Assert.Equal(3, images.ClassCount);
        Assert.Equal(200, images.Image(0)[0]);
        Assert.Equal(50, images.Image(1)[0]);
    }

    [Fact]
    public void Without_wnids_the_sorted_annotated_classes_are_used()
    {
        using var root = new TempFolder();
        var val = WriteVal(root.Path, "val_0.JPEG\tn09\nval_1.JPEG\tn05\n");

        using var images = ImageDataset.ReadVal(val, classCount: 2);

        Assert.Equal(new[] { 1, 0 }, images.Labels);
    }

    [Fact]
    public void Train_class_names_decide_the_labels()
    {
        using var root = new TempFolder();
        var val = WriteVal(root.Path, "val_0.JPEG\tn02\nval_1.JPEG\tn01\n");

        using var images = ImageDataset.ReadVal(val, classCount: 3, trainClassNames: ["n02", "n00", "n01"]);

        Assert.Equal(new[] { 0, 2 }, images.Labels);
    }

    [Fact]
    public void Unknown_class_is_rejected_with_file_and_line()
    {
        using var root = new TempFolder();
        var val = WriteVal(root.Path, "val_0.JPEG\tn02\nval_1.JPEG\tn07\n");
        File.WriteAllText(Path.Combine(val, "wnids.txt"), "n01\nn02\n");

        var error = Assert.Throws<DataFormatException>(() => AnnotatedImages.Read(val));

        Assert.Equal(Path.Combine(val, "val_annotations.txt"), error.Path);
        Assert.Contains("line 2: class 'n07'", error.Problem);
    }

    [Fact]
    public void Line_without_a_class_is_rejected()
    {
        using var root = new TempFolder();
        var val = WriteVal(root.Path, "val_0.JPEG\tn02\nval_1.JPEG\n");

        Assert.Contains("line 2 is not", Assert.Throws<DataFormatException>(() => AnnotatedImages.Read(val)).Problem);
    }

    private static string WriteVal(string root, string annotations)
    {
        var val = Path.Combine(root, "val");
        TestImages.Solid(Path.Combine(val, "images", "val_0.JPEG"), 64, new SKColor(200, 200, 200));
        TestImages.Solid(Path.Combine(val, "images", "val_1.JPEG"), 64, new SKColor(50, 50, 50));
        File.WriteAllText(Path.Combine(val, "val_annotations.txt"), annotations);
        return val;
    }
}
