namespace Sweeps.Data;

/// <summary>One thing <see cref="PackedData.Verify"/> found wrong: the file (or folder) and what is wrong with it.</summary>
public sealed record PackedProblem(string File, string Problem)
{
    public override string ToString() => $"{File}: {Problem}";
}
