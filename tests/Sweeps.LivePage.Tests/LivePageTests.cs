using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Sweeps.Cli.Tests;
using Sweeps.Storage;
using Sweeps.Storage.Tests;
using static Microsoft.Playwright.Assertions;

namespace Sweeps.LivePage.Tests;

/// <summary>The real <c>sweeps serve</c> over a stored study, looked at in headless chromium.</summary>
public sealed class LivePageTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Token = "s3cret-live-token";

    static LivePageTests() => SetDefaultExpectTimeout(30_000);

    [SkippableTheory, BothProviders]
    public async Task The_table_shows_the_states_a_figure_is_drawn_and_a_new_checkpoint_appears_without_reload(DatabaseProvider provider)
    {
        await using var open = await OpenStudyPage.OpenAsync(chromium, provider);
        var (study, page) = (open.Study, open.Page);

        await Expect(Row(page, study.CompletedTrial).Locator("td.state")).ToHaveTextAsync("Completed");
        await Expect(Row(page, study.RunningTrial).Locator("td.state")).ToHaveTextAsync("Running");
        await Expect(Row(page, study.QueuedTrial).Locator("td.state")).ToHaveTextAsync("Queued");
        await Expect(page.Locator($".counts[data-sweep='{study.Sweep.Id}']")).ToHaveTextAsync("3 trials:1 Queued1 Running1 Completed");
        await Expect(Row(page, study.RunningTrial).Locator("td.steps")).ToHaveTextAsync("150/400 steps");
        await Expect(Row(page, study.RunningTrial).Locator("td.speed")).ToHaveTextAsync("512 img/s");
        await Expect(Row(page, study.RunningTrial).Locator("td.eta")).ToHaveTextAsync("0:00:15");
        await Expect(Row(page, study.CompletedTrial).Locator("td.top1")).ToHaveTextAsync("45.00");
        await Expect(Row(page, study.CompletedTrial).Locator("td.ps")).ToHaveTextAsync("62.00");

        // The report's first figure, drawn with its title and axes: text the browser laid out, scaled to the
        // page's width (two figures a row) rather than cropped there.
        var figure = page.Locator("figure[data-figure='accuracy-ps'] svg");
        await Expect(figure).ToBeVisibleAsync();
        var title = figure.Locator("text").Filter(new LocatorFilterOptions { HasText = "top-1 vs Perceptual Score" });
        await Expect(title).ToHaveCountAsync(1);
        var (figureBox, titleBox) = ((await figure.BoundingBoxAsync())!, (await title.BoundingBoxAsync())!);
        Assert.InRange(figureBox.Width, 300, 900);
        Assert.InRange(titleBox.X + titleBox.Width, figureBox.X, figureBox.X + figureBox.Width);

        await Expect(page.Locator("#connection")).ToContainTextAsync("live");
        await page.EvaluateAsync("() => window.loadedOnce = 'this page'");
        var figures = page.Locator($"section[data-region='sweep-{study.Sweep.Id}-figures']");
        var drawn = await figures.GetAttributeAsync("data-hash");
        await study.RecordCheckpointAsync(step: 200, top1: 47.25, ps: 66.5);
        await Expect(Row(page, study.RunningTrial).Locator("td.top1")).ToHaveTextAsync("47.25");
        await Expect(Row(page, study.RunningTrial).Locator("td.ps")).ToHaveTextAsync("66.50");
        await Expect(Row(page, study.RunningTrial).Locator("td.best")).ToHaveTextAsync("2: 47.25 / 66.50");
        // The figures are drawn again with the new point.
        await Expect(figures).Not.ToHaveAttributeAsync("data-hash", drawn!);
        Assert.Equal("this page", await page.EvaluateAsync<string>("() => window.loadedOnce"));
    }

    [SkippableFact]
    public async Task The_trial_page_shows_its_PS_over_training_and_its_log_as_it_grows()
    {
        await using var open = await OpenStudyPage.OpenAsync(chromium, DatabaseProvider.Sqlite);
        var (study, serve, page) = (open.Study, open.Serve, open.Page);
        await page.Locator($"tr[data-trial='{study.RunningTrial}'] td.label a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(serve.Address, $"sweeps/{study.Sweep.Id}/trials/{study.RunningTrial}").ToString());
        await Expect(Row(page, study.RunningTrial).Locator("td.state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("figure[data-figure='training'] svg")).ToBeVisibleAsync();
        await Expect(page.Locator("pre.log")).ToContainTextAsync("checkpoint at step 100 scored");

        await File.AppendAllTextAsync(study.LogPath, "checkpoint at step 200 scored: top-1 47.25\n");
        await Expect(page.Locator("pre.log")).ToContainTextAsync("checkpoint at step 200 scored: top-1 47.25");
    }

    [SkippableFact]
    public async Task Read_only_without_allow_control_the_page_has_no_buttons_and_commands_are_refused()
    {
        await using var open = await OpenStudyPage.OpenAsync(chromium, DatabaseProvider.Sqlite);
        var (study, serve, page) = (open.Study, open.Serve, open.Page);
        await Expect(Row(page, study.QueuedTrial).Locator("td.state")).ToHaveTextAsync("Queued");
        await Expect(page.Locator("button")).ToHaveCountAsync(0);

        using var http = new HttpClient { BaseAddress = serve.Address };
        foreach (var path in new[] { $"sweeps/{study.Sweep.Id}/pause", $"trials/{study.QueuedTrial}/cancel" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Headers = { { LivePageEndpoints.ControlHeader, "1" } } };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("--allow-control", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(TrialState.Queued, (await study.StatusAsync(study.QueuedTrial)).State);
        Assert.Null((await study.StatusAsync(study.RunningTrial)).Request);
    }

    [SkippableFact]
    public async Task With_allow_control_the_buttons_change_the_stored_states_as_the_command_line_does()
    {
        await using var open = await OpenStudyPage.OpenAsync(chromium, DatabaseProvider.Sqlite, "--allow-control");
        var (study, page) = (open.Study, open.Page);

        await page.Locator($"button[data-command='pause'][data-sweep='{study.Sweep.Id}']").ClickAsync();
        await Expect(page.Locator("#control-result")).ToContainTextAsync($"trial {study.QueuedTrial} (model.width=2): now Paused");
        await Expect(page.Locator("#control-result")).ToContainTextAsync($"trial {study.RunningTrial} (model.width=1): running; its worker will pause it");
        Assert.Equal(TrialState.Paused, (await study.StatusAsync(study.QueuedTrial)).State);
        Assert.Equal(OperatorRequest.Pause, (await study.StatusAsync(study.RunningTrial)).Request);
        Assert.Equal(TrialState.Completed, (await study.StatusAsync(study.CompletedTrial)).State);
        await Expect(Row(page, study.QueuedTrial).Locator("td.state")).ToHaveTextAsync("Paused");
        await Expect(Row(page, study.RunningTrial).Locator("td.state")).ToHaveTextAsync("Running (pause requested)");

        await Row(page, study.QueuedTrial).Locator("button[data-command='cancel']").ClickAsync();
        await Expect(Row(page, study.QueuedTrial).Locator("td.state")).ToHaveTextAsync("Cancelled");
        Assert.Equal(TrialState.Cancelled, (await study.StatusAsync(study.QueuedTrial)).State);
    }

    [SkippableFact]
    public async Task With_a_token_a_request_without_it_is_refused_and_with_it_served()
    {
        using var logs = new TempFolder();
        await using var database = await TempDatabase.MigratedAsync(DatabaseProvider.Sqlite);
        var study = await LiveStudy.StoreAsync(database, logs.Path);
        // An open address is allowed once a token guards it.
        using var serve = await LivePageServe.StartAsync(database, "--bind", "0.0.0.0", "--token", Token);
        using var http = new HttpClient { BaseAddress = serve.Address };
        foreach (var path in new[] { "", "events", "font.ttf", $"sweeps/{study.Sweep.Id}/trials/{study.RunningTrial}" })
        {
            using var refused = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.DoesNotContain("live-study", await refused.Content.ReadAsStringAsync());
            using var wrong = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong, HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        }
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        using var served = await http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("live-study", await served.Content.ReadAsStringAsync());

        // A person opens it once with ?token=: the cookie carries it on, and the address bar loses it.
        await using var browser = await chromium.NewContextAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(serve.Address, $"?token={Token}").ToString());
        await Expect(page).ToHaveURLAsync(serve.Address.ToString());
        await Expect(Row(page, study.RunningTrial).Locator("td.state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#connection")).ToContainTextAsync("live");
    }

    [Fact]
    public async Task An_open_bind_without_a_token_is_refused()
    {
        using var installation = new CliInstallation(demoData: false);
        var result = await installation.RunAsync(CancellationToken.None, "serve", "--bind", "0.0.0.0");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("serve: --bind 0.0.0.0 is not a loopback address, so anyone who reaches this machine could read the sweeps. " +
            "Give --token T (every request must then carry it) or bind to 127.0.0.1.", result.Errors.Trim());
        Assert.False(File.Exists(installation.DatabaseFile));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.168.1.20", false)]
    public void Only_loopback_addresses_go_without_a_token(string bind, bool loopback)
    {
        var open = new LivePageOptions(LivePageOptions.DefaultPort, bind, Token: null, AllowControl: false);
        Assert.Equal(loopback, open.IsLoopback);
        if (loopback) open.ListenAddress();
        else Assert.Throws<LivePageException>(open.ListenAddress);
        new LivePageOptions(LivePageOptions.DefaultPort, bind, Token, AllowControl: true).ListenAddress();
    }

    private static ILocator Row(IPage page, int trialId) => page.Locator($"tr[data-trial='{trialId}']").First;
}
