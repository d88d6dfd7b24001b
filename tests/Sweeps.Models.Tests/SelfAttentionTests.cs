using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

public class SelfAttentionTests
{
    public SelfAttentionTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Matches_a_head_by_head_float64_reference()
    {
        using var scope = NewDisposeScope();
        const int hidden = 6, heads = 2, headSize = 3;
        random.manual_seed(7);
        using var attention = new SelfAttention(hidden, heads);
        var weights = attention.state_dict();
        using (no_grad())
            weights["in_proj_bias"].normal_();
        var tokens = randn(2, 5, hidden);

        var output = attention.call(tokens);

        var x = tokens.to(float64);
        var inWeight = weights["in_proj_weight"].to(float64);
        var inBias = weights["in_proj_bias"].to(float64);
        Tensor Project(int part, int head, Tensor sample)
        {
            // Rows of in_proj_weight: all query rows, then key rows, then value rows; heads are consecutive slices.
            var first = part * hidden + head * headSize;
            return sample.matmul(inWeight[first..(first + headSize)].t()) + inBias[first..(first + headSize)];
        }
        var samples = new List<Tensor>();
        for (var n = 0; n < 2; n++)
        {
            var headOutputs = new List<Tensor>();
            for (var head = 0; head < heads; head++)
            {
                var scores = Project(0, head, x[n]).matmul(Project(1, head, x[n]).t()) / Math.Sqrt(headSize);
                headOutputs.Add(scores.softmax(1).matmul(Project(2, head, x[n])));
            }
            samples.Add(cat(headOutputs, 1));
        }
        var expected = nn.functional.linear(stack(samples),
            weights["out_proj.weight"].to(float64), weights["out_proj.bias"].to(float64));
        Assert.Equal([2L, 5, hidden], output.shape);
        Assert.True(output.to(float64).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Identical_tokens_attend_uniformly_so_each_output_is_the_projected_value()
    {
        using var scope = NewDisposeScope();
        using var attention = new SelfAttention(4, 2);
        var weights = attention.state_dict();
        var token = randn(1, 1, 4);

        var output = attention.call(token.expand(1, 3, 4));

        var value = nn.functional.linear(token, weights["in_proj_weight"][8..12], weights["in_proj_bias"][8..12]);
        var expected = nn.functional.linear(value, weights["out_proj.weight"], weights["out_proj.bias"]);
        for (var position = 0; position < 3; position++)
            Assert.True(output[0, position].allclose(expected[0, 0], rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Rejects_a_head_count_that_does_not_divide_the_hidden_size()
    {
        var error = Assert.Throws<ArgumentException>(() => new SelfAttention(10, 3));

        Assert.Contains("3 attention heads", error.Message);
    }
}
