using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>
/// The cluster's early-stopping judgement (<see cref="JudgeRunningTrialsJob"/>) on a stored study whose score
/// histories are made by hand through the real <see cref="ResultStore"/>: hyperband (min_iter 2, eta 3, top-1)
/// over five trials. At checkpoint 1 the trials that reached it have top-1 60 (completed), 10, 50 and 6, so
/// the threshold is the second best, 50: the trial at 10 stops (its best checkpoint is its first, at 20); the
/// one at 50 goes on; the one with a single checkpoint has reached no band; the one at 6 was asked to pause
/// by an operator, which no stop overrides.
/// </summary>
public sealed class JudgeRunningTrialsTests : IAsyncDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private const string StopReason = "hyperband band 2: top1 10.0 below threshold 50.0 (the best 1/3 of 4 trials at checkpoint 1)";
    private readonly WorkerWorkspace _workspace = new();
    private string? _server;
    private string? _database;

    private sealed record Study(IReadOnlyList<ClaimedTrial> Trials, int StoppedBest);

    [Fact]
    public async Task Judging_the_running_trials_twice_at_once_records_the_expected_stop_once_and_its_holder_ends_it_Stopped_with_the_reason()
    {
        var study = await StoreStudyAsync();

        using var host = _workspace.CreateWorker(untilIdle: true);
        var recorded = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var scope = host.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<EarlyStoppingJudge>().JudgeRunningAsync(Timeout);
        }));

        Assert.Equal([(study.Trials[1].Id, StopReason)], recorded.SelectMany(stops => stops));
        await AssertOnlyTheExpectedStopIsRecordedAsync(study);
        using (var scope = host.Services.CreateScope())
        {
            // Its holder acts on it at its next check; the other running trials go on.
            var queue = scope.ServiceProvider.GetRequiredService<TrialQueue>();
            Assert.Equal(TrialState.Stopped, await queue.EndAttemptAsync(study.Trials[1].Claim, new AttemptEnd.Settled(OperatorRequest.Stop), 3, Timeout));
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<EarlyStoppingJudge>().JudgeRunningAsync(Timeout));
        }
        var statuses = await _workspace.TrialsAsync(study.Trials[0].SweepId, Timeout);
        Assert.Equal((TrialState.Stopped, StopReason), (statuses[1].State, statuses[1].Error));
        Assert.Equal([1L, 2L], (await _workspace.CheckpointsAsync(study.Trials[1].Id, Timeout)).Select(c => c.Step));

        // An operator retries it: judged again only once its new attempt has recorded a checkpoint.
        using (var scope = host.Services.CreateScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<TrialQueue>();
            var judge = scope.ServiceProvider.GetRequiredService<EarlyStoppingJudge>();
            await queue.CommandAsync([study.Trials[1].Id], TrialTransition.Retry, Timeout);
            var retried = (await queue.ClaimNextAsync("holder", TimeSpan.FromHours(1), 3, Timeout))!;
            Assert.Equal((study.Trials[1].Id, 2), (retried.Id, retried.Attempt));
            Assert.Empty(await judge.JudgeRunningAsync(Timeout));
            var results = scope.ServiceProvider.GetRequiredService<ResultStore>();
            int third = await results.RecordCheckpointAsync(retried.Claim, new NewCheckpoint(3, 3, 3, $"/ck/{retried.Id}/2", "sha"), Timeout);
            await results.RecordScoresAsync(retried.Claim, third, [new ScoreValue("top1", "", "", "", 12)], Timeout);
            Assert.Equal([(retried.Id, StopReason)], await judge.JudgeRunningAsync(Timeout));
        }
    }

    [Fact]
    public async Task A_trial_later_sweeps_reused_is_stopped_only_when_the_rules_of_all_that_list_it_agree_and_with_every_reason()
    {
        var study = await StoreStudyAsync();
        // The same rule over fewer trials (W&B's threshold: the value at index floor(n / 3) of those at the band, best
        // first). Over the first three, 60, 10 and 50 at checkpoint 1, it is 50: this sweep too stops the trial at 10.
        var again = await SubmitSweepAsync("judged-again", Hyperband, [0.1, 0.2, 0.3]);
        // Over the first and third, 60 and 50, it is 60: this sweep would stop the trial at 50, which the first keeps.
        var pairs = await SubmitSweepAsync("judged-pairs", Hyperband, [0.1, 0.3]);
        Assert.Equal(study.Trials.Take(3).Select(t => t.Id), again.TrialIds);
        Assert.Equal([study.Trials[0].Id, study.Trials[2].Id], pairs.TrialIds);

        using var host = _workspace.CreateWorker(untilIdle: true);
        using var scope = host.Services.CreateScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<EarlyStoppingJudge>().JudgeRunningAsync(Timeout);

        const string both = $"sweep judged: {StopReason}; sweep judged-again: hyperband band 2: top1 10.0 below threshold 50.0 (the best 1/3 of 3 trials at checkpoint 1)";
        var stop = Assert.Single(recorded);
        Assert.Equal(study.Trials[1].Id, stop.TrialId);
        Assert.Equal(both, stop.Reason);
        var trials = await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().OrderBy(t => t.Id).Take(3).ToListAsync(Timeout));
        Assert.Equal([null, OperatorRequest.Stop, null], trials.Select(t => t.Request));
        Assert.Equal(study.StoppedBest, trials[1].BestCheckpointId);
    }

    [Fact]
    public async Task A_trial_that_a_sweep_without_a_rule_reused_is_not_stopped_by_its_creating_sweeps_rule()
    {
        var study = await StoreStudyAsync();
        var full = await SubmitSweepAsync("trained-in-full", "", [0.2]);
        Assert.Equal([study.Trials[1].Id], full.TrialIds);

        using var host = _workspace.CreateWorker(untilIdle: true);
        using var scope = host.Services.CreateScope();
        var judge = scope.ServiceProvider.GetRequiredService<EarlyStoppingJudge>();

        Assert.Empty(await judge.JudgeRunningAsync(Timeout));
        // Its holder, judging after a checkpoint, marks its best checkpoint and records no stop either.
        Assert.False(await judge.JudgeHeldAsync(study.Trials[1], Timeout));
        var trial = await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().SingleAsync(t => t.Id == study.Trials[1].Id, Timeout));
        Assert.Equal((TrialState.Running, null, study.StoppedBest), (trial.State, trial.Request, trial.BestCheckpointId));
    }

    [Fact]
    public async Task On_SQLite_the_worker_runs_the_job_in_its_own_process_and_records_the_stop()
    {
        var study = await StoreStudyAsync();

        using var worker = _workspace.CreateWorker(untilIdle: false, workerId: "judge");
        await RunUntilStopRecordedAsync([worker], study);

        await AssertOnlyTheExpectedStopIsRecordedAsync(study);
    }

    [SkippableFact]
    public async Task On_PostgreSQL_two_nodes_hold_one_trigger_for_the_job_and_the_stop_is_recorded_once()
    {
        _server = TestPostgres.RequireServer();
        _database = ScratchPostgreSqlDatabase.NewOn(_server, "sweeps_judge_");
        _workspace.Settings["Sweeps:Database"] = _database;
        _workspace.Settings["Sweeps:ClusterCheckinSeconds"] = "1";
        var study = await StoreStudyAsync();

        using var nodeA = _workspace.CreateWorker(untilIdle: false, workerId: "node-a");
        using var nodeB = _workspace.CreateWorker(untilIdle: false, workerId: "node-b");
        await RunUntilStopRecordedAsync([nodeA, nodeB], study);

        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync(Timeout);
            await using var triggers = new NpgsqlCommand("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'judge-running-trials'", connection);
            Assert.Equal(1L, await triggers.ExecuteScalarAsync(Timeout));
        }
        await AssertOnlyTheExpectedStopIsRecordedAsync(study);
    }

    /// <summary>Workers that claim nothing (the disk guard holds claims back), so only the job acts on the study.</summary>
    private async Task RunUntilStopRecordedAsync(IReadOnlyList<IHost> workers, Study study)
    {
        foreach (var worker in workers)
            await worker.StartAsync(Timeout);
        while (await _workspace.QueryDbAsync(db => db.Trials.Where(t => t.Id == study.Trials[1].Id).Select(t => t.Request).SingleAsync(Timeout)) is null)
            await Task.Delay(100, Timeout);
        foreach (var worker in workers)
            await worker.StopAsync(Timeout);
    }

    private async Task AssertOnlyTheExpectedStopIsRecordedAsync(Study study)
    {
        var trials = await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().OrderBy(t => t.Id).ToListAsync(Timeout));
        Assert.Equal([(TrialState.Completed, null, null), (TrialState.Running, OperatorRequest.Stop, StopReason),
                (TrialState.Running, null, null), (TrialState.Running, null, null), (TrialState.Running, OperatorRequest.Pause, null)],
            trials.Select(t => (t.State, t.Request, t.RequestReason)));
        Assert.Equal(study.StoppedBest, trials[1].BestCheckpointId);
    }

    private const string Hyperband = "early_terminate: { type: hyperband, min_iter: 2, eta: 3 }";

    /// <summary>A sweep of one trial per learning rate on one base: a later one reuses the trials of an earlier one.</summary>
    private Task<SweepRecord> SubmitSweepAsync(string name, string rule, double[] learningRates) =>
        _workspace.SubmitAsync($$"""
            name: {{name}}
            metric: { name: top1, goal: maximize }
            {{rule}}
            method: list
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 6, batch_size: 16, learning_rate: 0.2, seed: 3 }
              score: { bapps: demo/bapps/2afc/val }
            trials:
            {{string.Join("\n", learningRates.Select(lr => $"  - train.learning_rate: {lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}}
            """, Timeout);

    private async Task<Study> StoreStudyAsync()
    {
        _workspace.Settings["Sweeps:EarlyStoppingSeconds"] = "0.1";
        _workspace.Settings["Sweeps:MinFreeDiskMegabytes"] = "999999999";
        var sweep = await SubmitSweepAsync("judged", Hyperband, [0.1, 0.2, 0.3, 0.4, 0.5]);
        double[][] top1 = [[50, 60], [20, 10], [55, 50], [30], [5, 6]];
        using var host = _workspace.CreateWorker(untilIdle: true);
        var trials = new List<ClaimedTrial>();
        var checkpointIds = new List<int>();
        for (int i = 0; i < top1.Length; i++)
        {
            using var scope = host.Services.CreateScope();
            var trial = (await scope.ServiceProvider.GetRequiredService<TrialQueue>().ClaimNextAsync("holder", TimeSpan.FromHours(1), 3, Timeout))!;
            Assert.Equal(sweep.TrialIds[i], trial.Id);
            var results = scope.ServiceProvider.GetRequiredService<ResultStore>();
            for (int c = 0; c < top1[i].Length; c++)
            {
                int id = await results.RecordCheckpointAsync(trial.Claim, new NewCheckpoint(c + 1, c + 1, c + 1, $"/ck/{trial.Id}/{c}", "sha"), Timeout);
                await results.RecordScoresAsync(trial.Claim, id, [new ScoreValue("top1", "", "", "", top1[i][c])], Timeout);
                if (i == 1) checkpointIds.Add(id);
            }
            trials.Add(trial);
        }
        using (var scope = host.Services.CreateScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<TrialQueue>();
            await queue.EndAttemptAsync(trials[0].Claim, new AttemptEnd.Completed(), 3, Timeout);
            await queue.CommandAsync([trials[4].Id], TrialTransition.Pause, Timeout);
        }
        // Its best top-1 is at its first checkpoint.
        return new Study(trials, checkpointIds[0]);
    }

    public async ValueTask DisposeAsync()
    {
        _workspace.Dispose();
        if (_database is null) return;
        await ScratchPostgreSqlDatabase.DropAsync(_server!, _database);
    }
}
