using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>The operator's commands (cancel, pause, resume, retry) on a whole sweep or one trial, as the
/// command line and the live page issue them. A running trial is asked to act; its worker does so at the
/// next step boundary, after a checkpoint.</summary>
public sealed class TrialOperations(SweepCatalog catalog, TrialQueue queue)
{
    /// <summary>The operator's commands, in the order they are offered.</summary>
    public static readonly IReadOnlyList<TrialTransition> Commands = [TrialTransition.Cancel, TrialTransition.Pause, TrialTransition.Resume, TrialTransition.Retry];

    /// <summary>Whether the command can be given for one trial; pause and resume apply to whole sweeps only.</summary>
    public static bool AppliesToOneTrial(TrialTransition command) => command is TrialTransition.Cancel or TrialTransition.Retry;

    /// <summary>Applies <paramref name="command"/> to every trial of the sweep named by id or name, or to
    /// the trial <paramref name="trialId"/>; null when neither exists.</summary>
    public async Task<IReadOnlyList<OperatorOutcome>?> ApplyAsync(TrialTransition command, string? sweep, int? trialId, CancellationToken ct)
    {
        IReadOnlyList<int> trials;
        if (trialId is int id)
            trials = await catalog.TrialExistsAsync(id, ct) ? [id] : [];
        else if (sweep is not null && await catalog.FindSweepAsync(sweep, ct) is { } found)
            trials = found.TrialIds;
        else
            trials = [];
        return trials.Count == 0 ? null : await queue.CommandAsync(trials, command, ct);
    }

    /// <summary>What <paramref name="command"/> did to one trial, as the command line prints it and the live page shows it:
    /// "trial 3 (model.width=0.5): now Paused".</summary>
    public static string Describe(OperatorOutcome outcome, TrialTransition command) =>
        $"trial {outcome.TrialId} ({outcome.Label}): " + (outcome.Refused ?? (outcome.Requested
            ? $"running; its worker will {Name(command)} it at the next step boundary, after a checkpoint"
            : $"now {outcome.State}"));

    /// <summary>The command's name on the command line: cancel, pause, resume, retry.</summary>
    public static string Name(TrialTransition command) => command.ToString().ToLowerInvariant();

    /// <summary>The log file of a trial, when it has one.</summary>
    public Task<string?> LogPathAsync(int trialId, CancellationToken ct) => catalog.GetLogPathAsync(trialId, ct);
}
