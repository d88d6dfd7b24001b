using Sweeps.Spec;

namespace Sweeps.Training.Tests;

public class CheckpointRetentionTests
{
    private static readonly CheckpointCandidate[] Scored =
    [
        Candidate(100, ("top1", 10), ("ps", 60), ("train_loss", 3.0)),
        Candidate(200, ("top1", 20), ("ps", 65), ("train_loss", 2.0)),
        Candidate(300, ("top1", 30), ("ps", 62), ("train_loss", 2.5)),
        Candidate(350),
        Candidate(400, ("top1", 25), ("ps", 61), ("train_loss", 1.5)),
        Candidate(450, ("top1", 30), ("ps", 50), ("train_loss", 1.9)),
        Candidate(500, ("top1", 5), ("ps", 40), ("train_loss", 9.0)),
    ];

    [Fact]
    public void All_keeps_everything()
    {
        Assert.Empty(CheckpointRetention.ToDelete(Scored, new CheckpointConfig { Keep = "all" }));
    }

    [Fact]
    public void Last_keeps_the_newest_k_and_deletes_the_rest_oldest_first()
    {
        var deleted = CheckpointRetention.ToDelete(Scored.Reverse().ToArray(), new CheckpointConfig { Keep = "last", KeepLast = 2 });

        Assert.Equal([100L, 200, 300, 350, 400], deleted.Select(checkpoint => checkpoint.Step));
    }

    [Fact]
    public void Last_with_zero_still_keeps_the_resume_point()
    {
        var deleted = CheckpointRetention.ToDelete(Scored, new CheckpointConfig { Keep = "last", KeepLast = 0 });

        Assert.DoesNotContain(500L, deleted.Select(checkpoint => checkpoint.Step));
        Assert.Equal(6, deleted.Count);
    }

    [Fact]
    public void Best_keeps_the_best_on_each_metric_the_unscored_and_the_newest()
    {
        // Best top1: 300 (30; 450 only ties it later). Best ps: 200. Lowest train loss: 400.
        // 350 is not scored yet; 500 is the newest, though worst on everything.
        var deleted = CheckpointRetention.ToDelete(Scored, new CheckpointConfig { Keep = "best" });

        Assert.Equal([100L, 450], deleted.Select(checkpoint => checkpoint.Step));
        Assert.Equal("/checkpoints/100", deleted[0].Path);
    }

    [Fact]
    public void Only_loss_metrics_are_better_when_lower()
    {
        Assert.True(CheckpointRetention.LowerIsBetter("train_loss"));
        Assert.False(CheckpointRetention.LowerIsBetter("top1"));
        Assert.False(CheckpointRetention.LowerIsBetter("ps/lpips/ensemble/mean"));
    }

    [Fact]
    public void Nothing_to_decide_on_an_empty_list()
    {
        Assert.Empty(CheckpointRetention.ToDelete([], new CheckpointConfig { Keep = "best" }));
    }

    [Fact]
    public void Unknown_policy_is_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => CheckpointRetention.ToDelete(Scored, new CheckpointConfig { Keep = "newest" }));

        Assert.Contains("'newest'", error.Message);
    }

    private static CheckpointCandidate Candidate(long step, params (string Name, double Value)[] metrics) =>
        new(step, $"/checkpoints/{step}", metrics.ToDictionary(metric => metric.Name, metric => metric.Value));
}
