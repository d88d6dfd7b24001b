using System.Diagnostics;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>This process's float32 matrix-multiply rate: the yardstick for a model's fraction of peak.</summary>
public static class MatmulPeak
{
    /// <summary>Flops per second of <paramref name="repetitions"/> <paramref name="size"/>^3 matmuls (2 size^3 flops each) after one untimed warm-up.</summary>
    public static double Measure(Device device, int size = 2048, int repetitions = 5)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        var left = rand(size, size, generator: generator).to(device);
        var right = rand(size, size, generator: generator).to(device);
        var product = left.matmul(right);
        product.sum().item<float>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repetitions; i++)
            product = left.matmul(right);
        // Reading a value waits for queued GPU work; on the CPU the matmuls are already done.
        product.sum().item<float>();
        return 2.0 * size * size * (double)size * repetitions / clock.Elapsed.TotalSeconds;
    }
}
