using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps replay</c> over a sweep the real worker ran.</summary>
public sealed partial class ReplayCommandTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly CliInstallation _installation = new();

    [Fact]
    public async Task Replay_prints_where_each_trial_stops_and_the_compute_and_best_score_against_the_full_sweep()
    {
        var sweep = _installation.WriteSweep("three.yaml", """
            name: three
            metric: { name: ps, goal: maximize }
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 4, batch_size: 16, warmup_epochs: 0.5, seed: 2 }
              score: { bapps: demo/bapps/2afc/val }
            parameters:
              train.learning_rate: { values: [0.05, 0.2, 0.8] }
            """);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", sweep)).ExitCode);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "worker", "--until-idle")).ExitCode);
        // Each checkpoint must add 5 points of top-1: most trials stop early.
        var rule = _installation.WriteSweep("rule.yaml", "early_terminate: { type: peak, metric: top1, patience: 1, min_delta: 5 }\n");

        var replay = await _installation.RunAsync(Timeout, "replay", "three", "--early-terminate", rule);

        Assert.True(replay.ExitCode == 0, replay.Output + replay.Errors);
        Assert.Contains("Replay of three (sweep 1) under early_terminate type peak, best by ps (maximize)", replay.Output);
        // 3 trials x 4 epochs x 12 steps x 16 images in full.
        var compute = ComputeLine().Match(replay.Output);
        Assert.True(compute.Success, replay.Output);
        Assert.Equal("2,304", compute.Groups[2].Value);
        long trained = long.Parse(compute.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(trained / 2304.0, double.Parse(compute.Groups[3].Value, CultureInfo.InvariantCulture) / 100, 4);
        // Each trial's images trained, as printed, add up to the total.
        var perTrial = TrialImages().Matches(replay.Output).Select(m => long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, perTrial.Count);
        Assert.Equal(trained, perTrial.Sum());
        var best = BestLine().Match(replay.Output);
        Assert.True(best.Success, replay.Output);
        var full = await _installation.QueryAsync<double>(
            "SELECT MAX(Value) FROM Scores WHERE Metric = 'ps' AND Function = 'lpips' AND Layer = 'ensemble' AND Category = 'mean'", Timeout);
        Assert.Equal(full.ToString("F2", CultureInfo.InvariantCulture), best.Groups[2].Value);

        // Two rules in one run, each printed as alone and in the order given, and one figure of both.
        var hyperband = _installation.WriteSweep("hyperband-eta2.yaml", "early_terminate: { type: hyperband, min_iter: 1, eta: 2 }\n");
        var figure = Path.Combine(_installation.Root, "figures", "replay.png");
        var both = await _installation.RunAsync(Timeout, "replay", "three", "--early-terminate", rule, "--early-terminate", hyperband, "--plot", figure);

        Assert.True(both.ExitCode == 0, both.Output + both.Errors);
        int peakAt = both.Output.IndexOf("under early_terminate type peak,", StringComparison.Ordinal);
        int hyperbandAt = both.Output.IndexOf("under early_terminate type hyperband,", StringComparison.Ordinal);
        Assert.True(peakAt >= 0 && hyperbandAt > peakAt, both.Output);
        var computes = ComputeLine().Matches(both.Output);
        Assert.Equal(2, computes.Count);
        Assert.Equal(compute.Value, computes[0].Value);
        Assert.True(computes[1].Index > hyperbandAt, both.Output);
        Assert.Equal(2, BestLine().Matches(both.Output).Count);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(figure)[..4]);
        var svg = File.ReadAllText(Path.ChangeExtension(figure, ".svg"));
        Assert.Contains("<svg", svg);
        // The peak rule's end is labelled with the numbers its table printed.
        Assert.Contains($"{compute.Groups[3].Value}% compute, gap {best.Groups[3].Value}", svg);
        Assert.Contains("hyperband-eta2.yaml (hyperband)", svg);
        // Skia's SVG canvas prints this for anything drawn with a dash it cannot write (it ran into the next line).
        Assert.DoesNotContain("Unsupported path effect", both.Output + both.Errors);

        var badRule = _installation.WriteSweep("bad-rule.yaml", "early_terminate: { type: peek }\n");
        var refused = await _installation.RunAsync(Timeout, "replay", "three", "--early-terminate", badRule);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("bad-rule.yaml:1:", refused.Errors);
        Assert.Contains("did you mean 'peak'?", refused.Errors);
        Assert.Equal(1, (await _installation.RunAsync(Timeout, "replay", "nothing", "--early-terminate", rule)).ExitCode);
    }

    [GeneratedRegex(@"Compute: ([0-9,]+) of ([0-9,]+) training images \(([0-9.]+)% of the full sweep\)")]
    private static partial Regex ComputeLine();

    [GeneratedRegex(@"│ ([0-9,]+) of 768 +│")]
    private static partial Regex TrialImages();

    [GeneratedRegex(@"Best ps: ([0-9.]+) under the rule, ([0-9.]+) in the full sweep \(gap ([0-9.]+)\)")]
    private static partial Regex BestLine();

    public void Dispose() => _installation.Dispose();
}
