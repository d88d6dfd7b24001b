namespace Sweeps.Spec;

/// <summary>The W&amp;B distributions a parameter can draw from (<c>distribution:</c> spelling in comments).</summary>
internal enum DistributionKind
{
    /// <summary><c>categorical</c>: one of <c>values</c>, each equally likely.</summary>
    Categorical,

    /// <summary><c>uniform</c>: a real number in [min, max].</summary>
    Uniform,

    /// <summary><c>log_uniform_values</c>: exp of a uniform draw in [ln min, ln max]; min &gt; 0.</summary>
    LogUniformValues,

    /// <summary><c>int_uniform</c>: an integer in min..max, both included.</summary>
    IntUniform,

    /// <summary><c>q_uniform</c>: round(uniform(min, max) / q) * q.</summary>
    QUniform,
}
