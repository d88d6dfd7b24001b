namespace Sweeps.Scoring;

/// <summary>
/// How well a distance ranks BAPPS JND pairs that raters called "same" before those they told apart,
/// computed as the LPIPS reference does: pairs sorted by distance ascending, soft labels
/// (<c>same</c> is the fraction of raters who said "same", counted as that much of a true positive and
/// the rest as a false positive), and the VOC average precision without the 11-point approximation.
/// </summary>
public static class JndAveragePrecision
{
    /// <summary>Average precision in [0, 1]. Equal distances keep their input order (a stable sort).</summary>
    public static double Compute(IReadOnlyList<double> distances, IReadOnlyList<double> same)
    {
        if (distances.Count != same.Count)
            throw new ArgumentException($"{distances.Count} distances but {same.Count} 'same' fractions.", nameof(same));
        double totalSame = same.Sum();
        if (totalSame <= 0)
            throw new ArgumentException("No rater called any pair 'same', so recall is undefined.", nameof(same));

        var order = Enumerable.Range(0, distances.Count).OrderBy(i => distances[i]).ToArray();
        var precision = new double[order.Length];
        var recall = new double[order.Length];
        double truePositives = 0, falsePositives = 0;
        for (int rank = 0; rank < order.Length; rank++)
        {
            truePositives += same[order[rank]];
            falsePositives += 1 - same[order[rank]];
            precision[rank] = truePositives / (truePositives + falsePositives);
            recall[rank] = truePositives / totalSame;
        }
        return VocAveragePrecision(recall, precision);
    }

    /// <summary>
    /// Area under the precision envelope: sentinels (recall 0, precision 0) before and (recall 1,
    /// precision 0) after, precision made non-increasing from the right, then the sum of each recall
    /// step times the precision at its end.
    /// </summary>
    private static double VocAveragePrecision(double[] recall, double[] precision)
    {
        double[] stepRecall = [0, .. recall, 1];
        double[] envelope = [0, .. precision, 0];
        for (int i = envelope.Length - 1; i > 0; i--)
            envelope[i - 1] = Math.Max(envelope[i - 1], envelope[i]);
        double area = 0;
        for (int i = 0; i + 1 < stepRecall.Length; i++)
            area += (stepRecall[i + 1] - stepRecall[i]) * envelope[i + 1];
        return area;
    }
}
