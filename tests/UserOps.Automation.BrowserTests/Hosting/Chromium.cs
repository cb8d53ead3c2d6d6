using Microsoft.Playwright;

namespace UserOps.Automation.BrowserTests.Hosting;

/// <summary>
/// Debian's Chromium, driven by Playwright. Playwright's own browser download is never used (it fails on these
/// machines); <c>.ci/run</c> installs the package when it is missing.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            // Not a skip: a browser test that silently does not run proves nothing.
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ExecutablePath}; install it with `apt-get install chromium` (.ci/run does).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
