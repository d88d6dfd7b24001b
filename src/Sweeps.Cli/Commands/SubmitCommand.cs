using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sweeps.Orchestration;
using Sweeps.Spec;

namespace Sweeps.Cli.Commands;

public static class SubmitCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Sweep specification (YAML)" };
        var command = new Command("submit", "Validate a sweep file, expand it into trials and queue them") { file };
        command.SetAction(async (result, ct) =>
        {
            SweepDefinition sweep;
            try
            {
                sweep = SweepFile.Load(result.GetValue(file)!.FullName);
            }
            catch (Exception invalid) when (invalid is SweepSpecException or IOException)
            {
                Console.Error.WriteLine(invalid.Message);
                Console.Error.WriteLine("Nothing was stored.");
                return 1;
            }
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var stored = await scope.ServiceProvider.GetRequiredService<SweepQueue>().SubmitAsync(sweep, ct);
            AnsiConsole.MarkupLineInterpolated($"Sweep [bold]{stored.Id}[/] ({sweep.Name}): {sweep.Trials.Count} trial(s) queued");
            AnsiConsole.Write(TrialTable(sweep));
            return 0;
        });
        return command;
    }

    private static Table TrialTable(SweepDefinition sweep)
    {
        var table = new Table().AddColumns("#", "trial", "config hash");
        foreach (var trial in sweep.Trials)
            table.AddRow(trial.Index.ToString(), Markup.Escape(trial.Label), trial.Config.Hash()[..12]);
        return table;
    }
}
