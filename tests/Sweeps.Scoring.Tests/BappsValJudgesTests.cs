namespace Sweeps.Scoring.Tests;

/// <summary>Reproduces a peer's published 2AFC numbers from the real BAPPS val judgements.</summary>
public class BappsValJudgesTests
{
    // Category, the peer model's score and the human ceiling (both x100, two decimals).
    public static TheoryData<string, double, double> Categories => new()
    {
        { "traditional", 77.48, 80.84 },
        { "cnn", 82.87, 84.35 },
        { "superres", 71.19, 73.60 },
        { "deblur", 61.04, 66.09 },
        { "color", 65.23, 68.83 },
        { "frameinterp", 62.43, 68.61 },
    };

    private static readonly string JudgesFolder = SharedData.PathOf("bapps-val-judges");

    [SkippableTheory]
    [MemberData(nameof(Categories))]
    public void Peer_scores_and_human_ceiling_are_reproduced(string category, double peerPercent, double ceilingPercent)
    {
        Skip.IfNot(Directory.Exists(JudgesFolder), $"Real BAPPS judgements not found at {JudgesFolder}.");
        var triplets = PeerTriplet.Read(Path.Combine(JudgesFolder, category + ".csv"));
        var scores = new CategoryMeans();
        var ceilings = new CategoryMeans();

        foreach (var (triplet, index) in triplets.Select((t, i) => (t, i)))
        {
            double agreement = TwoAfc.Agreement(triplet.D0, triplet.D1, triplet.Judge);
            Assert.True(Math.Abs(agreement - triplet.Score) < 1e-6, $"{category} row {index}: {agreement} vs peer {triplet.Score}");
            scores.Add(category, agreement);
            ceilings.Add(category, TwoAfc.HumanCeiling(triplet.Judge));
        }

        Assert.Equal(peerPercent, Math.Round(scores.UnweightedMean, 2));
        Assert.Equal(ceilingPercent, Math.Round(ceilings.UnweightedMean, 2));
    }

    [SkippableFact]
    public void All_categories_summarise_to_the_peers_mean()
    {
        Skip.IfNot(Directory.Exists(JudgesFolder), $"Real BAPPS judgements not found at {JudgesFolder}.");
        var scores = new CategoryMeans();
        foreach (var category in Categories.Select(row => (string)row[0]))
            foreach (var triplet in PeerTriplet.Read(Path.Combine(JudgesFolder, category + ".csv")))
                scores.Add(category, TwoAfc.Agreement(triplet.D0, triplet.D1, triplet.Judge));

        var counts = scores.Categories.Select(c => c.Count).ToArray();
        Assert.Equal([4720, 4720, 10856, 9440, 4720, 1888], counts);
        // The six published (rounded) means average to 70.04; weighted by the counts above, to 69.66.
        Assert.Equal(70.04, scores.UnweightedMean, 0.01);
        Assert.Equal(69.66, scores.WeightedMean, 0.01);
    }
}
