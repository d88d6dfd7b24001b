namespace Sweeps.Training.Tests;

public class TrainingOrderTests
{
    [Fact]
    public void Steps_per_epoch_drop_the_last_partial_batch()
    {
        var order = new TrainingOrder(70, batchSize: 16, seed: 0, "seventy images");

        Assert.Equal(4, order.StepsPerEpoch);
        Assert.Equal((0, 0), (order.EpochOf(0), order.OffsetOf(0)));
        Assert.Equal((0, 48), (order.EpochOf(3), order.OffsetOf(3)));
        Assert.Equal((2, 16), (order.EpochOf(9), order.OffsetOf(9)));
    }

    [Fact]
    public void Fewer_images_than_one_batch_is_rejected_naming_the_source()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingOrder(8, batchSize: 16, seed: 0, "generated solid colours"));

        Assert.Contains("generated solid colours", error.Message);
    }

    [Fact]
    public void Each_epoch_is_a_permutation_fixed_by_seed_and_epoch()
    {
        var order = new TrainingOrder(100, batchSize: 10, seed: 5, "hundred");

        var first = order.Permutation(0);

        Assert.Equal(Enumerable.Range(0, 100), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), first);
        Assert.Equal(first, new TrainingOrder(100, batchSize: 10, seed: 5, "hundred").Permutation(0));
        Assert.NotEqual(first, order.Permutation(1));
        Assert.NotEqual(first, new TrainingOrder(100, batchSize: 10, seed: 6, "hundred").Permutation(0));
    }
}
