namespace Sweeps.Cli.Tests;

/// <summary>validate, expand and submit as a user types them.</summary>
public sealed class SweepFileCommandTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;
    private readonly CliInstallation _installation = new();

    private const string Widths = """
        name: widths
        base:
          model: { family: resnet, depth: 6 }
          data: { train: demo/imagenet64, val: demo/imagenet64 }
          train: { epochs: 1, batch_size: 16 }
          score: { bapps: demo/bapps/2afc/val }
        parameters:
          model.width: { values: [0.125, 0.25] }
        """;

    [Fact]
    public async Task Validate_reports_every_file_and_fails_when_one_is_invalid_without_creating_a_database()
    {
        var good = _installation.WriteSweep("good.yaml", Widths);
        var bad = _installation.WriteSweep("bad.yaml", Widths.Replace("depth: 6", "depht: 6").Replace("demo/imagenet64, val", "missing/folder, val"));

        var result = await _installation.RunAsync(Timeout, "validate", good, bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("good.yaml: valid, 2 trial(s)", result.Output);
        Assert.Contains("bad.yaml:3:", result.Errors);
        Assert.Contains("depht", result.Errors);
        Assert.Contains("missing/folder", result.Errors);
        Assert.False(File.Exists(_installation.DatabaseFile));
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "validate", good)).ExitCode);
    }

    [Fact]
    public async Task Expand_lists_the_trials_and_stores_nothing()
    {
        var file = _installation.WriteSweep("widths.yaml", Widths);

        var result = await _installation.RunAsync(Timeout, "expand", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("widths (grid): 2 trial(s)", result.Output);
        Assert.Contains("model.width=0.125", result.Output);
        Assert.Contains("model.width=0.25", result.Output);
        Assert.False(File.Exists(_installation.DatabaseFile));
    }

    [Fact]
    public async Task Submitting_an_overlapping_sweep_reuses_queued_trials_and_force_queues_them_again()
    {
        var first = _installation.WriteSweep("widths.yaml", Widths);
        var overlapping = _installation.WriteSweep("more.yaml", Widths.Replace("name: widths", "name: more").Replace("[0.125, 0.25]", "[0.25, 0.5]"));

        Assert.Contains("2 trial(s), 2 queued", (await _installation.RunAsync(Timeout, "submit", first)).Output);
        var reusing = await _installation.RunAsync(Timeout, "submit", overlapping);
        var forced = await _installation.RunAsync(Timeout, "submit", "--force", overlapping);

        Assert.Contains("2 trial(s), 1 queued, 1 reused", reusing.Output);
        Assert.Contains("2 trial(s), 2 queued", forced.Output);
        Assert.Equal(5, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Trials", Timeout));
        Assert.Equal(6, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM SweepTrials", Timeout));
    }

    public void Dispose() => _installation.Dispose();
}
