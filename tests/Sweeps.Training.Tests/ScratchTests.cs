using static TorchSharp.torch;
namespace Sweeps.Training.Tests;
public class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        using var counter = zeros(1, dtype: ScalarType.Int64);
        var stop = false;
        var collector = new Thread(() => { while (!Volatile.Read(ref stop)) { GC.Collect(0); } });
        collector.Start();
        var failures = 0; string? first = null;
        for (var i = 0; i < 3_000_000; i++)
        {
            try { counter.add_(1); } catch (Exception e) { failures++; first ??= e.Message[..70]; }
        }
        Volatile.Write(ref stop, true); collector.Join();
        Console.WriteLine($"failures {failures} counter {counter.item<long>()} {first}");
    }
}
