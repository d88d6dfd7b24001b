namespace Sweeps.Cli;

/// <summary>How a running trial's progress reads, in the status table and in the worker's live lines.</summary>
public static class TrialProgressText
{
    /// <summary>"1200/3000 steps".</summary>
    public static string Steps(long step, long totalSteps) => $"{step}/{totalSteps} steps";

    /// <summary>"512 img/s, ETA 0:05:12" ("512 img/s" without a time left); null before the first speed report.</summary>
    public static string? Speed(double? imagesPerSecond, TimeSpan? remaining) =>
        imagesPerSecond is { } speed ? $"{speed:F0} img/s" + (remaining is { } left ? $", ETA {left:h\\:mm\\:ss}" : "") : null;
}
