using Sweeps.Scoring;

namespace Sweeps.Evaluation;

/// <summary>Top-1 and top-5 accuracy (percent) and mean cross-entropy loss on a labelled set.</summary>
public sealed record ClassificationScores(double Top1, double Top5, double Loss)
{
    public IReadOnlyList<ScoreRow> ToRows() =>
    [
        new(ScoreMetrics.Top1, null, null, null, Top1),
        new(ScoreMetrics.Top5, null, null, null, Top5),
        new(ScoreMetrics.Loss, null, null, null, Loss),
    ];
}
