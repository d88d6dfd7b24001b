using Sweeps.Data;

namespace Sweeps.Spec;

/// <summary>A numeric W&amp;B distribution with validated bounds (min &lt;= max, and as <see cref="DistributionKind"/> requires).</summary>
internal sealed record NumericDistribution(DistributionKind Kind, double Min, double Max, double Q)
{
    /// <summary>One draw; each takes exactly one number from <paramref name="random"/>.</summary>
    public double Sample(SplitMix64 random)
    {
        var u = random.NextDouble();
        return Kind switch
        {
            DistributionKind.Uniform => Min + u * (Max - Min),
            DistributionKind.LogUniformValues => Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))),
            DistributionKind.IntUniform => Math.Min(Max, Min + Math.Floor(u * (Max - Min + 1))),
            // The product is re-rounded so that 3 * 0.1 reads 0.3, not 0.30000000000000004, in labels.
            DistributionKind.QUniform => Math.Round(Math.Round((Min + u * (Max - Min)) / Q) * Q, 12),
            _ => throw new InvalidOperationException($"{Kind} is not numeric"),
        };
    }
}
