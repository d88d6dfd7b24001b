using Sweeps.EarlyStopping;
using Sweeps.Spec;
using Sweeps.Storage;
using StoppingStatus = Sweeps.EarlyStopping.TrialStatus;
using ScoredCheckpoint = Sweeps.EarlyStopping.ScoredCheckpoint;

namespace Sweeps.Orchestration;

/// <summary>Turns the stored score histories of a sweep's trials into the immutable snapshots the
/// early-stopping rules and replay read. A trial's cost is its steps times its batch size.</summary>
public static class StudyHistories
{
    public static TrialHistory ToSnapshot(TrialScoreHistory trial)
    {
        int batchSize = TrialConfig.FromJson(trial.ConfigJson).Train.BatchSize;
        return new TrialHistory(trial.Index, StatusOf(trial.State),
            trial.Checkpoints.Select(c => new ScoredCheckpoint(c.Step, c.Step * batchSize, c.Scores)));
    }

    /// <summary>Failed, diverged and cancelled trials ended before their last checkpoint, as stopped ones did.</summary>
    private static StoppingStatus StatusOf(TrialState state) => state switch
    {
        TrialState.Completed => StoppingStatus.Completed,
        TrialState.Stopped or TrialState.Failed or TrialState.Diverged or TrialState.Cancelled => StoppingStatus.Stopped,
        _ => StoppingStatus.Running,
    };
}
