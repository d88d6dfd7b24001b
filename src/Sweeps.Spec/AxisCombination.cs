namespace Sweeps.Spec;

/// <summary>The settings one point of several axes gives a trial, and those among them that name it.</summary>
internal sealed record AxisCombination(IReadOnlyList<Assignment> Settings, IReadOnlyList<Assignment> Varied)
{
    public static AxisCombination Of(IEnumerable<(ParameterAxis Axis, IReadOnlyList<Assignment> Point)> points)
    {
        var chosen = points.ToList();
        return new(chosen.SelectMany(c => c.Point).ToList(), chosen.Where(c => c.Axis.IsVaried).SelectMany(c => c.Point).ToList());
    }

    /// <summary>Axes in file order, so that the first written varies slowest and labels read in file order.</summary>
    public static IReadOnlyList<ParameterAxis> InFileOrder(IEnumerable<ParameterAxis> axes) =>
        axes.OrderBy(a => a.Start.Line).ThenBy(a => a.Start.Column).ToList();
}
