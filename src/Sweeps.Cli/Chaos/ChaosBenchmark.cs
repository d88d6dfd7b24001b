using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Chaos;

/// <summary>
/// <c>bench chaos</c>: the same sweep run twice by this program, once undisturbed and once with its
/// worker's whole process group killed with SIGKILL again and again (each time at a seeded random
/// moment after the worker recorded a new checkpoint, then restarted under the same WorkerId, as a
/// service would be), then compared row by row and checkpoint file by checkpoint file.
/// </summary>
public sealed class ChaosBenchmark(ChaosSettings settings, Action<string> progress)
{
    public async Task<ChaosReport> RunAsync(CancellationToken ct)
    {
        var folder = settings.KeepFolder ?? Directory.CreateTempSubdirectory("sweeps-chaos-").FullName;
        try
        {
            await using var reference = new ChaosInstallation(Path.Combine(folder, "uninterrupted"), settings);
            await using var chaos = new ChaosInstallation(Path.Combine(folder, "chaos"), settings);
            progress($"Uninterrupted run in {reference.Folder}");
            var clock = Stopwatch.StartNew();
            await reference.RunAsync(ct, "submit", reference.SweepFile);
            await reference.RunAsync(ct, "worker", "--until-idle");
            var uninterruptedWall = clock.Elapsed;

            progress($"Run with {settings.Kills} kills in {chaos.Folder}");
            clock.Restart();
            await chaos.RunAsync(ct, "submit", chaos.SweepFile);
            int kills = await KillRepeatedlyAsync(chaos, ct);
            await chaos.RunAsync(ct, "worker", "--until-idle");
            var chaosWall = clock.Elapsed;
            return await CompareAsync(chaos, reference, kills, chaosWall, uninterruptedWall, settings.KeepFolder is null ? "(deleted)" : folder, ct);
        }
        finally
        {
            if (settings.KeepFolder is null) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Starts the worker and kills its process group once it has recorded a new checkpoint, a random
    /// delay has passed and a trial is running; again until every kill is done or the sweep finished first.</summary>
    private async Task<int> KillRepeatedlyAsync(ChaosInstallation chaos, CancellationToken ct)
    {
        var random = new Random(settings.Seed);
        for (int kill = 1; kill <= settings.Kills; kill++)
        {
            int before = await chaos.NewestCheckpointAsync(ct);
            using var worker = chaos.StartWorkerGroup("--until-idle");
            while (!worker.HasExited && await chaos.NewestCheckpointAsync(ct) == before)
                await Task.Delay(50, ct);
            var delay = TimeSpan.FromSeconds(settings.MinDelaySeconds + random.NextDouble() * (settings.MaxDelaySeconds - settings.MinDelaySeconds));
            await Task.WhenAny(worker.WaitForExitAsync(ct), Task.Delay(delay, ct));
            // Between two trials nothing would be interrupted: wait for the next claim.
            while (!worker.HasExited && !await chaos.QueryAsync(db => db.Trials.AnyAsync(t => t.State == TrialState.Running, ct)))
                await Task.Delay(20, ct);
            if (worker.HasExited)
            {
                progress($"The sweep finished before kill {kill}.");
                return kill - 1;
            }
            SweepsProgram.SignalGroup(worker.Id, SweepsProgram.SigKill);
            await worker.WaitForExitAsync(ct);
            progress($"Kill {kill}: SIGKILL to the worker's process group {delay.TotalSeconds:F2} s after its first new checkpoint");
        }
        return settings.Kills;
    }

    private static async Task<ChaosReport> CompareAsync(ChaosInstallation chaos, ChaosInstallation reference, int kills,
        TimeSpan chaosWall, TimeSpan uninterruptedWall, string folder, CancellationToken ct)
    {
        var trials = await chaos.QueryAsync(db => db.Trials.AsNoTracking().ToListAsync(ct));
        int epochs = await chaos.QueryAsync(db => db.Trials.Select(t => t.ConfigJson).FirstAsync(ct)) is { } json
            ? Spec.TrialConfig.FromJson(json).Train.Epochs
            : 0;
        var chaosRows = await ScoreRowsAsync(chaos, ct);
        var referenceRows = (await ScoreRowsAsync(reference, ct)).ToDictionary(r => r.Key, r => r.Value);
        var chaosFiles = await CheckpointFilesAsync(chaos, ct);
        var referenceFiles = (await CheckpointFilesAsync(reference, ct)).ToDictionary(c => c.Key, c => c.Sha256);
        int checkpointRows = await chaos.QueryAsync(db => db.Checkpoints.CountAsync(ct));
        int distinctCheckpoints = chaosFiles.Select(c => c.Key).Distinct().Count();
        int distinctScores = chaosRows.Select(r => r.Key).Distinct().Count();
        return new ChaosReport(
            Kills: kills,
            Trials: trials.Count,
            TrialsCompleted: trials.Count(t => t.State == TrialState.Completed),
            EpochsLost: trials.Sum(t => epochs - t.CompletedEpochs),
            Attempts: trials.Sum(t => t.Attempts),
            Interruptions: trials.Sum(t => t.Interruptions),
            FailedAttempts: trials.Sum(t => t.FailedAttempts),
            DuplicateRows: checkpointRows - distinctCheckpoints + chaosRows.Count - distinctScores,
            Checkpoints: referenceFiles.Count,
            IdenticalCheckpoints: chaosFiles.Count(c => referenceFiles.TryGetValue(c.Key, out var sha) && sha == c.Sha256),
            ScoreRows: referenceRows.Count,
            ChaosScoreRows: chaosRows.Count,
            IdenticalScoreRows: chaosRows.Count(r => referenceRows.TryGetValue(r.Key, out var value) && value.Equals(r.Value)),
            ChaosWall: chaosWall,
            UninterruptedWall: uninterruptedWall,
            Folder: folder);
    }

    /// <summary>Every score row, keyed by the trial's place in the sweep, the checkpoint's step and the row's key.</summary>
    private static Task<List<(string Key, double Value)>> ScoreRowsAsync(ChaosInstallation installation, CancellationToken ct) =>
        installation.QueryAsync(async db => (await db.Scores.AsNoTracking()
                .Join(db.Checkpoints, s => s.CheckpointId, c => c.Id, (s, c) => new { s, c.Step, c.TrialId })
                .Join(db.Trials, x => x.TrialId, t => t.Id, (x, t) => new { x.s, x.Step, t.Index })
                .ToListAsync(ct))
            .Select(x => ($"{x.Index}/{x.Step}/{x.s.Metric}/{x.s.Function}/{x.s.Layer}/{x.s.Category}", x.s.Value)).ToList());

    /// <summary>Every checkpoint of a scheduled step with its file's SHA-256, keyed by the trial's place and the step.</summary>
    private static Task<List<(string Key, string Sha256)>> CheckpointFilesAsync(ChaosInstallation installation, CancellationToken ct) =>
        installation.QueryAsync(async db => (await db.Checkpoints.AsNoTracking().Where(c => c.Scheduled)
                .Join(db.Trials, c => c.TrialId, t => t.Id, (c, t) => new { c.Step, c.Sha256, t.Index })
                .ToListAsync(ct))
            .Select(c => ($"{c.Index}/{c.Step}", c.Sha256)).ToList());
}
