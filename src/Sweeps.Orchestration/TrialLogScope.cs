namespace Sweeps.Orchestration;

/// <summary>A logging scope that sends every entry logged inside it to the trial's own log file as well
/// (see <see cref="TrialLogProvider"/>).</summary>
public sealed record TrialLogScope(int TrialId, int Attempt, string LogPath)
{
    public override string ToString() => $"trial {TrialId} attempt {Attempt}";
}
