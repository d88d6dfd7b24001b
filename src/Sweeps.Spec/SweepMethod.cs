namespace Sweeps.Spec;

/// <summary>How a sweep file turns into configurations.</summary>
public enum SweepMethod
{
    /// <summary>Cartesian product of the <c>parameters</c> and <c>zip</c> axes, the first written varying slowest.</summary>
    Grid,

    /// <summary>The <c>trials</c> entries, each applied on top of <c>base</c>.</summary>
    List,

    /// <summary><c>run_cap</c> distinct draws from the <c>parameters</c>' distributions, fixed by <c>seed</c>.</summary>
    Random,
}
