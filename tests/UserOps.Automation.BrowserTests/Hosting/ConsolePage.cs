using Microsoft.Playwright;

namespace UserOps.Automation.BrowserTests.Hosting;

/// <summary>A browser tab on the console that remembers every console error and uncaught exception of the page.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console.error: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"pageerror: {error}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<ConsolePage> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return new ConsolePage(context, await context.NewPageAsync());
    }

    /// <summary>Fails the test when the page logged an error or threw: the console must run clean.</summary>
    public void AssertNoBrowserErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The browser reported errors:" + Environment.NewLine + string.Join(Environment.NewLine, _errors));
        }
    }

    /// <summary>
    /// Forgets the browser's "401 (Unauthorized)" resource errors: requests a page made after its session expired (the
    /// test moved the host's clock by days) are answered 401 by design, and the console then asks to sign in again.
    /// </summary>
    public void ForgiveExpiredSessionErrors()
    {
        lock (_errors)
        {
            _errors.RemoveAll(e => e.StartsWith("console.error: Failed to load resource: the server responded with a status of 401", StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
