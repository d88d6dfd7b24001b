namespace Sweeps.Data.Tests;

public class ClassSubsetTests
{
    [Fact]
    public void Explicit_list_keeps_its_order_and_relabels_train_and_val_alike()
    {
        var subset = ClassSubset.Choose(totalClasses: 4, count: 0, explicitClasses: [3, 1], seed: 0);
        using var train = Images([0, 1, 2, 3, 3, 1]);
        using var val = Images([1, 3, 0]);

        using var trainSubset = subset.Apply(train);
        using var valSubset = subset.Apply(val);

        Assert.Equal(new[] { 1, 0, 0, 1 }, trainSubset.Labels);
        Assert.Equal(2, trainSubset.ClassCount);
        Assert.Equal(new[] { "c3", "c1" }, trainSubset.ClassNames);
        // Rows 1, 3, 4, 5 of the original, in order: each row's bytes are its original index.
        Assert.Equal(new byte[] { 1, 3, 4, 5 }, Enumerable.Range(0, 4).Select(row => trainSubset.Image(row)[0]));
        Assert.Equal(new[] { 1, 0 }, valSubset.Labels);
        Assert.Equal(new byte[] { 0, 1 }, Enumerable.Range(0, 2).Select(row => valSubset.Image(row)[100]));
    }

    [Fact]
    public void Seeded_draw_is_deterministic_sorted_and_nested()
    {
        var fifty = ClassSubset.Choose(1000, 50, [], seed: 7);
        var again = ClassSubset.Choose(1000, 50, [], seed: 7);
        var hundred = ClassSubset.Choose(1000, 100, [], seed: 7);
        var otherSeed = ClassSubset.Choose(1000, 50, [], seed: 8);

        Assert.Equal(fifty.Classes, again.Classes);
        Assert.Equal(50, fifty.Classes.Distinct().Count());
        Assert.Equal(fifty.Classes.Order(), fifty.Classes);
        Assert.Subset(hundred.Classes.ToHashSet(), fifty.Classes.ToHashSet());
        Assert.NotEqual(fifty.Classes, otherSeed.Classes);
    }

    [Fact]
    public void Zero_means_every_class()
    {
        Assert.Equal(new[] { 0, 1, 2 }, ClassSubset.Choose(3, 0, [], seed: 1).Classes);
    }

    [Fact]
    public void Invalid_requests_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassSubset.Choose(10, 11, [], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassSubset.Choose(10, 0, [10], 0));
        Assert.Throws<ArgumentException>(() => ClassSubset.Choose(10, 0, [2, 2], 0));
        using var images = Images([0, 1]);
        Assert.Throws<ArgumentException>(() => ClassSubset.Choose(5, 2, [], 0).Apply(images));
    }

    /// <summary>One 8x8 image per label whose every byte is its row index; classes c0..c3.</summary>
    private static LabelledImages Images(int[] labels)
    {
        var pixels = labels.SelectMany((_, row) => Enumerable.Repeat((byte)row, 192)).ToArray();
        return new LabelledImages(pixels, labels, 8, 4, "test") { ClassNames = ["c0", "c1", "c2", "c3"] };
    }
}
