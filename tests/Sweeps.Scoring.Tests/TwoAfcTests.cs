namespace Sweeps.Scoring.Tests;

public class TwoAfcTests
{
    [Theory]
    [InlineData(0.1, 0.3, 0.2, 0.8)] // p0 closer: agrees with the 80% who chose p0
    [InlineData(0.3, 0.1, 0.2, 0.2)] // p1 closer: agrees with the 20% who chose p1
    [InlineData(0.3, 0.1, 1.0, 1.0)]
    [InlineData(0.1, 0.3, 1.0, 0.0)]
    [InlineData(0.25, 0.25, 0.2, 0.5)] // a tie counts half whatever the raters said
    [InlineData(0.0, 0.0, 1.0, 0.5)]
    public void Agreement_follows_the_closer_image(double d0, double d1, double judge, double expected)
    {
        Assert.Equal(expected, TwoAfc.Agreement(d0, d1, judge), 12);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.2, 0.68)]
    [InlineData(0.4, 0.52)]
    [InlineData(0.5, 0.5)]
    public void Human_ceiling_is_agreement_between_raters(double judge, double expected)
    {
        Assert.Equal(expected, TwoAfc.HumanCeiling(judge), 12);
    }
}
