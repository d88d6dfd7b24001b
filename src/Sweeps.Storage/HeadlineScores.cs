using System.Linq.Expressions;

namespace Sweeps.Storage;

/// <summary>The two scores a sweep is judged by: top-1 accuracy and the PS of the LPIPS layer
/// ensemble averaged over BAPPS categories.</summary>
internal static class HeadlineScores
{
    public static readonly Expression<Func<Score, bool>> IsTop1 = s => s.Metric == "top1";

    public static readonly Expression<Func<Score, bool>> IsPs =
        s => s.Metric == "ps" && s.Function == "lpips" && s.Layer == "ensemble" && s.Category == "mean";

    /// <summary>The PS of any one layer or the ensemble, under the same function and category mean as <see cref="IsPs"/>.</summary>
    public static readonly Expression<Func<Score, bool>> IsLayerPs =
        s => s.Metric == "ps" && s.Function == "lpips" && s.Category == "mean";
}
