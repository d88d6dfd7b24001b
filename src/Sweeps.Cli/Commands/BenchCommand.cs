using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Commands;

/// <summary>
/// The benchmarks, each printing figures (never a timed test): <c>bench train</c>, <c>bench data</c>,
/// <c>bench score</c>, and <c>bench allocators</c>: ResNet-6 (64x64, batch 128) training, evaluation
/// and PS throughput under each allocator setting. Allocators are chosen before a process starts, so
/// every setting runs in a child process of this executable.
/// </summary>
public static class BenchCommand
{
    private const string ChildFlag = "--measure-here";

    public static Option<int> ThreadsOption()
    {
        var threads = new Option<int>("--threads") { Description = "Torch threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        // libtorch aborts the whole process on a thread count below 1.
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"--threads must be 1 or more, not {result.GetValueOrDefault<int>()}.");
        });
        return threads;
    }

    public static Command Create() => new("bench", "Measure throughput and memory (prints figures)")
    {
        BenchTrainCommand.Create(),
        BenchDataCommand.Create(),
        BenchScoreCommand.Create(),
        BenchChaosCommand.Create(),
        BenchQueueCommand.Create(),
        BenchReportCommand.Create(),
        CreateAllocators(),
    };

    private static Command CreateAllocators()
    {
        var threads = ThreadsOption();
        var here = new Option<bool>(ChildFlag) { Description = "Measure in this process with its current allocator (used by the parent run)", Hidden = true };
        var command = new Command("allocators", "Training, evaluation and PS-scoring throughput of ResNet-6 with and without the fast allocator settings") { threads, here };
        command.SetAction((result, ct) =>
        {
            int threadCount = result.GetValue(threads);
            if (result.GetValue(here))
            {
                Console.WriteLine(JsonSerializer.Serialize(Throughput.Measure(threadCount, ct)));
                return Task.FromResult(0);
            }
            return Task.FromResult(RunAllocatorVariants(threadCount));
        });
        return command;
    }

    private static int RunAllocatorVariants(int threads)
    {
        var table = new Table().AddColumns("allocator", "train img/s", "eval img/s", "PS triplets/s", "peak RSS MB");
        foreach (var (name, environment) in AllocatorVariants())
        {
            AnsiConsole.MarkupLineInterpolated($"measuring with {name} ...");
            var figures = RunChild(threads, environment);
            table.AddRow(name,
                figures.TrainImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                figures.EvalImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                figures.TripletsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                (figures.PeakRssBytes / 1e6).ToString("F0", CultureInfo.InvariantCulture));
        }
        AnsiConsole.MarkupLineInterpolated($"ResNet-6 (width 1) at 64x64, batch 128, {threads} torch thread(s), {Environment.ProcessorCount} cores");
        AnsiConsole.Write(table);
        return 0;
    }

    private static IEnumerable<(string Name, Dictionary<string, string?> Environment)> AllocatorVariants()
    {
        yield return ("glibc default", new() { ["LD_PRELOAD"] = null, ["GLIBC_TUNABLES"] = null });
        yield return ("glibc tunables", new()
        {
            ["LD_PRELOAD"] = null,
            ["GLIBC_TUNABLES"] = "glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967296",
        });
        var tcmalloc = new[] { "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", "/usr/lib64/libtcmalloc_minimal.so.4" }.FirstOrDefault(File.Exists);
        if (tcmalloc is not null)
            yield return ("tcmalloc", new() { ["LD_PRELOAD"] = tcmalloc, ["GLIBC_TUNABLES"] = null });
    }

    private static Throughput RunChild(int threads, Dictionary<string, string?> environment)
    {
        var start = SweepsProgram.StartInfo(["bench", "allocators", ChildFlag, "--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        start.RedirectStandardError = false;
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"The measuring process exited with code {child.ExitCode}.");
        return JsonSerializer.Deserialize<Throughput>(output.Trim().Split('\n')[^1])!;
    }
}
