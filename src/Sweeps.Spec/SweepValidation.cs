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
}
