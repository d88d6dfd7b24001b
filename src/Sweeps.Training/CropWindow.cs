namespace Sweeps.Training;

/// <summary>A crop as fractions of the image (left/top edge, width/height), with its affine-grid form.</summary>
internal readonly record struct CropWindow(double Left, double Top, double Width, double Height)
{
    public static CropWindow Centre(double fraction) => new((1 - fraction) / 2, (1 - fraction) / 2, fraction, fraction);

    // affine_grid spans the image as [-1, 1], so a fraction f of the side is a half-extent of f.
    public double HalfWidth => Width;
    public double HalfHeight => Height;
    public double CentreX => 2 * Left + Width - 1;
    public double CentreY => 2 * Top + Height - 1;
}
