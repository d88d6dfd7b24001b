using System.Globalization;
using System.Net;
using System.Text;
using Sweeps.Spec;

namespace Sweeps.Reports;

/// <summary>One line of Table 1: for an architecture and a hyperparameter swept on it, the PS at the default
/// value, the best PS reached by changing that value, and the improvement (points). PS is the mean over the
/// trials at a value (seeds and any other swept values pooled: a marginal mean) of each trial's best checkpoint's PS.
/// <paramref name="DefaultPs"/> and <paramref name="Improvement"/> are null when the default was not swept.</summary>
public sealed record StudyTableRow(
    string Architecture, string Parameter, double? Default, double? DefaultPs, double BestValue, double BestPs, double? Improvement, int Trials);

/// <summary>Table 1 of the study, computed from the stored results of whichever sweeps are given, written as
/// HTML, Markdown and CSV.</summary>
public static class StudyTable
{
    public static readonly string[] Columns =
        ["architecture", "hyperparameter", "default", "PS at default (%)", "best value", "best PS (%)", "improvement (points)", "trials"];

    public static IReadOnlyList<StudyTableRow> Compute(IReadOnlyList<SweepResults> sweeps)
    {
        var rows = new List<StudyTableRow>();
        foreach (var architecture in sweeps.GroupBy(StudyAnalysis.ArchitectureOf))
        {
            var parameters = architecture.SelectMany(StudyAnalysis.SweptParameters).Distinct();
            foreach (var parameter in parameters)
            {
                var sweeping = architecture.Where(s => StudyAnalysis.SweptParameters(s).Contains(parameter)).ToList();
                var effect = StudyAnalysis.MeanAtEachValue(sweeping, parameter, CheckpointMetrics.Ps);
                if (effect.Count == 0) continue;
                var defaultValue = StudyAnalysis.DefaultOf(sweeping[0], parameter);
                double? defaultPs = effect.Where(p => defaultValue is double d && Same(p.Value, d)).Select(p => (double?)p.Mean).FirstOrDefault();
                var best = effect.MaxBy(p => p.Mean);
                rows.Add(new StudyTableRow(architecture.Key, parameter, defaultValue, defaultPs, best.Value, best.Mean,
                    best.Mean - defaultPs, effect.Sum(p => p.Trials)));
            }
        }
        return rows;
    }

    public static string Csv(IReadOnlyList<StudyTableRow> rows) =>
        CsvText.Of(Columns, rows.Select(Cells));

    public static string Markdown(IReadOnlyList<StudyTableRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Columns).Append(" |\n");
        text.Append('|').AppendJoin("", Columns.Select(_ => "---|")).Append('\n');
        foreach (var row in rows)
            text.Append("| ").AppendJoin(" | ", Cells(row).Select(cell => cell.Length == 0 ? "-" : cell.Replace("|", "\\|"))).Append(" |\n");
        return text.ToString();
    }

    public static string Html(IReadOnlyList<StudyTableRow> rows)
    {
        var html = new StringBuilder("<table class=\"study\">\n<thead><tr>");
        foreach (var column in Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in Cells(row)) html.Append("<td>").Append(cell.Length == 0 ? "–" : WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table>\n").ToString();
    }

    private static string[] Cells(StudyTableRow row) =>
    [
        row.Architecture, row.Parameter, Value(row.Default), Points(row.DefaultPs), Value(row.BestValue), Points(row.BestPs),
        row.Improvement is double gain ? gain.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "",
        row.Trials.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Value(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "";

    private static string Points(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
}
