namespace Sweeps.Scoring;

/// <summary>Two-alternative forced choice (2AFC) scoring of one BAPPS triplet.</summary>
public static class TwoAfc
{
    /// <summary>
    /// Fraction of raters the distance agrees with: <paramref name="judge"/> is the fraction who found p1
    /// closer to the reference; the distance picks the image it puts closer, and a tie counts half.
    /// </summary>
    public static double Agreement(double d0, double d1, double judge)
    {
        if (d0 < d1) return 1 - judge;
        if (d1 < d0) return judge;
        return 0.5;
    }

    /// <summary>Expected agreement of a random rater with the others: the best any distance can score on average.</summary>
    public static double HumanCeiling(double judge) => judge * judge + (1 - judge) * (1 - judge);
}
