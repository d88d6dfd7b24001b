using Microsoft.Playwright;
using Sweeps.Storage;
using Sweeps.Storage.Tests;

namespace Sweeps.LivePage.Tests;

/// <summary>What most page tests start from: the live study stored in a fresh database, a real <c>sweeps serve</c> over
/// it, and a browser page opened on it. Disposing it stops the server and drops the database.</summary>
public sealed class OpenStudyPage : IAsyncDisposable
{
    private readonly TempFolder _logs;
    private readonly TempDatabase _database;
    private readonly IBrowserContext _browser;

    private OpenStudyPage(TempFolder logs, TempDatabase database, LiveStudy study, IBrowserContext browser, LivePageServe serve, IPage page)
    {
        (_logs, _database, _browser) = (logs, database, browser);
        (Study, Serve, Page) = (study, serve, page);
    }

    public LiveStudy Study { get; }
    public LivePageServe Serve { get; }
    public IPage Page { get; }

    /// <param name="serveOptions">Options of <c>sweeps serve</c> after its port, e.g. <c>--allow-control</c>.</param>
    public static async Task<OpenStudyPage> OpenAsync(Chromium chromium, DatabaseProvider provider, params string[] serveOptions)
    {
        var logs = new TempFolder();
        var database = await TempDatabase.MigratedAsync(provider);
        var study = await LiveStudy.StoreAsync(database, logs.Path);
        var browser = await chromium.NewContextAsync();
        var serve = await LivePageServe.StartAsync(database, serveOptions);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(serve.Address.ToString());
        return new OpenStudyPage(logs, database, study, browser, serve, page);
    }

    public async ValueTask DisposeAsync()
    {
        Serve.Dispose();
        await _browser.DisposeAsync();
        await _database.DisposeAsync();
        _logs.Dispose();
    }
}
