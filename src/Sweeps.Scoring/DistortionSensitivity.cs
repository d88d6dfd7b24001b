namespace Sweeps.Scoring;

/// <summary>
/// Distortion sensitivity (the study's section 8.2): on triplets where every rater chose the same
/// image, how much farther the distance puts the rejected ("far") image than the chosen ("near") one.
/// Judge 0 means all chose p0, so p0 is near and p1 far; judge 1 the reverse. A larger mean margin is
/// a distance that separates what humans separate without hesitation.
/// </summary>
public static class DistortionSensitivity
{
    /// <summary>d(x, far) - d(x, near) for a unanimous triplet; null when the raters disagreed (0 &lt; judge &lt; 1).</summary>
    public static double? Margin(double d0, double d1, double judge) => judge switch
    {
        0 => d1 - d0,
        1 => d0 - d1,
        _ => null,
    };
}
