using Sweeps.Faults;

namespace Sweeps.Cli;

/// <summary>The exit codes scripts (Slurm, systemd, CI) can rely on; README "Exit codes".</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Something the user gave is wrong: a sweep file, a setting, an argument, a name.</summary>
    public const int InvalidInput = 1;
    /// <summary>The machine, its files or the database let the command down, or an unexpected error (logged with an id).</summary>
    public const int Environment = 2;
    /// <summary>Stopped by Ctrl+C before it finished, as shells report a process ended by SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>The one mapping of a fault to an exit code: the environment's faults are 2, all others the input's.</summary>
    public static int For(FaultKind fault) => fault == FaultKind.Environment ? Environment : InvalidInput;
}
