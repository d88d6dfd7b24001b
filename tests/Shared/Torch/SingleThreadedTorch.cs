using static TorchSharp.torch;

namespace Sweeps.Testing;

/// <summary>Tests run torch on one thread: repeatable and fair to the other work on a 2-core machine.</summary>
internal static class SingleThreadedTorch
{
    private static readonly Lazy<bool> Configured = new(() =>
    {
        set_num_threads(1);
        return true;
    });

    public static void Ensure() => _ = Configured.Value;
}
