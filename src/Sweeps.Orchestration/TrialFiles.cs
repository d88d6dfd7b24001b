namespace Sweeps.Orchestration;

/// <summary>Where a trial's files live under CheckpointRoot: its checkpoints and its log, side by side.</summary>
public static class TrialFiles
{
    public static string Directory(SweepsOptions options, int trialId) =>
        Path.Combine(Path.GetFullPath(options.CheckpointRoot), $"trial-{trialId:D6}");

    public static string LogPath(SweepsOptions options, int trialId) => Path.Combine(Directory(options, trialId), "trial.log");
}
