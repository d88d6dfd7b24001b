namespace Sweeps.Data;

/// <summary>The object outlines of the demo images.</summary>
internal enum ShapeKind
{
    Disc,
    Square,
    Triangle,
    Cross,
    Ring,
    Bar,
}
