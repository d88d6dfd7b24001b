using System.Diagnostics;
using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Sweeps.Training;

/// <summary>
/// Training speed of a model on random 64x64 data (the loader is left out, see
/// <see cref="LoaderBenchmark"/>): the trainer's step (forward, loss read back, backward, optimiser
/// step) repeated, with memory sampled along the way and the flop rate set against a matmul peak
/// measured in the same process. Thread count is the caller's.
/// </summary>
public static class TrainingBenchmark
{
    public const int ImageSize = 64;
    public const int ClassCount = 1000;
    private static readonly int[] RssSteps = [10, 100, 1000];

    /// <param name="train">Batch size, optimiser, learning rate and device of the steps.</param>
    public static TrainingBenchmarkResult Run(ModelConfig model, TrainConfig train, int steps, CancellationToken ct)
    {
        if (steps < 2)
            throw new ArgumentException($"A benchmark needs a warm-up step and at least one timed step, got {steps} steps.", nameof(steps));
        var device = TrainingDevice.For(train);
        random.manual_seed(train.Seed);
        using var network = ModelFactory.Create(model, ClassCount);
        network.to(device);
        using var optimizer = TrainingOptimizer.Create(network, train, train.LearningRate * train.BatchSize / 256.0);
        var multiplyAdds = MultiplyAddCounter.PerImage(network, ImageSize, device);

        using var data = NewDisposeScope();
        var generator = new Generator(1);
        var images = rand(train.BatchSize, 3, ImageSize, ImageSize, generator: generator).to(device);
        var labels = randint(ClassCount, [train.BatchSize], generator: generator).to(device);
        var rss = new List<RssSample>();
        network.train();
        var clock = new Stopwatch();
        for (var step = 1; step <= steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            // Step 1 allocates the autograd and optimiser buffers: warm-up, not timed.
            if (step == 2)
                clock.Start();
            using (NewDisposeScope())
            {
                var loss = cross_entropy(network.call(images), labels);
                loss.item<float>();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            if (RssSteps.Contains(step))
                rss.Add(new RssSample(step, Environment.WorkingSet));
        }
        var imagesPerSecond = (steps - 1) * (double)train.BatchSize / clock.Elapsed.TotalSeconds;
        var trainingFlops = 6.0 * multiplyAdds;
        var peak = MatmulPeak.Measure(device);
        return new TrainingBenchmarkResult(steps, train.BatchSize, imagesPerSecond, rss, multiplyAdds, trainingFlops,
            peak, imagesPerSecond * trainingFlops / peak);
    }
}
