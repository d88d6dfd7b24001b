using Microsoft.Playwright;

namespace Sweeps.LivePage.Tests;

/// <summary>
/// Debian's chromium, driven headless by Playwright (its own node driver; no browser is downloaded). <c>./test</c>
/// installs the package and names it in SWEEPS_TEST_CHROMIUM; a browser named there must start. Without it, the
/// tests look for /usr/bin/chromium and skip with a message when there is none.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string EnvironmentVariable = "SWEEPS_TEST_CHROMIUM";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var path = string.IsNullOrEmpty(configured) ? (File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null) : configured;
        if (path is null) return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
    }

    /// <summary>A fresh browser context (its own cookies); skips the test when no chromium can be had outside <c>./test</c>.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        Skip.If(_browser is null, $"No chromium (apt-get install chromium, or run ./test, which installs it and sets {EnvironmentVariable}).");
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
