using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Spec;

namespace Sweeps.Cli.Commands;

public static class ExpandCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Sweep specification (YAML)" };
        var command = new Command("expand", "Show the trials a sweep file expands to, with counts; stores nothing") { file };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct, migrate: false);
            var sweep = SweepFiles.TryLoad(result.GetValue(file)!, services, checkData: false);
            if (sweep is null) return 1;
            AnsiConsole.MarkupLine(Markup.Escape($"{sweep.Name} ({sweep.Method.ToString().ToLowerInvariant()}): {sweep.Trials.Count} trial(s)"
                + (sweep.Repeats > 1 ? $" = {sweep.ConfigurationCount} configuration(s) x {sweep.Repeats} seeds" : "")));
            AnsiConsole.Write(TrialTable(sweep));
            double gpuHours = sweep.Trials.Sum(t => ExperimentCatalog.GpuHours(t.Config));
            AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant(
                $"Estimated training cost: {gpuHours:0.#} GPU-hours on full ImageNet 64x64 (see experiments/README.md for how it is estimated)")));
            return 0;
        });
        return command;
    }

    public static Table TrialTable(SweepDefinition sweep)
    {
        var table = new Table().AddColumns("#", "trial", "model", "length", "config hash");
        foreach (var trial in sweep.Trials)
            table.AddRow(
                trial.Index.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(trial.Label),
                Markup.Escape(Model(trial.Config.Model)),
                Length(trial.Config.Train),
                trial.Config.Hash()[..12]);
        return table;
    }

    private static string Model(ModelConfig model) => model.Family == "vit"
        ? FormattableString.Invariant($"ViT depth {model.Depth} patch {model.PatchSize} width x{model.Width:0.###}")
        : FormattableString.Invariant($"ResNet-{model.Depth} width x{model.Width:0.###}");

    private static string Length(TrainConfig train) =>
        train.Steps > 0 ? $"{train.Steps} steps" : $"{train.Epochs} epochs";
}
