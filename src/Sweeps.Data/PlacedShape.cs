namespace Sweeps.Data;

/// <summary>
/// One object of a demo scene: an outline of radius <see cref="Radius"/> pixels centred at
/// (<see cref="CentreX"/>, <see cref="CentreY"/>), turned by <see cref="Rotation"/> radians, filled
/// with a two-colour pattern of period <see cref="Period"/> pixels whose axes are turned by
/// <see cref="PatternTilt"/> radians from the pattern's nominal direction.
/// </summary>
internal sealed record PlacedShape(
    ShapeKind Shape, PatternKind Pattern, Rgb First, Rgb Second,
    float CentreX, float CentreY, float Radius, float Rotation, float Period, float PatternTilt)
{
    private const float TriangleInradius = 0.5f;
    private readonly float _rotationCos = MathF.Cos(Rotation);
    private readonly float _rotationSin = MathF.Sin(Rotation);
    private readonly float _patternCos = MathF.Cos(Pattern == PatternKind.DiagonalStripes ? PatternTilt + MathF.PI / 4 : PatternTilt);
    private readonly float _patternSin = MathF.Sin(Pattern == PatternKind.DiagonalStripes ? PatternTilt + MathF.PI / 4 : PatternTilt);

    /// <summary>The colour at pixel centre (x, y), or null outside the outline.</summary>
    public Rgb? ColourAt(float x, float y)
    {
        var (dx, dy) = (x - CentreX, y - CentreY);
        var u = (_rotationCos * dx + _rotationSin * dy) / Radius;
        var v = (-_rotationSin * dx + _rotationCos * dy) / Radius;
        if (!Inside(u, v))
            return null;
        return InFirstColour(dx, dy) ? First : Second;
    }

    private bool Inside(float u, float v) => Shape switch
    {
        ShapeKind.Disc => u * u + v * v <= 1f,
        ShapeKind.Square => MathF.Max(MathF.Abs(u), MathF.Abs(v)) <= 0.8f,
        // Equilateral triangle inscribed in the unit circle: inside all three edge half-planes.
        ShapeKind.Triangle => v <= TriangleInradius
            && 0.8660254f * u - 0.5f * v <= TriangleInradius
            && -0.8660254f * u - 0.5f * v <= TriangleInradius,
        ShapeKind.Cross => (MathF.Abs(u) <= 0.3f && MathF.Abs(v) <= 1f) || (MathF.Abs(v) <= 0.3f && MathF.Abs(u) <= 1f),
        ShapeKind.Ring => u * u + v * v is <= 1f and >= 0.3f,
        _ => MathF.Abs(u) <= 1f && MathF.Abs(v) <= 0.35f,
    };

    private bool InFirstColour(float dx, float dy)
    {
        var along = (_patternCos * dx + _patternSin * dy) / Period;
        var across = (-_patternSin * dx + _patternCos * dy) / Period;
        return Pattern switch
        {
            PatternKind.HorizontalStripes or PatternKind.DiagonalStripes => Fraction(across) < 0.5f,
            PatternKind.Checks => (Fraction(along) < 0.5f) == (Fraction(across) < 0.5f),
            _ => Square(Fraction(along) - 0.5f) + Square(Fraction(across) - 0.5f) < 0.09f,
        };
    }

    private static float Fraction(float value) => value - MathF.Floor(value);

    private static float Square(float value) => value * value;

    /// <summary>Pixel bounds (inclusive) that can hold the shape, clipped to a size x size image.</summary>
    public (int X0, int Y0, int X1, int Y1) Bounds(int size) => (
        Math.Clamp((int)MathF.Floor(CentreX - Radius), 0, size - 1),
        Math.Clamp((int)MathF.Floor(CentreY - Radius), 0, size - 1),
        Math.Clamp((int)MathF.Ceiling(CentreX + Radius), 0, size - 1),
        Math.Clamp((int)MathF.Ceiling(CentreY + Radius), 0, size - 1));
}
