using System.Globalization;
using Spectre.Console;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli;

/// <summary>The trial table of one sweep, as printed by status and demo.</summary>
public static class ResultsTable
{
    public static Table Create(SweepStatus sweep, DateTime now)
    {
        var table = new Table()
            .Title(Markup.Escape(sweep.Title))
            .AddColumns("#", "trial", "state", "epochs", "progress", "attempts", "best top-1 %", "best PS %",
                $"best {sweep.BestBy.Name} checkpoint: epoch, top-1 / PS %", "worker", "error");
        foreach (var (trial, remaining) in sweep.Trials)
        {
            table.AddRow(
                trial.Index.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(trial.Label) + (trial.Reused ? " [dim](reused)[/]" : ""),
                trial.State + (trial.Request is { } request ? $" ({request.ToString().ToLowerInvariant()} requested)" : ""),
                trial.CompletedEpochs.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Progress(trial, remaining)),
                Markup.Escape(Attempts(trial)),
                Format(trial.BestTop1),
                Format(trial.BestPs),
                trial.Best is { } best ? $"{best.Epochs.ToString("0.##", CultureInfo.InvariantCulture)}: {Format(best.Top1)} / {Format(best.Ps)}" : "-",
                Markup.Escape(trial.State == TrialState.Running ? Worker(trial, now) : ""),
                // A pending early stop shows its reason until the trial stops with it as its error.
                Markup.Escape(trial.RequestReason ?? trial.Error ?? ""));
        }
        return table;
    }

    /// <summary>One line per BAPPS folder with its stored pixel baselines and human ceiling (means over
    /// categories), the yardsticks a model's PS is read against.</summary>
    public static IEnumerable<string> ReferenceLines(SweepStatus sweep) =>
        sweep.References.Select(folder => $"PS references on {folder.Folder} (mean over categories): " +
            string.Join(", ", folder.Means.Select(s => $"{s.Function} {Format(s.Value)}")));

    /// <summary>"Worker box-a: heartbeat 2 s ago, running since 2026-12-06 03:00 UTC; not claiming: ..." per worker.</summary>
    public static IEnumerable<string> WorkerLines(IReadOnlyList<WorkerStatus> workers, DateTime now) =>
        workers.Select(w => $"Worker {w.Id}: heartbeat {Math.Max(0, (now - w.HeartbeatAt).TotalSeconds):F0} s ago, running since " +
            $"{w.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" + (w.Note is null ? "" : $"; {w.Note}"));

    /// <summary>"1200/3000 steps, 512 img/s, ETA 0:05:12" while running; steps done otherwise.</summary>
    private static string Progress(TrialStatus trial, TimeSpan? remaining)
    {
        if (trial.TotalSteps == 0) return "";
        var steps = TrialProgressText.Steps(trial.Step, trial.TotalSteps);
        return trial.State == TrialState.Running && TrialProgressText.Speed(trial.ImagesPerSecond, remaining) is { } speed
            ? $"{steps}, {speed}"
            : steps;
    }

    /// <summary>"3 (1 interrupted, 1 failed)": claims, and how the earlier ones ended when not all completed.</summary>
    private static string Attempts(TrialStatus trial)
    {
        var parts = new List<string>();
        if (trial.Interruptions > 0) parts.Add($"{trial.Interruptions} interrupted");
        if (trial.FailedAttempts > 0) parts.Add($"{trial.FailedAttempts} failed");
        return trial.Attempts.ToString(CultureInfo.InvariantCulture) + (parts.Count > 0 ? $" ({string.Join(", ", parts)})" : "");
    }

    private static string Worker(TrialStatus trial, DateTime now) =>
        $"{trial.WorkerId}" + (trial.HeartbeatAt is { } beat ? $", {Math.Max(0, (now - beat).TotalSeconds):F0} s ago" : "");

    private static string Format(double? value) => value is null ? "-" : value.Value.ToString("F2", CultureInfo.InvariantCulture);
}
