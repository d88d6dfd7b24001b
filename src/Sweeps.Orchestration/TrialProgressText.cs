namespace Sweeps.Orchestration;

/// <summary>How a running trial's progress reads, in the status table, the worker's live lines and the live page.</summary>
public static class TrialProgressText
{
    /// <summary>"1200/3000 steps".</summary>
    public static string Steps(long step, long totalSteps) => $"{step}/{totalSteps} steps";

    /// <summary>"512 img/s"; null before the first speed report.</summary>
    public static string? ImagesPerSecond(double? imagesPerSecond) => imagesPerSecond is { } speed ? $"{speed:F0} img/s" : null;

    /// <summary>"0:05:12"; null while the time left is unknown.</summary>
    public static string? Eta(TimeSpan? remaining) => remaining is { } left ? $"{left:h\\:mm\\:ss}" : null;

    /// <summary>"512 img/s, ETA 0:05:12" ("512 img/s" without a time left); null before the first speed report.</summary>
    public static string? Speed(double? imagesPerSecond, TimeSpan? remaining) =>
        ImagesPerSecond(imagesPerSecond) is { } speed ? speed + (Eta(remaining) is { } eta ? $", ETA {eta}" : "") : null;
}
