namespace Sweeps.Models;

/// <summary>Range checks shared by every model family; messages name the config key.</summary>
internal static class ModelSettings
{
    public static void RequirePositiveWidth(double width)
    {
        if (!(width > 0))
            throw new ArgumentException($"model.width must be positive, got {width}.", nameof(width));
    }

    public static void RequireDropoutRate(double rate)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentException($"model.dropout must be in [0, 1), got {rate}.", nameof(rate));
    }

    public static void RequireClasses(int classCount)
    {
        if (classCount < 1)
            throw new ArgumentException($"A classifier needs at least one class, got {classCount}.", nameof(classCount));
    }
}
