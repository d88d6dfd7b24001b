using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sweeps.Orchestration;
using Sweeps.Plots;
using Sweeps.Storage;

namespace Sweeps.LivePage;

/// <summary>
/// The live page's addresses: <c>/</c> (every sweep), <c>/sweeps/S/trials/T</c> (one trial), <c>/events</c> (their
/// updates), and, with <c>--allow-control</c>, <c>POST /sweeps/S/COMMAND</c> and <c>POST /trials/T/COMMAND</c> (cancel,
/// pause, resume, retry: <see cref="TrialOperations"/>, as the command line).
/// </summary>
public static class LivePageEndpoints
{
    /// <summary>A header the page's buttons send and a form on another site cannot: control requests without it are refused.</summary>
    public const string ControlHeader = "X-Sweeps-Control";
    private const string Html = "text/html; charset=utf-8";

    public static void MapLivePage(this IEndpointRouteBuilder app, LivePageOptions options)
    {
        app.MapGet("/", async (LiveView view, CancellationToken ct) =>
            Results.Content(LivePageHtml.Page("Sweeps", await view.SweepsAsync(ct), "/events", options.AllowControl, linkHome: false), Html));
        app.MapGet("/events", (HttpContext http) => LiveEvents.StreamAsync(http, async (view, ct) => await view.SweepsAsync(ct)));
        app.MapGet("/sweeps/{sweepId:int}/trials/{trialId:int}", async (int sweepId, int trialId, LiveView view, CancellationToken ct) =>
            await view.TrialAsync(sweepId, trialId, ct) is { } regions
                ? Results.Content(LivePageHtml.Page($"Trial {trialId}", regions, $"/sweeps/{sweepId}/trials/{trialId}/events", options.AllowControl, linkHome: true), Html)
                : Results.Text($"Sweep {sweepId} has no trial {trialId}.", statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/sweeps/{sweepId:int}/trials/{trialId:int}/events", (int sweepId, int trialId, HttpContext http) =>
            LiveEvents.StreamAsync(http, (view, ct) => view.TrialAsync(sweepId, trialId, ct)));
        app.MapGet(LivePageHtml.FontPath, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "max-age=86400";
            return Results.Bytes(FigureStyle.FontFile(), "font/ttf");
        });
        app.MapPost("/sweeps/{sweepId:int}/{command}", (int sweepId, string command, HttpContext http, TrialOperations operations, CancellationToken ct) =>
            ControlAsync(options, http, command, sweepId.ToString(CultureInfo.InvariantCulture), null, operations, ct));
        app.MapPost("/trials/{trialId:int}/{command}", (int trialId, string command, HttpContext http, TrialOperations operations, CancellationToken ct) =>
            ControlAsync(options, http, command, null, trialId, operations, ct));
    }

    /// <summary>Applies an operator's command exactly as the command line does and answers with its lines: 200 when it
    /// applied to a trial, 409 when to none, 404 when there is no such sweep or trial, 403 on a read-only page.</summary>
    private static async Task<IResult> ControlAsync(LivePageOptions options, HttpContext http, string name, string? sweep, int? trialId,
        TrialOperations operations, CancellationToken ct)
    {
        if (!options.AllowControl)
            return Results.Text("This live page is read-only: start sweeps serve with --allow-control for the operator's commands.\n", statusCode: StatusCodes.Status403Forbidden);
        if (!http.Request.Headers.ContainsKey(ControlHeader))
            return Results.Text($"Commands come from the page's buttons, which send the {ControlHeader} header.\n", statusCode: StatusCodes.Status403Forbidden);
        var command = TrialOperations.Commands.Where(c => trialId is null || TrialOperations.AppliesToOneTrial(c))
            .Cast<TrialTransition?>().FirstOrDefault(c => TrialOperations.Name(c!.Value) == name);
        if (command is null)
            return Results.Text($"No command '{name}' for a {(trialId is null ? "sweep" : "trial")}.\n", statusCode: StatusCodes.Status404NotFound);
        var outcomes = await operations.ApplyAsync(command.Value, sweep, trialId, ct);
        if (outcomes is null)
            return Results.Text(trialId is int id ? $"No trial with id {id}.\n" : $"No sweep with id {sweep}.\n", statusCode: StatusCodes.Status404NotFound);
        var lines = string.Concat(outcomes.Select(o => TrialOperations.Describe(o, command.Value) + "\n"));
        return Results.Text(lines, statusCode: outcomes.Any(o => o.Refused is null) ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }
}
