using System.Buffers.Binary;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps plot</c>, <c>results</c> and <c>report</c> as real processes: each figure of one sweep, two
/// sweeps compared, their results and report, and bad requests.</summary>
public sealed class PlotCommandTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6)).Token;
    private readonly CliInstallation _installation = new();

    [Fact]
    public async Task Writes_every_figure_of_a_sweep_and_of_two_sweeps_compared()
    {
        foreach (var (name, width) in new[] { ("narrow", 0.125), ("wide", 0.25) })
        {
            var sweep = _installation.WriteSweep($"{name}.yaml", $$"""
                name: {{name}}
                base:
                  model: { family: resnet, depth: 6, width: {{width}} }
                  data: { train: demo/imagenet64, val: demo/imagenet64 }
                  train: { epochs: 2, batch_size: 32, learning_rate: 0.2, warmup_epochs: 0.5, seed: 1 }
                  score: { bapps: demo/bapps/2afc/val }
                """);
            Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", sweep)).ExitCode);
        }
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "worker", "--until-idle")).ExitCode);

        foreach (var (arguments, file) in new (string[], string)[]
        {
            (["plot", "narrow"], "sweep-1-accuracy-ps.png"),
            (["plot", "narrow", "--kind", "training"], "sweep-1-training.png"),
            (["plot", "1", "wide", "--kind", "layers"], "sweep-1+2-layers.png"),
            (["plot", "narrow", "wide", "--kind", "training"], "sweep-1+2-training.png"),
        })
        {
            var plot = await _installation.RunAsync(Timeout, arguments);

            var path = Path.Combine(_installation.Root, "plots", file);
            Assert.True(plot.ExitCode == 0, plot.Errors);
            Assert.Equal(path, plot.Output.Trim());
            Assert.Equal(1000, PngSize(path).Width);
            Assert.InRange(PngSize(path).Height, 700, 800);
        }

        var csv = Path.Combine(_installation.Root, "results.csv");
        var results = await _installation.RunAsync(Timeout, "results", "narrow", "wide", "--out", csv);
        Assert.True(results.ExitCode == 0, results.Errors);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("sweep,trial_id,trial_index,trial,state,checkpoint_id,step,epoch,epochs,images_trained,is_best_checkpoint,metric,function,layer,category,value", lines[0]);
        Assert.Contains($"{lines.Length - 1} score rows written", results.Output);
        // Neither sweep has an early-terminate rule, yet the worker marked each trial's best checkpoint.
        foreach (var sweep in new[] { "narrow", "wide" })
            Assert.Contains(lines, line => line.StartsWith(sweep + ",") && line.Contains(",true,ps,lpips,ensemble,mean,"));

        var folder = Path.Combine(_installation.Root, "report");
        var report = await _installation.RunAsync(Timeout, "report", "narrow", "wide", "--out", folder);
        Assert.True(report.ExitCode == 0, report.Errors);
        Assert.StartsWith(Path.Combine(folder, "index.html"), report.Output.Trim());
        Assert.True(File.Exists(Path.Combine(folder, "figures", "accuracy-ps.svg")));
        Assert.Contains("synthetic demo data", File.ReadAllText(Path.Combine(folder, "index.html")));
    }

    [Fact]
    public async Task An_unknown_sweep_or_figure_is_refused_and_nothing_is_written()
    {
        var unknownSweep = await _installation.RunAsync(Timeout, "plot", "nosuch");
        var unknownKind = await _installation.RunAsync(Timeout, "plot", "nosuch", "--kind", "histogram");
        var unknownResults = await _installation.RunAsync(Timeout, "results", "nosuch");
        var unknownReport = await _installation.RunAsync(Timeout, "report", "nosuch", "--out", Path.Combine(_installation.Root, "report"));

        Assert.Equal(1, unknownSweep.ExitCode);
        Assert.Contains("No sweep with id or name 'nosuch'", unknownSweep.Errors);
        Assert.NotEqual(0, unknownKind.ExitCode);
        Assert.Contains("histogram", unknownKind.Errors);
        Assert.False(Directory.Exists(Path.Combine(_installation.Root, "plots")));
        Assert.Equal((1, 1), (unknownResults.ExitCode, unknownReport.ExitCode));
        Assert.Contains("No sweep with id or name 'nosuch'", unknownReport.Errors);
        Assert.False(Directory.Exists(Path.Combine(_installation.Root, "report")));
    }

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var header = File.ReadAllBytes(path).AsSpan(0, 24);
        Assert.True(header[..8].SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), $"{path} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(header[16..20]), BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
    }

    public void Dispose() => _installation.Dispose();
}
