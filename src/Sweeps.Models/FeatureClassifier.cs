using Sweeps.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// Base of every trainable model: owns the input normalisation (<c>model.input_normalisation</c>:
/// ImageNet mean/std, or 2x - 1 for inputs in [-1, 1]; non-persistent buffers, so they follow the
/// model across devices but stay out of the state dict) and turns one
/// feature-collecting pass into both <see cref="Module{T,TResult}.forward"/> and
/// <see cref="ForwardWithFeatures"/>.
/// </summary>
public abstract class FeatureClassifier : Module<Tensor, Tensor>, IFeatureClassifier
{
    private const string MeanBuffer = "input_mean";
    private const string StdBuffer = "input_std";

    /// <exception cref="ArgumentException"><paramref name="inputNormalisation"/> is not a known normalisation.</exception>
    protected FeatureClassifier(string name, string inputNormalisation) : base(name)
    {
        var (mean, std) = inputNormalisation switch
        {
            ModelConfig.ImageNetInputNormalisation => (new[] { 0.485f, 0.456f, 0.406f }, new[] { 0.229f, 0.224f, 0.225f }),
            ModelConfig.MinusOneToOneInputNormalisation => (new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.5f, 0.5f, 0.5f }),
            _ => throw new ArgumentException(
                $"model.input_normalisation must be {ModelConfig.ImageNetInputNormalisation} or {ModelConfig.MinusOneToOneInputNormalisation}, got '{inputNormalisation}'.",
                nameof(inputNormalisation)),
        };
        register_buffer(MeanBuffer, tensor(mean).reshape(1, 3, 1, 1), persistent: false);
        register_buffer(StdBuffer, tensor(std).reshape(1, 3, 1, 1), persistent: false);
    }

    public abstract IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The per-channel (RGB) mean and standard deviation the forward pass normalises its [0, 1] input with
    /// (read from the model on the CPU).</summary>
    public (float[] Mean, float[] Std) InputNormalisation =>
        (Buffer(MeanBuffer).data<float>().ToArray(), Buffer(StdBuffer).data<float>().ToArray());

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return ForwardNormalized(Normalize(input), features: null).MoveToOuterDisposeScope();
    }

    public (Tensor Logits, IReadOnlyList<Tensor> Features) ForwardWithFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = new List<Tensor>(FeatureNames.Count);
        var logits = ForwardNormalized(Normalize(input), features).MoveToOuterDisposeScope();
        foreach (var feature in features)
            feature.MoveToOuterDisposeScope();
        return (logits, features);
    }

    /// <summary>The network proper on normalised input; adds each extraction point's output to <paramref name="features"/> when given.</summary>
    protected abstract Tensor ForwardNormalized(Tensor normalized, ICollection<Tensor>? features);

    private Tensor Normalize(Tensor input) => (input - Statistic(MeanBuffer, input)) / Statistic(StdBuffer, input);

    // Module.to() leaves non-persistent buffers where they are (TorchSharp 0.107), so match the input here;
    // a no-op once they already agree.
    private Tensor Statistic(string name, Tensor input) => Buffer(name).to(input.dtype, input.device);

    private Tensor Buffer(string name) =>
        get_buffer(name) ?? throw new InvalidOperationException($"{GetName()} lost its '{name}' buffer.");
}
