namespace Sweeps.Data.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void Seed_zero_gives_the_reference_sequence()
    {
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void Derived_seeds_depend_on_every_part_and_their_order()
    {
        var seeds = new[]
        {
            SplitMix64.Derive(7, 1, 0), SplitMix64.Derive(7, 1, 1), SplitMix64.Derive(7, 2, 0),
            SplitMix64.Derive(8, 1, 0), SplitMix64.Derive(1, 7, 0),
        };

        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.Equal(SplitMix64.Derive(7, 1, 0), SplitMix64.Derive(7, 1, 0));
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_reach_both_ends()
    {
        var random = new SplitMix64(42);
        var draws = Enumerable.Range(0, 1000).Select(_ => random.NextInt(5)).ToArray();

        Assert.All(draws, draw => Assert.InRange(draw, 0, 4));
        Assert.Equal([0, 1, 2, 3, 4], draws.Distinct().Order());
    }
}
