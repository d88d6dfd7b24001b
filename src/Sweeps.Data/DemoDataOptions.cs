namespace Sweeps.Data;

/// <summary>Size and seed of the synthetic demo data (defaults: 10 classes, 1,000 train + 100 val images each, 300 triplets per BAPPS category).</summary>
public sealed record DemoDataOptions
{
    public int Seed { get; init; } = 1;
    /// <summary>2 to 60 classes.</summary>
    public int ClassCount { get; init; } = 10;
    public int TrainImagesPerClass { get; init; } = 1000;
    public int ValImagesPerClass { get; init; } = 100;
    public int TripletsPerCategory { get; init; } = 300;
}
