namespace Sweeps.Spec;

/// <summary>
/// A sweep's <c>early_terminate</c> block: which rule may stop a running trial before its last
/// checkpoint. One subtype per <c>type</c>; Sweeps.EarlyStopping turns it into a rule.
/// </summary>
public abstract record EarlyTerminate
{
    /// <summary>The block's <c>type</c> as written in the file.</summary>
    public abstract string Type { get; }
}
