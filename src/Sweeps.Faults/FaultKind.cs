namespace Sweeps.Faults;

/// <summary>Whose fault a failure is: it decides what becomes of the trial it happened to.</summary>
public enum FaultKind
{
    /// <summary>The trial's own training went wrong (a diverging loss): retried from its last checkpoint,
    /// then final when it keeps happening.</summary>
    Trial,
    /// <summary>Its data cannot be read as what it claims to be: retrying would fail the same way.</summary>
    Data,
    /// <summary>Its configuration cannot be built or run, or a request makes no sense for it: retrying
    /// would fail the same way.</summary>
    Configuration,
    /// <summary>The machine, its disk or the database failed, or another worker took the trial over:
    /// not the trial's fault, so it never counts against the trial.</summary>
    Environment,
}
