namespace Sweeps.Cli.Chaos;

/// <summary>What <c>bench chaos</c> runs: <paramref name="Trials"/> ResNet-6 trials of <paramref name="Epochs"/>
/// epochs with a checkpoint every <paramref name="EverySteps"/> steps, whose worker's process group is killed
/// <paramref name="Kills"/> times, each at a moment drawn from <paramref name="Seed"/> between
/// <paramref name="MinDelaySeconds"/> and <paramref name="MaxDelaySeconds"/> after the worker's first new
/// checkpoint. <paramref name="KeepFolder"/>, when set, keeps both installations there.</summary>
public sealed record ChaosSettings(
    int Kills, int Seed, int Trials, int Epochs, int EverySteps, bool ChildProcesses, string? KeepFolder,
    double MinDelaySeconds = 0.2, double MaxDelaySeconds = 1.5);
