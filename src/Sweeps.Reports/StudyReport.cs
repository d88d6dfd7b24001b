using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Sweeps.Plots;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Reports;

/// <summary>What <see cref="StudyReport.WriteAsync"/> wrote: the page, each figure's files, the CSV files.</summary>
public sealed record ReportFiles(string Index, IReadOnlyList<string> Figures, IReadOnlyList<string> Tables);

/// <summary>
/// <c>sweeps report</c>: one self-contained page (DIR/index.html: the figures inline as SVG, the font embedded
/// once, no request leaves the file) with a provenance header and Table 1; each figure also as PNG and as SVG
/// with the font embedded in DIR/figures, and every number drawn or tabulated as CSV in DIR/data.
/// </summary>
public sealed class StudyReport(StudyReader reader, TimeProvider clock)
{
    public async Task<ReportFiles> WriteAsync(IReadOnlyList<ReportSweep> sweeps, string folder, CancellationToken ct)
    {
        var study = await reader.ReadAsync(sweeps, ct);
        var figuresFolder = Path.Combine(folder, "figures");
        var dataFolder = Path.Combine(folder, "data");
        Directory.CreateDirectory(figuresFolder);
        Directory.CreateDirectory(dataFolder);

        var figures = SweepFigures.Report(study);
        var figureFiles = new List<string>();
        var inline = new List<(Figure Figure, string Svg)>();
        foreach (var figure in figures)
        {
            string png = Path.Combine(figuresFolder, figure.Id + ".png"), svg = Path.Combine(figuresFolder, figure.Id + ".svg");
            FigureStyle.SavePng(figure.Plot, png, figure.Width, figure.Height);
            var svgText = FigureStyle.Svg(figure.Plot, figure.Width, figure.Height);
            await File.WriteAllTextAsync(svg, FigureStyle.Standalone(svgText), ct);
            figureFiles.AddRange([png, svg]);
            inline.Add((figure, svgText));
        }

        var table = StudyTable.Compute(study);
        var tables = new Dictionary<string, string>
        {
            ["table1.csv"] = StudyTable.Csv(table),
            ["table1.md"] = StudyTable.Markdown(table),
            ["table1.html"] = StudyTable.Html(table),
            ["checkpoints.csv"] = CheckpointsCsv(study),
            ["trials.csv"] = TrialsCsv(study),
            ["best-checkpoint-scores.csv"] = BestScoresCsv(study),
            ["hyperparameters.csv"] = HyperparametersCsv(study),
            ["references.csv"] = ReferencesCsv(study),
            ["fit.csv"] = FitCsv(study),
        };
        var tableFiles = new List<string>();
        foreach (var (name, text) in tables)
        {
            var path = Path.Combine(dataFolder, name);
            await File.WriteAllTextAsync(path, text, ct);
            tableFiles.Add(path);
        }

        var index = Path.Combine(folder, "index.html");
        await File.WriteAllTextAsync(index, Page(study, table, inline, tables.Keys), ct);
        return new ReportFiles(index, figureFiles, tableFiles);
    }

    private string Page(IReadOnlyList<SweepResults> study, IReadOnlyList<StudyTableRow> table, IReadOnlyList<(Figure Figure, string Svg)> figures, IEnumerable<string> tables)
    {
        var title = SweepFigures.Title(study);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append(" — Sweeps report</title>\n<style>\n");
        // One font for the page and every inline figure; the figures' own files each embed it (FigureStyle.Standalone).
        html.Append(FigureStyle.FontFaceRule).Append('\n');
        html.Append("body { font-family: '").Append(FigureStyle.SvgFontFamily).Append("', sans-serif; }\n");
        html.Append("""
            body { max-width: 1060px; margin: 2em auto; padding: 0 1em; color: #111; }
            .synthetic { background: #fff3cd; border: 1px solid #e0c060; padding: .5em 1em; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #bbb; padding: .25em .6em; text-align: left; }
            figure { margin: 2em 0; page-break-inside: avoid; }
            figure svg { max-width: 100%; height: auto; }
            pre { background: #f6f6f6; padding: .8em; overflow-x: auto; }
            figcaption { font-size: .9em; }
            </style>
            </head>
            <body>

            """);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        if (study.Any(s => s.Sweep.Synthetic))
            html.Append("<p class=\"synthetic\">Synthetic demo data: these results come from generated images and a simulated observer; they exercise the pipeline and say nothing about the study's question. Every figure says so in its title.</p>\n");
        Provenance(html, study);

        html.Append("<h2>Table 1: what scaling one hyperparameter does to the Perceptual Score</h2>\n<p>For each architecture and hyperparameter swept: the PS at the default value, the best PS reached by changing it, and the improvement in points. PS of a trial is that of its best checkpoint by ")
            .Append(Encode(SweepFigures.BestBy(study)))
            .Append("; at each value it is the mean over the trials there (seeds and any other swept values pooled: a marginal mean; the hyperparameter figures draw each setting of the other values as a line of its own). A dash: the default was not among the values swept. Also as <a href=\"data/table1.csv\">CSV</a> and <a href=\"data/table1.md\">Markdown</a>.</p>\n");
        html.Append(StudyTable.Html(table));

        html.Append("<h2>Figures</h2>\n");
        foreach (var (figure, svg) in figures)
        {
            html.Append("<figure id=\"").Append(Encode(figure.Id)).Append("\">\n").Append(FigureHtml.Inline(svg, figure.Id)).Append("\n<figcaption>")
                .Append(Encode(figure.Caption)).Append(" Files: <a href=\"figures/").Append(Encode(figure.Id)).Append(".png\">PNG</a>, <a href=\"figures/")
                .Append(Encode(figure.Id)).Append(".svg\">SVG</a>.</figcaption>\n</figure>\n");
        }
        html.Append("<h2>Numbers</h2>\n<ul>\n");
        foreach (var name in tables)
            html.Append("<li><a href=\"data/").Append(Encode(name)).Append("\">").Append(Encode(name)).Append("</a></li>\n");
        html.Append("</ul>\n</body>\n</html>\n");
        return html.ToString();
    }

    private void Provenance(StringBuilder html, IReadOnlyList<SweepResults> study)
    {
        string Version(Assembly assembly) =>
            assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
        html.Append("<h2>Provenance</h2>\n<ul>\n");
        html.Append("<li>Generated ").Append(clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</li>\n");
        html.Append("<li>Versions: Sweeps ").Append(Encode(Version(typeof(StudyReport).Assembly))).Append(", .NET ").Append(Environment.Version)
            .Append(", ScottPlot ").Append(Encode(Version(typeof(ScottPlot.Plot).Assembly))).Append("</li>\n");
        html.Append("<li>One value per trial (Table 1, the hyperparameter and per-layer figures) is that of its best checkpoint by the sweep's metric.</li>\n</ul>\n");
        foreach (var sweep in study)
        {
            var record = sweep.Sweep.Record;
            html.Append("<h3>Sweep ").Append(record.Id).Append(": ").Append(Encode(record.Name)).Append("</h3>\n<ul>\n");
            html.Append("<li>Submitted ").Append(record.SubmittedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
                .Append("; ").Append(sweep.Trials.Count).Append(" trials: ")
                .Append(Encode(string.Join(", ", sweep.Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))))
                .Append("; best checkpoints by ").Append(Encode(sweep.BestBy.Name)).Append("</li>\n");
            var configs = sweep.Trials.Select(t => TrialConfig.FromJson(t.ConfigJson)).ToList();
            html.Append("<li>Data").Append(sweep.Sweep.Synthetic ? " (<strong>synthetic demo data</strong>)" : "").Append(": train ")
                .Append(Encode(string.Join(", ", configs.Select(c => c.Data.Train).Distinct()))).Append("; val ")
                .Append(Encode(string.Join(", ", configs.Select(c => c.Data.Val).Distinct()))).Append("; BAPPS 2AFC ")
                .Append(Encode(string.Join(", ", sweep.Sweep.BappsFolders))).Append("</li>\n</ul>\n");
            html.Append("<details><summary>Sweep file (SHA-256 ").Append(Encode(record.YamlSha256)).Append(")</summary>\n<pre>")
                .Append(Encode(sweep.Yaml)).Append("</pre>\n</details>\n");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is double v ? Number(v) : "";

    private static string CheckpointsCsv(IReadOnlyList<SweepResults> study)
    {
        var front = StudyAnalysis.ParetoFront(study.SelectMany(s => s.Checkpoints).Select(c => (c.Top1, c.Ps))).ToHashSet();
        return CsvText.Of(["sweep", "trial_id", "trial", "epochs", "top1", "ps", "is_best_checkpoint", "on_pareto_front"],
            study.SelectMany(s => s.Checkpoints.Select(c => new[]
            {
                s.Name, c.TrialId.ToString(CultureInfo.InvariantCulture), c.Label, Number(c.Epochs), Number(c.Top1), Number(c.Ps),
                c.IsBest ? "true" : "false", front.Contains(new ScottPlot.Coordinates(c.Top1, c.Ps)) ? "true" : "false",
            })));
    }

    private static string TrialsCsv(IReadOnlyList<SweepResults> study) =>
        CsvText.Of(["sweep", "trial_id", "trial_index", "trial", "state", "best_by", "best_epochs", "best_top1", "best_ps"],
            study.SelectMany(s =>
            {
                var best = StudyAnalysis.BestOfTrials(s);
                return s.Trials.Select(t =>
                {
                    var b = best.GetValueOrDefault(t.TrialId);
                    return new[]
                    {
                        s.Name, t.TrialId.ToString(CultureInfo.InvariantCulture), t.Index.ToString(CultureInfo.InvariantCulture), t.Label, t.State.ToString(),
                        s.BestBy.Name, Number(b?.Epochs), Number(b?.Top1), Number(b?.Ps),
                    };
                });
            }));

    private static string BestScoresCsv(IReadOnlyList<SweepResults> study) =>
        CsvText.Of(["sweep", "trial_id", "trial", "epochs", "metric", "function", "layer", "category", "value"],
            study.SelectMany(s => s.BestScores.Select(b => new[]
            {
                s.Name, b.TrialId.ToString(CultureInfo.InvariantCulture), b.Label, Number(b.Epochs), b.Metric, b.Function, b.Layer, b.Category, Number(b.Value),
            })));

    private static string HyperparametersCsv(IReadOnlyList<SweepResults> study) =>
        CsvText.Of(["sweep", "parameter", "value", "is_default", "metric", "mean", "standard_error", "trials", "other_swept_values"],
            study.SelectMany(s => StudyAnalysis.SweptParameters(s).SelectMany(parameter =>
                new[] { CheckpointMetrics.Ps, CheckpointMetrics.Top1 }.SelectMany(metric =>
                    StudyAnalysis.Effect(s, parameter, metric).SelectMany(setting => setting.Points.Select(p => new[]
                    {
                        s.Name, parameter, Number(p.Value), (StudyAnalysis.DefaultOf(s, parameter) == p.Value) ? "true" : "false", metric,
                        Number(p.Mean), Number(p.StandardError), p.Count.ToString(CultureInfo.InvariantCulture), setting.Others,
                    }))))));

    private static string ReferencesCsv(IReadOnlyList<SweepResults> study) =>
        CsvText.Of(["folder", "metric", "function", "category", "value"],
            study.SelectMany(s => s.References).DistinctBy(r => r.Folder)
                .SelectMany(r => r.Scores.Select(v => new[] { r.Folder, v.Metric, v.Function, v.Category, Number(v.Value) })));

    private static string FitCsv(IReadOnlyList<SweepResults> study)
    {
        var fit = StudyAnalysis.FitInvertedU(study.SelectMany(s => s.Checkpoints).Select(c => (c.Top1, c.Ps)).ToList());
        return CsvText.Of(["fit", "a", "b", "c", "top1_from", "top1_to", "peak_top1", "peak_ps"],
            fit is null ? [] : [[fit.Name, Number(fit.A), Number(fit.B), Number(fit.C), Number(fit.From), Number(fit.To),
                Number(fit.PeakTop1), Number(fit.PeakTop1 is double peak ? fit.At(peak) : null)]]);
    }
}
