namespace Sweeps.Storage;

/// <summary>A trial a worker is running, with the progress its holder last reported
/// (<paramref name="TotalSteps"/> is 0 until the trainer has reported once).</summary>
public sealed record RunningTrial(
    int Id, string Label, int Attempt, long Step, long TotalSteps, double? ImagesPerSecond, string ConfigJson);
