using System.Globalization;
using Spectre.Console;
using Sweeps.Storage;

namespace Sweeps.Cli;

/// <summary>The trial table of one sweep, as printed by status and demo.</summary>
public static class ResultsTable
{
    public static async Task<Table> CreateAsync(SweepStore store, SweepRecord sweep, string title, CancellationToken ct)
    {
        var table = new Table()
            .Title(Markup.Escape(title))
            .AddColumns("#", "trial", "state", "epochs", "attempts", "best top-1 %", "best PS %", "error");
        foreach (var trial in await store.GetTrialStatusesAsync(sweep.Id, ct))
        {
            table.AddRow(
                trial.Index.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(trial.Label) + (trial.Reused ? " [dim](reused)[/]" : ""),
                trial.State.ToString(),
                trial.CompletedEpochs.ToString(CultureInfo.InvariantCulture),
                trial.Attempts.ToString(CultureInfo.InvariantCulture),
                Format(trial.BestTop1),
                Format(trial.BestPs),
                Markup.Escape(trial.Error ?? ""));
        }
        return table;
    }

    /// <summary>One line per BAPPS folder with its stored pixel baselines and human ceiling (means over
    /// categories), the yardsticks a model's PS is read against.</summary>
    public static async Task<IReadOnlyList<string>> ReferenceLinesAsync(SweepStore store, IReadOnlyList<string> bappsFolders, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var folder in bappsFolders)
        {
            var means = (await store.GetReferenceScoresAsync(folder, ct)).Where(s => s.Category == "mean").ToList();
            if (means.Count == 0) continue;
            lines.Add($"PS references on {folder} (mean over categories): " +
                string.Join(", ", means.Select(s => $"{s.Function} {Format(s.Value)}")));
        }
        return lines;
    }

    private static string Format(double? value) => value is null ? "-" : value.Value.ToString("F2", CultureInfo.InvariantCulture);
}
