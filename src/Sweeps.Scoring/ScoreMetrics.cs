namespace Sweeps.Scoring;

/// <summary>The metric names stored in <see cref="ScoreRow.Metric"/>.</summary>
public static class ScoreMetrics
{
    /// <summary>Top-1 accuracy on the val set, percent.</summary>
    public const string Top1 = "top1";
    /// <summary>Top-5 accuracy on the val set, percent.</summary>
    public const string Top5 = "top5";
    /// <summary>Mean cross-entropy (natural log) on the val set.</summary>
    public const string Loss = "loss";
    /// <summary>Perceptual Score: 2AFC agreement with the BAPPS raters, percent.</summary>
    public const string PerceptualScore = "ps";
    /// <summary>Mean average precision of a distance at predicting "same" on BAPPS JND, percent.</summary>
    public const string JndMeanAveragePrecision = "jnd_map";
    /// <summary>Distortion sensitivity: mean margin d(x, far) - d(x, near) over unanimous triplets, in distance units.</summary>
    public const string Sensitivity = "sensitivity";
}
