namespace Sweeps.Scoring;

/// <summary>
/// One stored measurement of a checkpoint. <paramref name="Metric"/> is <c>top1</c> or <c>ps</c>;
/// for PS, <paramref name="Function"/> is the perceptual function (<c>lpips</c>),
/// <paramref name="Layer"/> an extraction point or <c>ensemble</c>, and <paramref name="Category"/> a
/// BAPPS category, <c>mean</c> (unweighted over categories) or <c>weighted_mean</c> (by triplets).
/// Values are percentages (x100).
/// </summary>
public sealed record ScoreRow(string Metric, string? Function, string? Layer, string? Category, double Value);
