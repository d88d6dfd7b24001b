using System.Globalization;
using System.Net;
using System.Text;
using Sweeps.Orchestration;
using Sweeps.Plots;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.LivePage;

/// <summary>The live page's HTML: one document with its style and script inline (no URL outside the server),
/// and the regions its script swaps as the store changes.</summary>
public static class LivePageHtml
{
    public const string FontPath = "/font.ttf";

    /// <param name="eventsPath">Where the page's script listens for new regions (server-sent events).</param>
    public static string Page(string title, IReadOnlyList<LiveRegion> regions, string eventsPath, bool allowControl, bool linkHome)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(title)}} — Sweeps live</title>
            <style>
            @font-face { font-family: '{{FigureStyle.SvgFontFamily}}'; src: url({{FontPath}}) format('truetype'); }
            body { font-family: '{{FigureStyle.SvgFontFamily}}', sans-serif; margin: 1.5em auto; max-width: 1400px; padding: 0 1em; color: #111; }
            header { display: flex; gap: 1.5em; align-items: baseline; flex-wrap: wrap; }
            #connection { color: #666; font-size: .9em; }
            #control-result { white-space: pre-wrap; background: #eef5ff; padding: .3em .6em; }
            #control-result:empty { display: none; }
            table { border-collapse: collapse; margin: .6em 0; font-size: .92em; }
            th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            td.state { font-weight: bold; }
            tr[data-state="Running"] td.state { color: #0072b2; }
            tr[data-state="Completed"] td.state { color: #009e73; }
            tr[data-state="Failed"] td.state, tr[data-state="Diverged"] td.state { color: #d55e00; }
            tr[data-state="Paused"] td.state, tr[data-state="Cancelled"] td.state { color: #777; }
            .counts span { margin-right: 1em; }
            .synthetic { background: #fff3cd; border: 1px solid #e0c060; padding: .3em .8em; }
            .figures { display: flex; flex-wrap: wrap; gap: 1em; }
            figure { margin: 0; flex: 1 1 600px; max-width: 900px; }
            figure svg { width: 100%; height: auto; }
            figcaption { font-size: .85em; color: #333; }
            pre.log { background: #f6f6f6; padding: .8em; max-height: 32em; overflow: auto; font-size: .85em; }
            button { margin-right: .3em; }
            </style>
            </head>
            <body>
            <header><h1>{{Encode(title)}}</h1>{{(linkHome ? "<a href=\"/\">all sweeps</a>" : "")}}<span id="connection">connecting…</span>
            <span>{{(allowControl ? "operator's commands enabled (--allow-control)" : "read-only")}}</span></header>
            <p id="control-result" role="status"></p>
            <main id="live">

            """);
        foreach (var region in regions)
            html.Append(region.Html);
        html.Append($$"""
            </main>
            <script>
            "use strict";
            const live = document.getElementById("live");
            const connection = document.getElementById("connection");
            const seen = [...live.querySelectorAll("[data-region]")].map(region => region.dataset.region + ":" + region.dataset.hash).join(",");
            const events = new EventSource({{System.Text.Json.JsonSerializer.Serialize(eventsPath)}} + "?{{LiveEvents.SeenParameter}}=" + encodeURIComponent(seen));
            events.addEventListener("regions", message => {
              const update = JSON.parse(message.data);
              for (const shown of live.querySelectorAll("[data-region]"))
                if (!update.keys.includes(shown.dataset.region)) shown.remove();
              for (const region of update.changed) {
                const shown = live.querySelector(`[data-region="${CSS.escape(region.key)}"]`);
                if (!shown) live.insertAdjacentHTML("beforeend", region.html);
                else if (shown.dataset.hash !== region.hash) shown.outerHTML = region.html;
              }
              connection.textContent = "live, updated " + new Date().toLocaleTimeString();
            });
            events.onopen = () => { connection.textContent = "live"; };
            events.addEventListener("problem", message => { connection.textContent = "store unavailable: " + JSON.parse(message.data); });
            events.onerror = () => { connection.textContent = "disconnected, reconnecting…"; };
            document.addEventListener("click", async click => {
              const button = click.target.closest("button[data-command]");
              if (!button) return;
              const path = button.dataset.trial ? `/trials/${button.dataset.trial}/${button.dataset.command}` : `/sweeps/${button.dataset.sweep}/${button.dataset.command}`;
              const response = await fetch(path, { method: "POST", headers: { "{{LivePageEndpoints.ControlHeader}}": "1" } });
              document.getElementById("control-result").textContent = await response.text();
            });
            </script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>A sweep: its title, trial counts by state, the operator's buttons when allowed, its trial table and reference scores.</summary>
    public static string Sweep(SweepStatus sweep, bool allowControl)
    {
        var html = new StringBuilder();
        int id = sweep.Sweep.Id;
        html.Append($"<h2 id=\"sweep-{id}\">{Encode(sweep.Title)}</h2>\n");
        if (sweep.Synthetic)
            html.Append("<p class=\"synthetic\">Synthetic demo data: generated images and a simulated observer; the numbers exercise the pipeline only.</p>\n");
        html.Append($"<p class=\"counts\" data-sweep=\"{id}\"><span>{sweep.Trials.Count} trials:</span>");
        foreach (var group in sweep.Trials.GroupBy(line => line.Trial.State).OrderBy(group => group.Key))
            html.Append($"<span data-state=\"{group.Key}\">{group.Count()} {group.Key}</span>");
        html.Append("</p>\n");
        if (allowControl)
        {
            html.Append("<p class=\"controls\">");
            foreach (var command in TrialOperations.Commands)
                html.Append($"<button type=\"button\" data-command=\"{TrialOperations.Name(command)}\" data-sweep=\"{id}\">{TrialOperations.Name(command)} sweep</button>");
            html.Append("</p>\n");
        }
        html.Append(TrialTable(sweep, sweep.Trials, allowControl, linkTrials: true));
        foreach (var folder in sweep.References)
            html.Append($"<p class=\"references\">PS references on {Encode(folder.Folder)} (mean over categories): ")
                .Append(Encode(string.Join(", ", folder.Means.Select(s => $"{s.Function} {Format(s.Value)}")))).Append("</p>\n");
        return html.ToString();
    }

    /// <summary>One trial's heading, its row of the table and its buttons.</summary>
    public static string Trial(SweepStatus sweep, TrialStatusLine line, bool allowControl) =>
        $"<h2>Trial {line.Trial.Id}: {Encode(line.Trial.Label)}</h2>\n<p>In <a href=\"/#sweep-{sweep.Sweep.Id}\">{Encode(sweep.Title)}</a>; best checkpoint by {Encode(sweep.BestBy.Name)}.</p>\n"
        + TrialTable(sweep, [line], allowControl, linkTrials: false);

    /// <summary>The report's figures, each inline as SVG (ids prefixed per sweep, so several sweeps share a page).</summary>
    public static string Figures(IReadOnlyList<Figure> figures, string idPrefix, string heading)
    {
        var html = new StringBuilder($"<h3>{Encode(heading)}</h3>\n");
        if (figures.Count == 0)
            return html.Append("<p>No scored checkpoint yet: the figures appear with the first.</p>\n").ToString();
        html.Append("<div class=\"figures\">\n");
        foreach (var figure in figures)
        {
            var id = $"{idPrefix}-{figure.Id}";
            html.Append($"<figure id=\"{Encode(id)}\" data-figure=\"{Encode(figure.Id)}\">\n")
                .Append(FigureHtml.Inline(FigureStyle.Svg(figure.Plot, figure.Width, figure.Height), id))
                .Append($"\n<figcaption>{Encode(figure.Caption)}</figcaption>\n</figure>\n");
        }
        return html.Append("</div>\n").ToString();
    }

    /// <summary>The end of a trial's log, or why there is none to show.</summary>
    public static string Log(string? path, string? tail, string? missing) =>
        "<h3>Log</h3>\n" + (tail is null
            ? $"<p>{Encode(missing ?? "")}</p>\n"
            : $"<p>The end of {Encode(path ?? "")} (<code>sweeps logs --trial N</code> prints all of it):</p>\n<pre class=\"log\">{Encode(tail)}</pre>\n");

    private static string TrialTable(SweepStatus sweep, IEnumerable<TrialStatusLine> lines, bool allowControl, bool linkTrials)
    {
        var html = new StringBuilder();
        html.Append($"<table class=\"trials\" data-sweep=\"{sweep.Sweep.Id}\">\n<thead><tr><th>#</th><th>trial</th><th>state</th><th>epochs</th><th>steps</th><th>images/s</th><th>ETA</th>")
            .Append($"<th>best top-1 %</th><th>best PS %</th><th>best {Encode(sweep.BestBy.Name)} checkpoint: epoch, top-1 / PS %</th><th>error</th>")
            .Append(allowControl ? "<th>commands</th>" : "").Append("</tr></thead>\n<tbody>\n");
        foreach (var (trial, remaining) in lines)
        {
            bool running = trial.State == TrialState.Running;
            var label = Encode(trial.Label) + (trial.Reused ? " (reused)" : "");
            html.Append($"<tr data-trial=\"{trial.Id}\" data-state=\"{trial.State}\">")
                .Append($"<td class=\"number\">{trial.Index}</td>")
                .Append("<td class=\"label\">").Append(linkTrials ? $"<a href=\"/sweeps/{sweep.Sweep.Id}/trials/{trial.Id}\">{label}</a>" : label).Append("</td>")
                .Append($"<td class=\"state\">{trial.State}{(trial.Request is { } request ? $" ({request.ToString().ToLowerInvariant()} requested)" : "")}</td>")
                .Append($"<td class=\"number epochs\">{trial.CompletedEpochs}</td>")
                .Append($"<td class=\"number steps\">{(trial.TotalSteps > 0 ? TrialProgressText.Steps(trial.Step, trial.TotalSteps) : "")}</td>")
                .Append($"<td class=\"number speed\">{(running ? TrialProgressText.ImagesPerSecond(trial.ImagesPerSecond) : null)}</td>")
                .Append($"<td class=\"number eta\">{(running ? TrialProgressText.Eta(remaining) : null)}</td>")
                .Append($"<td class=\"number top1\">{Format(trial.BestTop1)}</td>")
                .Append($"<td class=\"number ps\">{Format(trial.BestPs)}</td>")
                .Append("<td class=\"best\">").Append(trial.Best is { } best
                    ? $"{best.Epochs.ToString("0.##", CultureInfo.InvariantCulture)}: {Format(best.Top1)} / {Format(best.Ps)}" : "-").Append("</td>")
                .Append($"<td class=\"error\">{Encode(trial.Error ?? "")}</td>");
            if (allowControl)
            {
                html.Append("<td class=\"commands\">");
                foreach (var command in TrialOperations.Commands.Where(TrialOperations.AppliesToOneTrial))
                    html.Append($"<button type=\"button\" data-command=\"{TrialOperations.Name(command)}\" data-trial=\"{trial.Id}\">{TrialOperations.Name(command)}</button>");
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table>\n").ToString();
    }

    private static string Format(double? value) => value is null ? "-" : value.Value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
