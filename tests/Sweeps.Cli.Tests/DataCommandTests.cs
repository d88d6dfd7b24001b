using Sweeps.Data;
using Sweeps.Orchestration;
using Sweeps.Testing;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps data prepare|verify</c> as a user runs them, and a worker trial reading the prepared folder.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly CliInstallation _installation = new();

    private string PreparedFolder => Path.Combine(_installation.Root, "data", "prepared");

    /// <summary>Prepares the demo folder with paths relative to the installation's working folder.</summary>
    private async Task<CliResult> PrepareDemoAsync() =>
        await _installation.RunAsync(Timeout, "data", "prepare", "data/demo/imagenet64", "--out", "data/prepared");

    [Fact]
    public async Task Prepare_packs_the_demo_folder_and_verify_finds_it_sound()
    {
        var prepare = await PrepareDemoAsync();

        Assert.True(prepare.ExitCode == 0, prepare.Errors);
        // The installation's demo data: 4 classes of 48 training and 12 validation images.
        Assert.Contains("train: 192 images, 4 classes", prepare.Output);
        Assert.Contains("val: 48 images, 4 classes", prepare.Output);
        Assert.True(File.Exists(Path.Combine(PreparedFolder, "manifest.json")));

        var verify = await _installation.RunAsync(Timeout, "data", "verify", "data/prepared");

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Errors);
        Assert.StartsWith($"OK {PreparedFolder}: images, train: 192 images, 4 classes; val: 48 images, 4 classes", verify.Output);
    }

    [Fact]
    public async Task Verify_names_the_image_file_in_which_one_byte_changed_and_exits_1()
    {
        Assert.Equal(0, (await PrepareDemoAsync()).ExitCode);
        var images = Path.Combine(PreparedFolder, "train.images.npy");
        var bytes = await File.ReadAllBytesAsync(images, Timeout);
        bytes[^100] ^= 0x01;
        await File.WriteAllBytesAsync(images, bytes, Timeout);

        var verify = await _installation.RunAsync(Timeout, "data", "verify", PreparedFolder);

        Assert.Equal(1, verify.ExitCode);
        var problem = Assert.Single(verify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{images}: SHA-256 ", problem);
        Assert.Contains("1 problem(s)", verify.Errors);
    }

    [Fact]
    public async Task Prepare_of_a_folder_without_data_names_it_on_stderr_and_exits_1()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_installation.Root, "data", "empty")).FullName;

        var prepare = await _installation.RunAsync(Timeout, "data", "prepare", "data/empty", "--out", "data/prepared");

        Assert.Equal(1, prepare.ExitCode);
        Assert.StartsWith($"{empty}: no supported data layout found", prepare.Errors);
        Assert.False(File.Exists(Path.Combine(PreparedFolder, "manifest.json")));
    }

    [Fact]
    public async Task A_worker_trial_whose_data_is_the_prepared_folder_completes_reading_the_prepared_data()
    {
        Assert.Equal(0, (await PrepareDemoAsync()).ExitCode);
        var sweep = _installation.WriteSweep("prepared.yaml", """
            name: prepared
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: prepared, val: prepared }
              train: { epochs: 1, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 5 }
              score: { bapps: demo/bapps/2afc/val }
            """);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", sweep)).ExitCode);

        var worker = await _installation.RunAsync(Timeout, "worker", "--until-idle");

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains($"Reading prepared data {PreparedFolder} (prepared) (prepared from {Path.Combine(_installation.Root, "data", "demo", "imagenet64")})",
            worker.Output + worker.Errors);
        Assert.Equal("Completed", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        Assert.Equal(1, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout));
    }

    [SkippableFact]
    public async Task Ctrl_c_stops_prepare_keeping_what_it_wrote_and_the_same_command_finishes_it()
    {
        const string tinyVal = "tiny-imagenet-200-val/tiny-imagenet-200/val";
        Skip.If(SharedData.Missing(tinyVal), $"{SharedData.PathOf(tinyVal)} is absent (real Tiny ImageNet val set)");
        var source = AnnotationLayoutOf(SharedData.PathOf(tinyVal), copies: 3);
        var prepared = Path.Combine(_installation.Root, "data", "interrupted");
        var progressFile = Path.Combine(prepared, "prepare.progress.json");

        using var process = _installation.Start(["data", "prepare", source, "--out", prepared]);
        var errors = process.StandardError.ReadToEndAsync(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(Timeout);
        // The first piece is on disk (of 30 of 1,024 images): Ctrl+C now comes in the middle.
        while (!File.Exists(progressFile) && !process.HasExited)
            await Task.Delay(10, Timeout);
        Assert.True(SweepsProgram.Signal(process.Id, SweepsProgram.SigInt), "prepare ended before its first piece was written");
        await process.WaitForExitAsync(Timeout);

        Assert.True(process.ExitCode == ExitCodes.Interrupted, $"exit {process.ExitCode}: {await output}{await errors}");
        Assert.Equal($"Stopped. Everything written so far in {prepared} is kept; run the same command again to resume.", (await errors).Trim());
        Assert.False(PackedManifest.ExistsIn(prepared));
        Assert.True(File.Exists(progressFile));

        var resumed = await _installation.RunAsync(Timeout, "data", "prepare", source, "--out", prepared);
        var verify = await _installation.RunAsync(Timeout, "data", "verify", prepared);

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Errors);
        Assert.Contains("val: 30,000 images, 200 classes", resumed.Output);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Errors);
    }

    /// <summary>A folder in the annotation layout listing every image of <paramref name="annotated"/> (itself in
    /// that layout) <paramref name="copies"/> times, as symbolic links: a source big enough to interrupt.</summary>
    private string AnnotationLayoutOf(string annotated, int copies)
    {
        var folder = Path.Combine(_installation.Root, "data", "source");
        var images = Directory.CreateDirectory(Path.Combine(folder, AnnotatedImages.ImagesFolder)).FullName;
        var lines = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(annotated, AnnotatedImages.AnnotationFileName)))
        {
            var fields = line.Split('\t');
            for (var copy = 0; copy < copies; copy++)
            {
                var name = $"{copy}_{fields[0]}";
                File.CreateSymbolicLink(Path.Combine(images, name), Path.Combine(annotated, AnnotatedImages.ImagesFolder, fields[0]));
                lines.Add($"{name}\t{fields[1]}");
            }
        }
        File.WriteAllLines(Path.Combine(folder, AnnotatedImages.AnnotationFileName), lines);
        return folder;
    }

    public void Dispose() => _installation.Dispose();
}
