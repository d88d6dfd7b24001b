using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using Sweeps.Data;

namespace Sweeps.Cli.Commands;

/// <summary>
/// <c>sweeps data prepare SOURCE --out DIR</c> packs any supported dataset into the memory-mapped format
/// (resumable after Ctrl-C); <c>sweeps data verify DIR</c> re-checks a prepared folder and lists every problem.
/// </summary>
public static class DataCommand
{
    public static Command Create() => new("data", "Pack datasets into the memory-mapped format training and scoring read fastest, and check packed folders")
    {
        PrepareCommand(),
        VerifyCommand(),
    };

    private static Command PrepareCommand()
    {
        var source = new Argument<string>("source")
        {
            Description = "Dataset folder: downsampled ImageNet (npz or pickle), class folders, the annotation layout, or a BAPPS 2AFC/JND split",
        };
        var outDir = new Option<string>("--out") { Description = "Folder to write the prepared data into", Required = true };
        var command = new Command("prepare", "Convert a dataset into one memory-mappable file per array plus a manifest; re-run to resume after an interruption")
        {
            source,
            outDir,
        };
        command.SetAction((result, ct) => PrepareAsync(Path.GetFullPath(result.GetValue(source)!), Path.GetFullPath(result.GetValue(outDir)!), ct));
        return command;
    }

    private static Command VerifyCommand()
    {
        var dir = new Argument<string>("dir") { Description = "A folder written by 'sweeps data prepare'" };
        var command = new Command("verify", "Re-check a prepared folder's files, checksums, counts and labels; list every problem (exit code 1 if any)") { dir };
        command.SetAction(result => Verify(Path.GetFullPath(result.GetValue(dir)!)));
        return command;
    }

    private static async Task<int> PrepareAsync(string source, string outDir, CancellationToken ct)
    {
        // Signals are left to the commands (CommandFailures): Ctrl+C stops this one after the piece it is writing.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var ctrlC = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        var clock = Stopwatch.StartNew();
        // Files without a manifest are what an interrupted prepare leaves; Prepare carries on from them.
        var resuming = Directory.Exists(outDir) && !PackedManifest.ExistsIn(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any();
        PackedManifest manifest;
        PrepareProgressBar? bar = null;
        try
        {
            manifest = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape($"reading {source}"));
                    task.IsIndeterminate = true;
                    bar = new PrepareProgressBar(task, resuming);
                    var prepared = await Task.Run(() => PackedData.Prepare(source, outDir, bar, stop.Token), stop.Token);
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    return prepared;
                });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Stopped. Everything written so far in {outDir} is kept; run the same command again to resume.");
            return ExitCodes.Interrupted;
        }
        catch (Exception unreadable) when (unreadable is DataFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(unreadable.Message);
            return 1;
        }
        PrintSummary(manifest, outDir, bar!, clock.Elapsed);
        return 0;
    }

    private static void PrintSummary(PackedManifest manifest, string outDir, PrepareProgressBar bar, TimeSpan elapsed)
    {
        AnsiConsole.MarkupLineInterpolated($"{(bar.WroteAnything ? "Prepared" : "Already prepared:")} {manifest.Kind} data from {manifest.Source} in {outDir}");
        foreach (var split in manifest.Splits)
            AnsiConsole.MarkupLineInterpolated($"  {Describe(split, manifest.Kind)}");
        var bytesOnDisk = manifest.Files.Sum(file => file.Bytes);
        var rate = bar.MegabytesPerSecond is { } megabytesPerSecond
            ? string.Create(CultureInfo.InvariantCulture, $", {megabytesPerSecond:F1} MB/s of images")
            : "";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"  {bytesOnDisk / 1e6:F1} MB on disk in {manifest.Files.Count} files; {elapsed.TotalSeconds:F1} s{rate}");
    }

    private static int Verify(string dir)
    {
        var problems = PackedData.Verify(dir);
        foreach (var problem in problems)
            Console.WriteLine(problem);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"{dir}: {problems.Count} problem(s)");
            return 1;
        }
        var manifest = PackedManifest.Read(dir);
        Console.WriteLine($"OK {dir}: {manifest.Kind}, {string.Join("; ", manifest.Splits.Select(split => Describe(split, manifest.Kind)))}; " +
                          $"{manifest.Files.Count} files match their checksums");
        return 0;
    }

    /// <summary>"train: 1,200 images, 10 classes" or "2afc: 300 triplets, 6 categories".</summary>
    private static string Describe(PackedSplit split, string kind)
    {
        var rows = kind switch
        {
            PackedData.TwoAfcKind => "triplets",
            PackedData.JndKind => "pairs",
            _ => "images",
        };
        var groups = split.Categories.Count > 0 ? $"{split.Categories.Count} categories" : $"{split.ClassCount} classes";
        return string.Create(CultureInfo.InvariantCulture, $"{split.Name}: {split.Count:N0} {rows}, {groups}");
    }
}
