namespace Sweeps.Spec;

/// <summary>How a sweep file turns into configurations.</summary>
public enum SweepMethod
{
    /// <summary>Cartesian product of the <c>parameters</c> values, first parameter varying slowest.</summary>
    Grid,

    /// <summary>The <c>trials</c> entries, each applied on top of <c>base</c>.</summary>
    List,
}
