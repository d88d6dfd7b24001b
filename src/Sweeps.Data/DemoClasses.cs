namespace Sweeps.Data;

/// <summary>
/// What defines each demo class: class k has outline k mod 6, pattern k mod 4 and palette k mod 5,
/// so up to 60 classes are distinct while every attribute is shared by several classes.
/// </summary>
internal static class DemoClasses
{
    public const int ShapeCount = 6;
    public const int PatternCount = 4;
    public const int MaxClassCount = 60;

    /// <summary>Two-colour palettes (names for the docs: ember, ocean, meadow, dusk, ink).</summary>
    public static readonly (Rgb First, Rgb Second)[] Palettes =
    [
        (new(205, 45, 35), new(245, 200, 70)),
        (new(35, 70, 200), new(90, 210, 235)),
        (new(40, 150, 60), new(225, 235, 210)),
        (new(125, 45, 165), new(245, 145, 40)),
        (new(35, 35, 40), new(225, 70, 165)),
    ];

    public static (ShapeKind Shape, PatternKind Pattern, int Palette) Attributes(int classIndex) =>
        ((ShapeKind)(classIndex % ShapeCount), (PatternKind)(classIndex % PatternCount), classIndex % Palettes.Length);
}
