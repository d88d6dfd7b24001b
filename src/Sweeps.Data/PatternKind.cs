namespace Sweeps.Data;

/// <summary>The two-colour fills of the demo objects, laid out in image coordinates (so an object's rotation does not turn them).</summary>
internal enum PatternKind
{
    HorizontalStripes,
    DiagonalStripes,
    Checks,
    Dots,
}
