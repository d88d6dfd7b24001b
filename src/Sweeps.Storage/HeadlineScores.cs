using System.Linq.Expressions;

namespace Sweeps.Storage;

/// <summary>The two scores a sweep is judged by: top-1 accuracy and the PS of the LPIPS layer
/// ensemble averaged over BAPPS categories.</summary>
internal static class HeadlineScores
{
    public static readonly Expression<Func<Score, bool>> IsTop1 = s => s.Metric == "top1";

    public static readonly Expression<Func<Score, bool>> IsPs =
        s => s.Metric == "ps" && s.Function == "lpips" && s.Layer == "ensemble" && s.Category == "mean";
}
