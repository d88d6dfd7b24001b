using System.Text.Json;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Training;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps export</c> and <c>sweeps import</c> as real processes, and <c>sweeps score</c> on what
/// an import wrote. (Sweeps.Interop.Tests compare both directions with a real PyTorch.)</summary>
public sealed class InteropCommandTests : IDisposable
{
    private const string Bapps = "data/demo/bapps/2afc/val";
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6)).Token;
    private readonly CliInstallation _installation = new();

    [Fact]
    public async Task An_exported_resnet18_imported_back_scores_exactly_as_the_original_checkpoint()
    {
        var original = Path.Combine(_installation.Root, "original.ckpt");
        WriteUntrainedResNet18(original, classCount: 4);

        var export = await _installation.RunAsync(Timeout, "export", "original.ckpt", "--format", "pytorch", "--out", "r18.pt");
        var import = await _installation.RunAsync(Timeout, "import", "r18.pt", "--arch", "resnet18", "--out", "imported.ckpt", "--train", "demo/imagenet64");

        Assert.True(export.ExitCode == 0, export.Errors);
        Assert.Contains("Loads into torchvision.models.resnet18(num_classes=4) with strict=True and computes the same outputs.", export.Output);
        Assert.True(File.Exists(Path.Combine(_installation.Root, "r18.json")));
        Assert.True(import.ExitCode == 0, import.Errors);
        Assert.Contains("(resnet18, 4 classes", import.Output);
        string[] scoring = ["--bapps", Bapps, "--val", "data/demo/imagenet64", "--json"];
        var originalScores = await _installation.RunAsync(Timeout, ["score", "original.ckpt", .. scoring]);
        var importedScores = await _installation.RunAsync(Timeout, ["score", "imported.ckpt", .. scoring]);
        Assert.True(originalScores.ExitCode == 0 && importedScores.ExitCode == 0, originalScores.Errors + importedScores.Errors);
        var rows = Rows(importedScores.Output);
        Assert.Contains(rows, row => row.StartsWith("top1|", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.StartsWith("ps|lpips|stage4|", StringComparison.Ordinal));
        Assert.Equal(Rows(originalScores.Output), rows);
    }

    [Fact]
    public async Task Importing_a_file_as_the_wrong_architecture_fails_with_exit_code_1_and_names_the_file()
    {
        WriteUntrainedResNet18(Path.Combine(_installation.Root, "original.ckpt"), classCount: 3);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "export", "original.ckpt", "--format", "pytorch", "--out", "r18.pt")).ExitCode);

        var import = await _installation.RunAsync(Timeout, "import", "r18.pt", "--arch", "resnet50", "--out", "r50.ckpt");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains($"{Path.Combine(_installation.Root, "r18.pt")}: does not fit torchvision's resnet50", import.Errors);
        Assert.False(File.Exists(Path.Combine(_installation.Root, "r50.ckpt")));
    }

    [Fact]
    public async Task An_import_without_training_data_scores_ps_but_refuses_val_naming_the_option()
    {
        WriteUntrainedResNet18(Path.Combine(_installation.Root, "original.ckpt"), classCount: 3);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "export", "original.ckpt", "--format", "pytorch", "--out", "r18.pt")).ExitCode);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "import", "r18.pt", "--arch", "resnet18", "--out", "imported.ckpt")).ExitCode);

        var withVal = await _installation.RunAsync(Timeout, "score", "imported.ckpt", "--bapps", Bapps, "--val", "data/demo/imagenet64", "--json");
        var psOnly = await _installation.RunAsync(Timeout, "score", "imported.ckpt", "--bapps", Bapps, "--layers", "stage4", "--json");

        Assert.Equal(1, withVal.ExitCode);
        Assert.Contains($"{Path.Combine(_installation.Root, "imported.ckpt")}: records no training data", withVal.Errors);
        Assert.Contains("--train", withVal.Errors);
        Assert.True(psOnly.ExitCode == 0, psOnly.Errors);
        Assert.Contains(Rows(psOnly.Output), row => row.StartsWith("ps|lpips|stage4|", StringComparison.Ordinal));
    }

    private static void WriteUntrainedResNet18(string path, int classCount)
    {
        var config = new TrialConfig { Model = new ModelConfig { Depth = 18, PoolPadding = ModelConfig.SymmetricPoolPadding }, Data = new DataConfig { Train = "demo/imagenet64", Val = "demo/imagenet64" } };
        using var model = ModelFactory.Create(config, classCount);
        using var optimizer = NesterovSgd.Create(model, config.Train, 0.1);
        CheckpointFile.Write(path, new CheckpointState(1, 12, config.Hash(), 0, 1.0, config.ToJson(), classCount), model, optimizer);
    }

    /// <summary>Each score row as metric|function|layer|category|value, in output order.</summary>
    private static List<string> Rows(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(row => string.Join('|', new[] { "metric", "function", "layer", "category" }.Select(name => row.GetProperty(name).GetString() ?? "")
                .Append(row.GetProperty("value").GetRawText())))
            .ToList();
    }

    public void Dispose() => _installation.Dispose();
}
