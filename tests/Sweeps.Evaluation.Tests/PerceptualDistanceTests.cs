using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class PerceptualDistanceTests : TorchTest
{
    // Two channels at two positions: features0 (3,4) and (0,0); features1 (0,1) and (2,0).
    private static Tensor Features0() => tensor(new float[] { 3, 0, 4, 0 }).reshape(1, 2, 1, 2);
    private static Tensor Features1() => tensor(new float[] { 0, 2, 1, 0 }).reshape(1, 2, 1, 2);

    public static TheoryData<string> Functions => new() { "lpips", "meanpool", "style" };

    private static Func<Tensor, Tensor, Tensor> Function(string name, string styleNormalisation = ScoreConfig.PositionsStyleNormalisation) =>
        PerceptualFunction.Resolve([name], styleNormalisation)[0].Distance;

    [Fact]
    public void Lpips_of_two_positions_matches_the_hand_computation()
    {
        using var distance = PerceptualDistance.Lpips(Features0(), Features1());

        // (0.6-0)^2 + (0.8-1)^2 = 0.4 at the first; the all-zero vector stays zero: (0-1)^2 = 1 at the second.
        Assert.Equal([1L], distance.shape);
        Assert.Equal(0.7, distance.item<float>(), 6);
    }

    [Fact]
    public void Meanpool_normalises_the_spatial_mean_and_divides_by_channels()
    {
        using var distance = PerceptualDistance.Meanpool(Features0(), Features1());

        // Means (1.5, 2) -> (0.6, 0.8) and (1, 0.5) -> (2, 1)/sqrt(5); squared distance 2 - 2 * 2/sqrt(5); over C = 2.
        Assert.Equal(1 - 2 / Math.Sqrt(5), distance.item<float>(), 6);
    }

    [Fact]
    public void Style_compares_gram_matrices_of_the_normalised_features()
    {
        using var distance = PerceptualDistance.Style(Features0(), Features1());

        // Normalised positions (0.6, 0.8), (0, 0) and (0, 1), (1, 0); G = sum of outer products / 2 positions:
        // G0 = [.18 .24; .24 .32], G1 = [.5 0; 0 .5]; squared Frobenius difference .1024 + 2 * .0576 + .0324 = .25; over C^2 = 4.
        Assert.Equal(0.0625, distance.item<float>(), 6);
    }

    [Fact]
    public void Style_without_normalisation_keeps_the_gram_matrices_undivided()
    {
        using var distance = Function("style", ScoreConfig.NoStyleNormalisation)(Features0(), Features1());

        // Undivided: G0 = [.36 .48; .48 .64], G1 = [1 0; 0 1]; squared Frobenius difference
        // .4096 + 2 * .2304 + .1296 = 1; over C^2 = 4. With 2 positions that is 2^2 times the hw distance.
        Assert.Equal(0.25, distance.item<float>(), 6);
    }

    [Fact]
    public void An_unknown_style_normalisation_is_refused_with_its_key()
    {
        var error = Assert.Throws<ArgumentException>(() => PerceptualFunction.Resolve(["style"], "channels"));

        Assert.Contains("score.style_normalisation", error.Message);
    }

    [Theory]
    [InlineData("lpips", 2.0, 0.8)]
    [InlineData("meanpool", 1.0, 0.4)]
    [InlineData("style", 0.5, 0.32)]
    public void One_by_one_class_token_maps_give_one_distance_per_pair(string function, double orthogonal, double tilted)
    {
        // Pair 1: (1, 0) vs (0, 1). Pair 2: (3, 4) vs (5, 0), unit vectors (.6, .8) and (1, 0).
        // lpips |u0 - u1|^2: 2 and .4^2 + .8^2 = .8; meanpool halves those (C = 2);
        // style: G = u uT, |G0 - G1|^2 = 2 - 2 (u0.u1)^2: 2 and 2 - .72 = 1.28, over C^2 = 4.
        using var features0 = tensor(new float[] { 1, 0, 3, 4 }).reshape(2, 2, 1, 1);
        using var features1 = tensor(new float[] { 0, 1, 5, 0 }).reshape(2, 2, 1, 1);

        using var distance = Function(function)(features0, features1);

        Assert.Equal([2L], distance.shape);
        Assert.Equal(orthogonal, distance[0].item<float>(), 5);
        Assert.Equal(tilted, distance[1].item<float>(), 5);
    }

    [Theory]
    [InlineData("lpips", 0.25)]
    [InlineData("meanpool", 0.125)]
    [InlineData("style", 0.015625)]
    public void The_epsilon_is_added_to_the_norm(string function, double expected)
    {
        // |f| = 1e-10 equals the epsilon, so f normalises to 1e-10 / 2e-10 = 0.5, not to 1.
        using var tiny = tensor(new float[] { 1e-10f, 0 }).reshape(1, 2, 1, 1);
        using var zero = zeros(1, 2, 1, 1);

        using var distance = Function(function)(tiny, zero);

        Assert.Equal(expected, distance.item<float>(), 7);
    }

    [Theory]
    [InlineData("lpips", 4, 5, 6)]
    [InlineData("meanpool", 4, 5, 6)]
    [InlineData("style", 4, 5, 6)] // more positions than channels: Gram matrices
    [InlineData("style", 8, 1, 2)] // fewer positions than channels: position products
    public void Distance_is_zero_to_itself_and_symmetric(string function, int channels, int height, int width)
    {
        using var generator = new Generator(7);
        using var features0 = randn([3, channels, height, width], generator: generator);
        using var features1 = randn([3, channels, height, width], generator: generator);
        var distance = Function(function);

        using var self = distance(features0, features0);
        using var forward = distance(features0, features1);
        using var backward = distance(features1, features0);

        Assert.All(self.data<float>().ToArray(), d => Assert.Equal(0f, d, 1e-7f));
        Assert.Equal(forward.data<float>().ToArray(), backward.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.All(forward.data<float>().ToArray(), d => Assert.True(d > 1e-3f));
    }

    [Theory]
    [InlineData(5, 1, 3)] // fewer positions than channels: the position-product form
    [InlineData(2, 3, 3)] // more positions than channels: Gram matrices
    public void Style_matches_explicit_gram_matrices_in_both_forms(int channels, int height, int width)
    {
        using var generator = new Generator(11);
        using var features0 = randn([1, channels, height, width], generator: generator);
        using var features1 = randn([1, channels, height, width], generator: generator);

        using var distance = PerceptualDistance.Style(features0, features1);
        using var undivided = PerceptualDistance.Style(features0, features1, divideByPositions: false);

        Assert.Equal(PlainStyle(features0, features1, divideByPositions: true), distance.item<float>(), 5);
        Assert.Equal(PlainStyle(features0, features1, divideByPositions: false), undivided.item<float>(), 4);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Mismatched_shapes_are_refused(string function)
    {
        using var features0 = zeros(1, 2, 2, 2);
        using var features1 = zeros(1, 2, 1, 1);

        var error = Assert.Throws<ArgumentException>(() => Function(function)(features0, features1));
        Assert.Contains("[1, 2, 2, 2]", error.Message);
    }

    /// <summary>The style distance of one image pair in plain double loops: explicit C x C Gram matrices.</summary>
    private static double PlainStyle(Tensor features0, Tensor features1, bool divideByPositions)
    {
        int channels = (int)features0.shape[1], positions = (int)(features0.shape[2] * features0.shape[3]);
        double[,] Gram(Tensor features)
        {
            var values = features.to_type(ScalarType.Float64).reshape(channels, positions).data<double>().ToArray();
            var unit = new double[channels, positions];
            for (int p = 0; p < positions; p++)
            {
                double norm = Math.Sqrt(Enumerable.Range(0, channels).Sum(c => values[c * positions + p] * values[c * positions + p])) + 1e-10;
                for (int c = 0; c < channels; c++) unit[c, p] = values[c * positions + p] / norm;
            }
            var gram = new double[channels, channels];
            for (int c = 0; c < channels; c++)
                for (int d = 0; d < channels; d++)
                    gram[c, d] = Enumerable.Range(0, positions).Sum(p => unit[c, p] * unit[d, p]) / (divideByPositions ? positions : 1);
            return gram;
        }
        var (gram0, gram1) = (Gram(features0), Gram(features1));
        double sum = 0;
        for (int c = 0; c < channels; c++)
            for (int d = 0; d < channels; d++)
                sum += Math.Pow(gram0[c, d] - gram1[c, d], 2);
        return sum / (channels * channels);
    }
}
