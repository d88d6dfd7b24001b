using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Evaluation;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>Stores the model-independent rows of a BAPPS folder (pixel L2 and SSIM in RGB and Lab, the
/// human ceiling) the first time a trial is scored on it; every sweep on that folder shows them.</summary>
public sealed class ReferenceScoring(ResultStore store, DataCatalog data, IOptions<SweepsOptions> options, ILogger<ReferenceScoring> logger)
{
    public async Task EnsureAsync(ScoreConfig score, CancellationToken ct)
    {
        var folder = options.Value.ResolveData(score.Bapps);
        if ((await store.GetReferenceScoresAsync(folder, ct)).Count > 0) return;
        var rows = PixelBaselines.Score(data.TwoAfc(score), PixelBaselines.Names);
        await store.RecordReferenceScoresAsync(folder, rows.Select(ScoreValues.From).ToList(), ct);
        logger.LogInformation("Stored pixel-baseline and human-ceiling scores of {Folder}", folder);
    }
}
