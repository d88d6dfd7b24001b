namespace Sweeps.Scoring.Tests;

public class JndAveragePrecisionTests
{
    [Fact]
    public void Soft_labels_give_the_hand_worked_average_precision()
    {
        // Sorted by distance: same = 1, 0.5, 0.2, 0 (pairs 0, 2, 3, 1); 1.7 "same" in all.
        // TP 1, 1.5, 1.7, 1.7 and FP 0, 0.5, 1.3, 2.3: precision 1, 3/4, 17/30, 17/40; recall 10/17, 15/17, 1, 1.
        // The envelope is already non-increasing: AP = 10/17 * 1 + 5/17 * 3/4 + 2/17 * 17/30 = 893/1020.
        double ap = JndAveragePrecision.Compute([0.1, 0.4, 0.2, 0.3], [1, 0, 0.5, 0.2]);

        Assert.Equal(893.0 / 1020, ap, 12);
    }

    [Fact]
    public void Precision_envelope_lifts_a_dip()
    {
        // Sorted: same = 1, 0, 1. Precision 1, 1/2, 2/3; recall 1/2, 1/2, 1.
        // Envelope from the right: 1, 2/3, 2/3. AP = 1/2 * 1 + 0 + 1/2 * 2/3 = 5/6.
        double ap = JndAveragePrecision.Compute([0.3, 0.1, 0.2], [1, 1, 0]);

        Assert.Equal(5.0 / 6, ap, 12);
    }

    [Fact]
    public void Perfect_ranking_scores_one_and_reversed_ranking_less()
    {
        Assert.Equal(1.0, JndAveragePrecision.Compute([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]), 12);
        // Reversed: same = 0, 0, 1, 1 sorted; precision 0, 0, 1/3, 1/2 -> envelope 1/2 from the start.
        Assert.Equal(0.5, JndAveragePrecision.Compute([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]), 12);
    }

    [Fact]
    public void Equal_distances_keep_their_input_order()
    {
        // All distances tie, so the order is the input order: same = 0 then 1; precision 0, 1/2; recall 0, 1.
        Assert.Equal(0.5, JndAveragePrecision.Compute([0.5, 0.5], [0, 1]), 12);
        Assert.Equal(1.0, JndAveragePrecision.Compute([0.5, 0.5], [1, 0]), 12);
    }

    [Fact]
    public void No_same_pair_or_mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => JndAveragePrecision.Compute([0.1, 0.2], [0, 0]));
        Assert.Throws<ArgumentException>(() => JndAveragePrecision.Compute([0.1, 0.2], [1]));
    }
}
