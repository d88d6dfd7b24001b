using System.Diagnostics;
using Sweeps.Data;
using Sweeps.Evaluation;
using Sweeps.Spec;
using Sweeps.Training;
using TorchSharp;

namespace Sweeps.Orchestration;

/// <summary>Throughput of the real training, evaluation and PS code paths for ResNet-6 (width 1)
/// at 64x64 and batch 128 on random images, measured after one warm-up pass of each.</summary>
public sealed record Throughput(double TrainImagesPerSecond, double EvalImagesPerSecond, double TripletsPerSecond, long PeakRssBytes)
{
    private const int Size = 64;
    private const int BatchSize = 128;
    private const int Batches = 12;
    private const int Triplets = 512;

    public static Throughput Measure(int threads, CancellationToken ct)
    {
        torch.set_num_threads(threads);
        var random = new Random(0);
        var images = RandomImages(random, BatchSize * Batches, classCount: 100);
        var config = new TrialConfig
        {
            Model = new ModelConfig { Family = "resnet", Depth = 6, Width = 1 },
            Train = new TrainConfig { Epochs = 2, BatchSize = BatchSize, WarmupEpochs = 0 },
        };
        var directory = Directory.CreateTempSubdirectory("sweeps-bench-").FullName;
        try
        {
            using var trainer = new TrialTrainer(config, images, directory);
            trainer.TrainToNextCheckpoint(ct);
            double train = images.Count / Time(() => trainer.TrainToNextCheckpoint(ct));

            var model = trainer.Model;
            model.eval();
            var device = torch.CPU;
            Top1Accuracy.Measure(model, images, BatchSize, device);
            double eval = images.Count / Time(() => Top1Accuracy.Measure(model, images, BatchSize, device));

            var twoAfc = new TwoAfcSet("random", [RandomCategory(random)]);
            PerceptualScorer.Score(model, twoAfc, [], BatchSize, device);
            double triplets = Triplets / Time(() => PerceptualScorer.Score(model, twoAfc, [], BatchSize, device));
            return new Throughput(train, eval, triplets, Process.GetCurrentProcess().PeakWorkingSet64);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static LabelledImages RandomImages(Random random, int count, int classCount)
    {
        var pixels = new byte[count * 3 * Size * Size];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(_ => random.Next(classCount)).ToArray();
        return new LabelledImages(pixels, labels, Size, classCount, "random images");
    }

    private static TwoAfcCategory RandomCategory(Random random)
    {
        byte[] Block()
        {
            var block = new byte[Triplets * 3 * Size * Size];
            random.NextBytes(block);
            return block;
        }
        var judges = Enumerable.Range(0, Triplets).Select(_ => random.Next(6) / 5f).ToArray();
        return new TwoAfcCategory("random", Block(), Block(), Block(), judges, Size);
    }
}
