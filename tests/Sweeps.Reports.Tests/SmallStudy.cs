using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Storage.Tests;

namespace Sweeps.Reports.Tests;

/// <summary>
/// A stored study small enough to work out by hand: ResNet-6 at widths 0.5, 1 (the default) and 2, two seeds
/// each, two scored checkpoints per trial (steps 100 and 200, batch 32), the best checkpoint by PS marked as the
/// worker marks it. Per checkpoint: top-1, the headline PS (lpips ensemble, category mean), PS of layer stage1
/// (headline - 1), of category cnn (headline + 1) and of meanpool (headline - 2).
/// </summary>
internal static class SmallStudy
{
    public const string Folder = "/data/bapps/2afc/val";
    public const int BatchSize = 32;

    public const string Yaml = """
        name: width-study
        method: grid
        repeats: 2
        base:
          model: { family: resnet, depth: 6 }
          data: { train: imagenet64, val: imagenet64 }
          train: { epochs: 2, batch_size: 32, seed: 0 }
          score: { bapps: bapps/2afc/val }
        parameters:
          model.width:
            values: [0.5, 1, 2]
        """;

    /// <summary>(top-1, PS) of each trial's two checkpoints, in sweep order; the best by PS is in bold in the comments.</summary>
    public static readonly (double Top1, double Ps)[][] Checkpoints =
    [
        [(30, 70), (40, 69)], // width 0.5 seed 0: best 70
        [(31, 71), (41, 72)], // width 0.5 seed 1: best 72
        [(35, 67), (45, 68)], // width 1 seed 0: best 68
        [(36, 69), (46, 66)], // width 1 seed 1: best 69
        [(38, 66), (50, 65)], // width 2 seed 0: best 66
        [(39, 64), (52, 65)], // width 2 seed 1: best 65
    ];

    public static Task<SweepRecord> StoreAsync(TempDatabase database) => StoreAsync(database, Yaml, Checkpoints);

    /// <summary>Stores the sweep <paramref name="yaml"/> with, for each trial in sweep order, its checkpoints'
    /// (top-1, PS) (steps 100, 200, ...; none: the trial is not scored yet), scored and marked as above, and the
    /// reference scores of <see cref="Folder"/>.</summary>
    public static async Task<SweepRecord> StoreAsync(TempDatabase database, string yaml, (double Top1, double Ps)[][] checkpoints)
    {
        var definition = SweepFile.Parse(yaml, "small-study.yaml");
        var sweep = await database.OpenCatalog().AddSweepAsync(definition.Name, yaml,
            definition.Trials.Select(t => new NewTrial(t.Label, t.Config.ToJson(), t.Config.Hash())).ToList(), force: false, CancellationToken.None);
        var claims = await database.ClaimAllAsync();
        var store = database.OpenResults();
        for (int trial = 0; trial < sweep.TrialIds.Count; trial++)
        {
            var claim = claims[sweep.TrialIds[trial]];
            var ids = new List<int>();
            for (int epoch = 1; epoch <= checkpoints[trial].Length; epoch++)
            {
                var (top1, ps) = checkpoints[trial][epoch - 1];
                int id = await store.RecordCheckpointAsync(claim, new NewCheckpoint(epoch, epoch, 100 * epoch, $"/ck/{trial}-{epoch}", "sha"), CancellationToken.None);
                await store.RecordScoresAsync(claim, id,
                [
                    new("top1", "", "", "", top1),
                    new("ps", "lpips", "stage1", "mean", ps - 1),
                    new("ps", "lpips", "ensemble", "cnn", ps + 1),
                    new("ps", "lpips", "ensemble", "mean", ps),
                    new("ps", "meanpool", "ensemble", "mean", ps - 2),
                ], CancellationToken.None);
                ids.Add(id);
            }
            if (ids.Count > 0)
            {
                int best = Enumerable.Range(0, ids.Count).MaxBy(i => checkpoints[trial][i].Ps);
                await store.MarkBestCheckpointAsync(claim, ids[best], CancellationToken.None);
            }
        }
        await store.RecordReferenceScoresAsync(Folder, [new("ps", "human", "", "mean", 85), new("ps", "l2", "", "mean", 77), new("ps", "l2", "", "cnn", 75)],
            CancellationToken.None);
        return (await database.OpenCatalog().FindSweepAsync(sweep.Name, CancellationToken.None))!;
    }

    public static ReportSweep Describe(SweepRecord sweep, bool synthetic = false) =>
        new(sweep, $"{sweep.Name} (sweep {sweep.Id})" + (synthetic ? ", synthetic demo data" : ""), synthetic, [Folder]);
}
