using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class PerceptualDistanceTests : TorchTest
{
    [Fact]
    public void Two_channels_at_two_positions_match_the_hand_computation()
    {
        // Positions: features0 (3,4) and (0,0); features1 (0,1) and (2,0).
        using var features0 = tensor(new float[] { 3, 0, 4, 0 }).reshape(1, 2, 1, 2);
        using var features1 = tensor(new float[] { 0, 2, 1, 0 }).reshape(1, 2, 1, 2);

        using var distance = PerceptualDistance.Lpips(features0, features1);

        // (0.6-0)^2 + (0.8-1)^2 = 0.4 at the first; the all-zero vector stays zero: (0-1)^2 = 1 at the second.
        Assert.Equal([1L], distance.shape);
        Assert.Equal(0.7, distance.item<float>(), 6);
    }

    [Fact]
    public void The_epsilon_is_added_to_the_norm()
    {
        // |f| = 1e-10 equals the epsilon, so f normalises to 1e-10 / 2e-10 = 0.5, not to 1.
        using var tiny = tensor(new float[] { 1e-10f, 0 }).reshape(1, 2, 1, 1);
        using var zero = zeros(1, 2, 1, 1);

        using var distance = PerceptualDistance.Lpips(tiny, zero);

        Assert.Equal(0.25, distance.item<float>(), 5);
    }

    [Fact]
    public void One_by_one_maps_give_one_distance_per_pair()
    {
        // Pair 1: orthogonal unit vectors, squared distance 2. Pair 2: same direction, distance 0.
        using var features0 = tensor(new float[] { 1, 0, 2, 2 }).reshape(2, 2, 1, 1);
        using var features1 = tensor(new float[] { 0, 1, 5, 5 }).reshape(2, 2, 1, 1);

        using var distance = PerceptualDistance.Lpips(features0, features1);

        Assert.Equal([2.0f, 0.0f], distance.data<float>().ToArray().Select(d => MathF.Round(d, 5)));
    }

    [Fact]
    public void Distance_is_zero_to_itself_and_symmetric()
    {
        using var generator = new TorchSharp.torch.Generator(7);
        using var features0 = randn([3, 4, 5, 6], generator: generator);
        using var features1 = randn([3, 4, 5, 6], generator: generator);

        using var self = PerceptualDistance.Lpips(features0, features0);
        using var forward = PerceptualDistance.Lpips(features0, features1);
        using var backward = PerceptualDistance.Lpips(features1, features0);

        Assert.All(self.data<float>().ToArray(), d => Assert.Equal(0f, d));
        Assert.Equal(forward.data<float>().ToArray(), backward.data<float>().ToArray());
        Assert.All(forward.data<float>().ToArray(), d => Assert.InRange(d, 0.5f, 4f));
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        using var features0 = zeros(1, 2, 2, 2);
        using var features1 = zeros(1, 2, 1, 1);

        var error = Assert.Throws<ArgumentException>(() => PerceptualDistance.Lpips(features0, features1));
        Assert.Contains("[1, 2, 2, 2]", error.Message);
    }
}
