namespace Sweeps.Cli.Chaos;

/// <summary>The figures of one <c>bench chaos</c> run, the killed installation against the uninterrupted one.</summary>
public sealed record ChaosReport(
    int Kills,
    int Trials,
    int TrialsCompleted,
    int EpochsLost,
    int Attempts,
    int Interruptions,
    int FailedAttempts,
    int DuplicateRows,
    int Checkpoints,
    int IdenticalCheckpoints,
    int ScoreRows,
    int ChaosScoreRows,
    int IdenticalScoreRows,
    TimeSpan ChaosWall,
    TimeSpan UninterruptedWall,
    string Folder)
{
    public bool BitIdentical => Checkpoints > 0 && IdenticalCheckpoints == Checkpoints
        && ScoreRows > 0 && IdenticalScoreRows == ScoreRows && ChaosScoreRows == ScoreRows;
}
