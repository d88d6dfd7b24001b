using Sweeps.Data;

namespace Sweeps.Evaluation.Tests;

public class PixelBaselinesTests
{
    private const int Size = 64;
    private static readonly string Examples = SharedData.PathOf("lpips-examples");

    private static byte[] Example(string name) => RgbImage.Read(Path.Combine(Examples, $"ex_{name}.png"), Size);

    [SkippableFact]
    public void L2_on_the_lpips_example_matches_the_squared_byte_differences()
    {
        Skip.If(SharedData.Missing("lpips-examples"), $"LPIPS example triplet not found at {Examples}.");
        var (reference, p0, p1) = (Example("ref"), Example("p0"), Example("p1"));

        foreach (var other in new[] { p0, p1 })
        {
            // In [-1, 1] a byte difference of k is 2k / 255: the mean of 4 k^2 / 255^2 over every value.
            long sumOfSquares = reference.Zip(other, (a, b) => (long)(a - b) * (a - b)).Sum();
            double expected = 4.0 * sumOfSquares / (255.0 * 255.0 * reference.Length);
            Assert.Equal(expected, PixelDistance.L2.Between(reference, other, Size), 12);
        }
    }

    [SkippableFact]
    public void Ssim_on_the_lpips_example_matches_window_by_window_statistics()
    {
        Skip.If(SharedData.Missing("lpips-examples"), $"LPIPS example triplet not found at {Examples}.");
        var (reference, p0, p1) = (Example("ref"), Example("p0"), Example("p1"));

        foreach (var other in new[] { p0, p1 })
        {
            double expected = (1 - DirectSsim(RoundTrip(reference), RoundTrip(other))) / 2;
            Assert.Equal(expected, PixelDistance.Ssim.Between(reference, other, Size), 9);
        }
        Assert.Equal(0.0, PixelDistance.Ssim.Between(reference, reference, Size), 12);
    }

    [Fact]
    public void Lpips_round_trip_leaves_each_byte_or_one_below()
    {
        // The reference's uint8 -> [-1, 1] -> uint8 path in float32, replayed independently here.
        for (int value = 0; value < 256; value++)
        {
            float tensor = (value / 255f - 0.5f) / 0.5f;
            byte back = (byte)((tensor + 1f) * 127.5f);
            Assert.InRange(back, value - 1, value);
            Assert.Equal(back, RoundTrip([(byte)value])[0]);
        }
    }

    [Fact]
    public void L2_in_lab_of_red_against_black_uses_the_published_lab_of_red()
    {
        // sRGB red is L*a*b* (53.2408, 80.0925, 67.2032) under D65; black is (0, 0, 0).
        byte[] red = [.. Enumerable.Repeat((byte)255, 64), .. new byte[128]];
        byte[] black = new byte[3 * 64];
        double expected = 0.5 * (Math.Pow(0.532408, 2) + Math.Pow(0.800925, 2) + Math.Pow(0.672032, 2)) / 3;

        Assert.Equal(expected, PixelDistance.L2Lab.Between(red, black, 8), 5);
        Assert.Equal(0.0, PixelDistance.L2Lab.Between(red, red, 8), 12);
    }

    [Fact]
    public void Reference_rows_cover_every_baseline_and_the_human_ceiling()
    {
        var set = TinyTwoAfc.Create(size: 8);

        var rows = PixelBaselines.Score(set, []);

        Assert.Equal(["l2", "l2_lab", "ssim", "ssim_lab", "human"], rows.Select(r => r.Function!).Distinct());
        Assert.All(rows, r => Assert.Equal(("ps", null), (r.Metric, r.Layer)));
        // Human ceilings: alpha judges .2, .8, .6 -> .68, .68, .52; beta 1.0, .4 -> 1, .52.
        var human = rows.Where(r => r.Function == "human").ToList();
        Assert.Equal([62.667, 76.0, 69.333, 68.0], human.Select(r => Math.Round(r.Value, 3)));
    }

    [Fact]
    public void A_tie_scores_half_under_every_pixel_distance()
    {
        // Alpha's triplet 2 has p1 a copy of p0; alone in a category, its PS is 50 whatever the judge (0.6).
        var alpha = TinyTwoAfc.Create(size: 8).Categories[0];
        int bytes = 3 * 8 * 8;
        byte[] Third(byte[] block) => block.AsSpan(2 * bytes, bytes).ToArray();
        var tie = new TwoAfcSet("tie", [new TwoAfcCategory("tie", Third(alpha.Reference), Third(alpha.P0), Third(alpha.P1), [0.6f], 8)]);

        var rows = PixelBaselines.Score(tie, ["l2", "l2_lab", "ssim", "ssim_lab"]);

        Assert.All(rows, row => Assert.Equal(50.0, row.Value, 12));
    }

    [Fact]
    public void Unknown_baseline_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PixelBaselines.Score(TinyTwoAfc.Create(size: 8), ["psnr"]));

        Assert.Contains("l2, l2_lab, ssim, ssim_lab, human", error.Message);
    }

    [Fact]
    public void Jnd_map_of_pixel_distances_follows_the_voc_average_precision_of_their_ranking()
    {
        // Pair i: black against grey level 10, 40, 90, 160: every pixel distance grows with i.
        // "near": the two nearest pairs are judged the same -> the ranking is perfect, AP 1.
        // "far": the two farthest are -> precision 0, 0, 1/3, 1/2 at recall 0, 0, .5, 1; its
        // envelope is .5 at both recall steps, so AP = .5 x .5 + .5 x .5 = .5.
        var near = GreyPairs("near", [1f, 1f, 0f, 0f]);
        var far = GreyPairs("far", [0f, 0f, 1f, 1f]);

        var rows = PixelBaselines.ScoreJnd([near, far], []);

        Assert.Equal(["l2", "l2_lab", "ssim", "ssim_lab"], rows.Select(r => r.Function!).Distinct());
        Assert.All(rows, r => Assert.Equal(("jnd_map", null), (r.Metric, r.Layer)));
        foreach (var function in new[] { "l2", "l2_lab", "ssim", "ssim_lab" })
            Assert.Equal([("near", 100.0), ("far", 50.0), ("mean", 75.0)],
                rows.Where(r => r.Function == function).Select(r => (r.Category!, Math.Round(r.Value, 9))));
    }

    [Fact]
    public void The_human_ceiling_has_no_jnd_counterpart()
    {
        var error = Assert.Throws<ArgumentException>(() => PixelBaselines.ScoreJnd([GreyPairs("g", [1f, 0f, 0f, 1f])], ["human"]));

        Assert.Contains("No JND baseline human", error.Message);
    }

    private static JndCategory GreyPairs(string name, float[] same)
    {
        const int size = 8, bytes = 3 * size * size;
        byte[] levels = [10, 40, 90, 160];
        var p1 = levels.SelectMany(level => Enumerable.Repeat(level, bytes)).ToArray();
        return new JndCategory(name, new byte[levels.Length * bytes], p1, same, size);
    }

    private static double[] RoundTrip(byte[] image) =>
        image.Select(value => (double)(byte)(((value / 255f - 0.5f) / 0.5f + 1f) * 127.5f)).ToArray();

    /// <summary>SSIM with explicit loops per 7x7 window: sample variances about the window mean, per channel, then averaged.</summary>
    private static double DirectSsim(double[] image0, double[] image1)
    {
        const double c1 = 0.01 * 255 * 0.01 * 255, c2 = 0.03 * 255 * 0.03 * 255;
        int plane = Size * Size, valid = Size - 6;
        double channelsTotal = 0;
        for (int channel = 0; channel < 3; channel++)
        {
            double total = 0;
            for (int top = 0; top < valid; top++)
                for (int left = 0; left < valid; left++)
                {
                    var xs = new List<double>();
                    var ys = new List<double>();
                    for (int dy = 0; dy < 7; dy++)
                        for (int dx = 0; dx < 7; dx++)
                        {
                            xs.Add(image0[channel * plane + (top + dy) * Size + left + dx]);
                            ys.Add(image1[channel * plane + (top + dy) * Size + left + dx]);
                        }
                    double mx = xs.Average(), my = ys.Average();
                    double vx = xs.Sum(x => (x - mx) * (x - mx)) / 48, vy = ys.Sum(y => (y - my) * (y - my)) / 48;
                    double cov = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / 48;
                    total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                }
            channelsTotal += total / (valid * valid);
        }
        return channelsTotal / 3;
    }
}
