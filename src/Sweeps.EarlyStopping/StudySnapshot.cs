using System.Collections.Immutable;

namespace Sweeps.EarlyStopping;

/// <summary>
/// An immutable snapshot of every trial of a sweep. It may include the trial being decided; rules
/// tell it apart by <see cref="TrialHistory.Order"/> and use the history passed to them for it.
/// </summary>
public sealed record StudySnapshot
{
    public StudySnapshot(IEnumerable<TrialHistory> trials) => Trials = [.. trials];

    public ImmutableArray<TrialHistory> Trials { get; }

    public IEnumerable<TrialHistory> OthersThan(TrialHistory trial) => Trials.Where(other => other.Order != trial.Order);
}
