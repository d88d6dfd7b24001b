using Sweeps.Scoring;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

internal static class ScoreValues
{
    /// <summary>A scorer's row as stored: absent qualifiers become "" (see <see cref="Score"/>).</summary>
    public static ScoreValue From(ScoreRow row) => new(row.Metric, row.Function ?? "", row.Layer ?? "", row.Category ?? "", row.Value);
}
