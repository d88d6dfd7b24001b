namespace Sweeps.Spec;

/// <summary>Checks of a sweep file that need the world outside it.</summary>
public sealed record SweepValidation
{
    /// <summary>
    /// Whether a data path (as written: relative paths are the caller's to resolve, e.g. against the
    /// data root) exists. When given, every data.train, data.val, score.bapps and non-empty
    /// score.jnd value a trial uses must exist; each missing one is an error at the value.
    /// </summary>
    public Func<string, bool>? DataPathExists { get; init; }

    /// <summary>
    /// Why a device cannot be trained on by this build on this machine (naming the devices it
    /// supports), or null when it can. When given, every non-empty train.device a trial uses is
    /// checked; each one it cannot use is an error at the value.
    /// </summary>
    public Func<string, string?>? DeviceProblem { get; init; }
}
