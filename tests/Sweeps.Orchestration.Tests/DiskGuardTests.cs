using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>A worker whose checkpoint disk (a real, small tmpfs) fills up while it trains.</summary>
public sealed class DiskGuardTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly WorkerWorkspace _workspace = new();

    private const string OneTrial = """
        name: disk
        base:
          model: { family: resnet, depth: 6, width: 0.125 }
          data: { train: demo/imagenet64, val: demo/imagenet64 }
          train: { epochs: 30, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 3 }
          score: { bapps: demo/bapps/2afc/val }
        """;

    private async Task<T> WaitForAsync<T>(SweepsDbContext db, Func<SweepsDbContext, Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var value = await read(db);
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen (last: {value})");
            await Task.Delay(50, Timeout);
        }
    }

    [SkippableFact]
    public async Task Below_the_threshold_the_worker_waits_at_its_next_checkpoint_says_why_and_goes_on_when_space_returns()
    {
        using var run = await StartOnSmallDiskAsync(minFreeMegabytes: 8);
        var (disk, worker, db) = (run.Disk, run.Worker, run.Db);

        var ballast = disk.Fill(leaveBytes: 4_000_000);
        var note = await WaitForAsync(db, d => d.Workers.Where(w => w.Id == "box-a").Select(w => w.Note).SingleAsync(Timeout), n => n is not null, "the worker's note");
        int heldAt = await db.Checkpoints.CountAsync(Timeout);
        await Task.Delay(TimeSpan.FromSeconds(2), Timeout);

        // 4 MB once the ballast is written; up to 7 when the guard looked while it was still being written.
        Assert.Matches($"^not claiming: [0-7] MB free on {disk.Path}, below the 8 MB needed \\(MinFreeDiskMegabytes 8\\)$", note);
        Assert.Equal(heldAt, await db.Checkpoints.CountAsync(Timeout));
        // (Failed attempts are not asserted: libtorch's Scalar fault, README Known problems, can fail one under load.)
        var waiting = await db.Trials.AsNoTracking().SingleAsync(Timeout);
        Assert.True(waiting is { State: TrialState.Running, Interruptions: 0 }, $"{waiting.State}: {waiting.Error}");

        File.Delete(ballast);
        var done = await WaitForAsync(db, d => d.Trials.AsNoTracking().SingleAsync(Timeout), t => t.State != TrialState.Running, "the end of the trial");
        await worker.StopAsync(Timeout);

        Assert.True(done is { State: TrialState.Completed, Interruptions: 0 }, $"{done.State}: {done.Error}");
        Assert.Equal(30, await db.Checkpoints.CountAsync(c => c.Scheduled, Timeout));
        Assert.Null(await db.Workers.Where(w => w.Id == "box-a").Select(w => w.Note).SingleAsync(Timeout));
        Assert.Equal(run.Sweep.TrialIds, [done.Id]);
    }

    [SkippableFact]
    public async Task A_checkpoint_that_does_not_fit_leaves_the_previous_one_intact_is_no_fault_of_the_trial_and_training_resumes_when_space_returns()
    {
        using var run = await StartOnSmallDiskAsync(minFreeMegabytes: 0);
        var (disk, worker, db) = (run.Disk, run.Worker, run.Db);

        var ballast = disk.Fill(leaveBytes: 0);
        var released = await WaitForAsync(db, d => d.Trials.AsNoTracking().SingleAsync(Timeout), t => t.Interruptions == 1, "the interrupted attempt");
        var note = await WaitForAsync(db, d => d.Workers.Where(w => w.Id == "box-a").Select(w => w.Note).SingleAsync(Timeout), n => n is not null, "the worker's note");

        // The attempt that met the full disk was concluded as an interruption (its error is the one stored), not a failure.
        Assert.True(released.State == TrialState.Queued, $"{released.State}: {released.Error}");
        Assert.Contains("could not be written: No space left on device", released.Error);
        Assert.Contains("plus the", note);
        Assert.Empty(Directory.GetFiles(disk.Path, "*.tmp", SearchOption.AllDirectories));
        foreach (var checkpoint in await db.Checkpoints.AsNoTracking().ToListAsync(Timeout))
            Assert.Equal(checkpoint.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(checkpoint.Path))));
        // While the disk stays full the trial is not claimed again.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Timeout);
        Assert.Equal(TrialState.Queued, (await db.Trials.AsNoTracking().SingleAsync(Timeout)).State);

        File.Delete(ballast);
        var done = await WaitForAsync(db, d => d.Trials.AsNoTracking().SingleAsync(Timeout), t => t.State is TrialState.Completed or TrialState.Failed, "the end of the trial");
        await worker.StopAsync(Timeout);

        Assert.True(done is { State: TrialState.Completed, Interruptions: 1 }, $"{done.State}: {done.Error}");
        Assert.Equal(30, await db.Checkpoints.CountAsync(c => c.Scheduled, Timeout));
    }

    /// <summary>One trial training on a fresh 24 MB tmpfs under worker box-a, past its first checkpoint.</summary>
    private async Task<SmallDiskRun> StartOnSmallDiskAsync(int minFreeMegabytes)
    {
        var disk = SmallFilesystem.Mount(megabytes: 24);
        _workspace.Settings["Sweeps:CheckpointRoot"] = disk.Path;
        _workspace.Settings["Sweeps:MinFreeDiskMegabytes"] = minFreeMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sweep = await _workspace.SubmitAsync(OneTrial, Timeout);
        var run = new SmallDiskRun(disk, sweep, _workspace.CreateWorker(untilIdle: false, workerId: "box-a", heartbeatSeconds: 0.3),
            _workspace.CreateWorker(untilIdle: true));
        await run.Worker.StartAsync(Timeout);
        await WaitForAsync(run.Db, d => d.Checkpoints.CountAsync(Timeout), n => n >= 1, "a first checkpoint");
        return run;
    }

    private sealed class SmallDiskRun(SmallFilesystem disk, SweepRecord sweep, IHost worker, IHost reader) : IDisposable
    {
        private readonly IServiceScope _scope = reader.Services.CreateScope();
        public SmallFilesystem Disk => disk;
        public SweepRecord Sweep => sweep;
        public IHost Worker => worker;
        public SweepsDbContext Db => _scope.ServiceProvider.GetRequiredService<SweepsDbContext>();

        public void Dispose()
        {
            _scope.Dispose();
            reader.Dispose();
            worker.Dispose();
            disk.Dispose();
        }
    }

    public void Dispose() => _workspace.Dispose();
}
