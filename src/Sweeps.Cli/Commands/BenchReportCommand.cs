using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Cli.Bench;

namespace Sweeps.Cli.Commands;

/// <summary><c>bench report</c>: a results database at the study's scale, then the report and the live page's
/// queries timed (a benchmark that prints figures, not a test).</summary>
public static class BenchReportCommand
{
    public static Command Create()
    {
        var trials = new Option<int>("--trials") { Description = "Trials (the study: 722)", DefaultValueFactory = _ => 722 };
        var checkpoints = new Option<int>("--checkpoints") { Description = "Scored checkpoints per trial (one every 1000 steps: about 100)", DefaultValueFactory = _ => 100 };
        var folder = new Option<DirectoryInfo?>("--keep") { Description = "Folder for the database, report and results (default: a new temporary folder, removed afterwards)" };
        var command = new Command("report", "Generate a results database at the study's scale (SQLite) and time the report, the results export and the trial-table and figure queries")
        {
            trials, checkpoints, folder,
        };
        command.SetAction(async (result, ct) =>
        {
            var kept = result.GetValue(folder)?.FullName;
            var path = kept ?? Directory.CreateTempSubdirectory("sweeps-bench-report-").FullName;
            try
            {
                var figures = await new ReportBenchmark(result.GetValue(trials), result.GetValue(checkpoints), path).RunAsync(ct);
                AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{figures.Trials} trials x {figures.Checkpoints / Math.Max(1, figures.Trials)} checkpoints = {figures.Checkpoints} checkpoints, {figures.ScoreRows} score rows; SQLite file {figures.DatabaseMegabytes:F0} MB, generated in {figures.GenerateSeconds:F1} s; {Environment.ProcessorCount} cores"));
                var table = new Table().AddColumns("measure", "first run s", "second run s");
                foreach (var (measure, first, second) in figures.Timings)
                    table.AddRow(Markup.Escape(measure), first.ToString("F2", CultureInfo.InvariantCulture), second.ToString("F2", CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
            }
            finally
            {
                if (kept is null) Directory.Delete(path, recursive: true);
            }
            return 0;
        });
        return command;
    }
}
