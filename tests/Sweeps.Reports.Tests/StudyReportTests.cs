using System.Text.RegularExpressions;
using SkiaSharp;
using Sweeps.Storage;
using Sweeps.Storage.Tests;

namespace Sweeps.Reports.Tests;

public sealed class StudyReportTests
{
    private static readonly string[] Figures =
        ["accuracy-ps", "model.width-ps", "model.width-top1", "training", "layers", "categories", "functions"];

    [SkippableTheory, BothProviders]
    public async Task The_report_writes_every_figure_as_png_and_svg_with_text_and_one_page_that_names_no_url(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database);
        using var temp = new TempFolder();
        var report = new StudyReport(new StudyReader(database.OpenCatalog(), database.OpenResults()), database.Clock);

        var files = await report.WriteAsync([SmallStudy.Describe(sweep, synthetic: true)], temp.Path, CancellationToken.None);

        Assert.Equal(Figures.SelectMany(f => new[] { Path.Combine(temp.Path, "figures", f + ".png"), Path.Combine(temp.Path, "figures", f + ".svg") }),
            files.Figures);
        foreach (var figure in Figures)
        {
            var png = Path.Combine(temp.Path, "figures", figure + ".png");
            Assert.True(DarkPixelsInTitleBand(png) > 150, $"{figure}.png shows no title text");
            var svg = await File.ReadAllTextAsync(Path.Combine(temp.Path, "figures", figure + ".svg"));
            Assert.Contains("synthetic demo data", svg);
            // Each file stands alone: the font its text names is in it.
            Assert.Contains("font-family=\"" + Plots.FigureStyle.SvgFontFamily + "\"", svg);
            Assert.Single(Regex.Matches(svg, Regex.Escape(Plots.FigureStyle.FontFaceRule)));
        }

        var html = await File.ReadAllTextAsync(files.Index);
        Assert.Equal(Figures.Length, Regex.Matches(html, "<svg").Count);
        // The inline figures share the page's one embedded font.
        Assert.Single(Regex.Matches(html, "@font-face"));
        Assert.Contains(Plots.FigureStyle.FontFaceRule, html);
        Assert.DoesNotContain("http:", html);
        Assert.DoesNotContain("https:", html);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(//|[a-z]+:)", html);
        // The font is embedded; the figures' clip paths point inside their own SVG, under ids no other figure uses.
        Assert.All(Regex.Matches(html, @"url\(([^)]{0,20})").Select(m => m.Groups[1].Value), url => Assert.Matches("^(data:|#)", url));
        var ids = Regex.Matches(html, @"\bid=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Regex.Matches(html, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value), id => Assert.Contains(id, ids));
        Assert.DoesNotContain("<script", html);
        // Provenance: the sweep file, the data, the versions, the date and the trial counts by state.
        Assert.Contains("values: [0.5, 1, 2]", html);
        Assert.Contains("synthetic demo data", html);
        Assert.Contains("train imagenet64; val imagenet64; BAPPS 2AFC " + SmallStudy.Folder, html);
        Assert.Contains("Versions: Sweeps ", html);
        Assert.Contains("Generated 2025-03-01 12:00 UTC", html);
        Assert.Contains("6 trials: 6 Running", html);
        Assert.Contains("<td>ResNet-6</td><td>model.width</td><td>1</td><td>68.50</td>", html);

        var hyperparameters = CsvReader.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "data", "hyperparameters.csv")));
        Assert.Contains(hyperparameters, row => row[..6].SequenceEqual(["width-study", "model.width", "1", "true", "ps", "68.5"]) && row[7] == "2");
        var trials = CsvReader.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "data", "trials.csv")));
        Assert.Contains(["width-study", sweep.TrialIds[3].ToString(), "3", "model.width=1 train.seed=1", "Running", "ps", "1", "36", "69"], trials);
        var checkpoints = CsvReader.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "data", "checkpoints.csv")));
        Assert.Equal(["(41, 72)", "(45, 68)", "(46, 66)", "(52, 65)"], checkpoints.Where(row => row[7] == "true").Select(row => $"({row[4]}, {row[5]})").Order());
        Assert.Equal(3, checkpoints.Count(row => row[7] == "true" && row[6] == "true"));
    }

    [SkippableTheory, BothProviders]
    public async Task The_plots_mark_each_trials_best_checkpoint(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database);
        var study = await new StudyReader(database.OpenCatalog(), database.OpenResults()).ReadAsync([SmallStudy.Describe(sweep)], CancellationToken.None);

        var training = SweepFigures.TrainingFigure(study)!;

        var rings = training.Plot.GetPlottables<ScottPlot.Plottables.Marker>().Where(m => m.MarkerShape == ScottPlot.MarkerShape.OpenCircle).ToList();
        // Best checkpoints by PS: epochs 1, 2, 2, 1, 1, 2 with PS 70, 72, 68, 69, 66, 65.
        Assert.Equal([(1.0, 70.0), (2, 72), (2, 68), (1, 69), (1, 66), (2, 65)], rings.Select(m => (m.Location.X, m.Location.Y)));
        Assert.Contains("best checkpoint", rings[0].LegendText);
        Assert.Contains("best checkpoint by ps", training.Caption);
        var layers = SweepFigures.LayersFigure(study)!;
        Assert.Contains("best checkpoints by ps", layers.Plot.Axes.Title.Label.Text);
        // Width 0.5 seed 1's best checkpoint is its second: stage1 PS 71 = 72 - 1.
        var line = layers.Plot.GetPlottables<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText == "model.width=0.5 train.seed=1");
        Assert.Equal([new ScottPlot.Coordinates(0, 71), new ScottPlot.Coordinates(1, 72)], line.Data.GetScatterPoints());
    }

    private static int DarkPixelsInTitleBand(string png)
    {
        using var image = SKBitmap.Decode(png);
        int dark = 0;
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var c = image.GetPixel(x, y);
                if (c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
            }
        return dark;
    }
}
