namespace Sweeps.Data;

/// <summary>The distortions that make the demo BAPPS p0/p1 images (strength ranges in <see cref="Distortions"/>).</summary>
internal enum DistortionKind
{
    GaussianNoise,
    Blur,
    BlockQuantisation,
    ContrastBrightness,
    ColourShift,
    Warp,
}
