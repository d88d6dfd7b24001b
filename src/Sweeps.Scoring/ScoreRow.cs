namespace Sweeps.Scoring;

/// <summary>
/// One stored measurement of a checkpoint; <paramref name="Metric"/> is one of <see cref="ScoreMetrics"/>.
/// Classification metrics (<c>top1</c>, <c>top5</c>, <c>loss</c>) leave the other fields null. For
/// <c>ps</c>, <c>jnd_map</c> and <c>sensitivity</c>, <paramref name="Function"/> is the perceptual
/// function (<c>lpips</c>, <c>meanpool</c>, <c>style</c>; the pixel references <c>l2</c>, <c>l2_lab</c>,
/// <c>ssim</c>, <c>ssim_lab</c>, <c>human</c> with a null layer), <paramref name="Layer"/> an extraction point or
/// <c>ensemble</c>, and <paramref name="Category"/> a BAPPS category, <c>mean</c> (unweighted over
/// categories) or <c>weighted_mean</c> (by triplets). Percent metrics are x100.
/// </summary>
public sealed record ScoreRow(string Metric, string? Function, string? Layer, string? Category, double Value);
