using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary>The shape of <c>status --json</c>: the sweeps with their trials, and the workers heard from in
/// the last ten minutes; snake_case keys, states by name, times in UTC.</summary>
public sealed record StatusJson(IReadOnlyList<SweepJson> Sweeps, IReadOnlyList<WorkerStatus> Workers);

public sealed record SweepJson(int Id, string Name, string Title, bool SyntheticData, string BestBy, IReadOnlyList<TrialJson> Trials)
{
    public static SweepJson From(SweepStatus sweep) => new(sweep.Sweep.Id, sweep.Sweep.Name, sweep.Title, sweep.Synthetic, sweep.BestBy.Name,
        sweep.Trials.Select(line => TrialJson.From(line.Trial, line.Remaining)).ToList());
}

public sealed record TrialJson(
    int Id, int Index, string Label, TrialState State, OperatorRequest? Request, string? RequestReason, int Priority, bool Reused,
    int Attempts, int Interruptions, int FailedAttempts, int CompletedEpochs, long Step, long TotalSteps,
    double? ImagesPerSecond, double? EtaSeconds, string? Worker, DateTime? HeartbeatAt,
    double? BestTop1, double? BestPs, BestCheckpoint? Best, string? Error, string? Log)
{
    public static TrialJson From(TrialStatus t, TimeSpan? remaining) => new(
        t.Id, t.Index, t.Label, t.State, t.Request, t.RequestReason, t.Priority, t.Reused,
        t.Attempts, t.Interruptions, t.FailedAttempts, t.CompletedEpochs, t.Step, t.TotalSteps,
        t.ImagesPerSecond, remaining?.TotalSeconds, t.WorkerId, t.HeartbeatAt,
        t.BestTop1, t.BestPs, t.Best, t.Error, t.LogPath);
}
