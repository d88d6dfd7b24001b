using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sweeps.Orchestration;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Sweep specification (YAML)" };
        var force = new Option<bool>("--force")
        {
            Description = "Queue every trial anew, even those whose configuration an earlier sweep already trained or is training",
        };
        var priority = new Option<int?>("--priority")
        {
            Description = "Claim order against other sweeps: higher first (default: the file's 'priority', else 0)",
        };
        var command = new Command("submit", "Validate a sweep file, expand it into trials and queue them") { file, force, priority };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            var sweep = SweepFiles.TryLoad(result.GetValue(file)!, services);
            if (sweep is null)
            {
                Console.Error.WriteLine("Nothing was stored.");
                return 1;
            }
            using var scope = services.CreateScope();
            var stored = await scope.ServiceProvider.GetRequiredService<SweepQueue>().SubmitAsync(sweep, result.GetValue(force), ct, result.GetValue(priority));
            AnsiConsole.MarkupLine(Summary(stored, sweep));
            AnsiConsole.Write(ExpandCommand.TrialTable(sweep));
            return 0;
        });
        return command;
    }

    /// <summary>"Sweep 3 (name): 12 trials, 8 queued, 4 reused from earlier sweeps" (markup).</summary>
    public static string Summary(SweepRecord stored, SweepDefinition sweep) =>
        Markup.Escape($"Sweep {stored.Id} ({sweep.Name}): {sweep.Trials.Count} trial(s), {sweep.Trials.Count - stored.ReusedTrials} queued")
        + (stored.ReusedTrials > 0 ? Markup.Escape($", {stored.ReusedTrials} reused from earlier sweeps (--force trains them again)") : "");
}
