using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using UserOps.Automation.Testing;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Hosting;

/// <summary>One host and one Chromium for the whole collection; each test class opens its own tab(s) on it.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ConsoleHost Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots for reviewers go: <c>TestResults/screenshots</c> at the repository root.</summary>
    public string ScreenshotFolder { get; } = RepositoryRoot.Combine("TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var console = RepositoryRoot.Combine("src", "UserOps.Automation.Console", "dist", "index.html");
        if (!File.Exists(console))
        {
            throw new InvalidOperationException($"The console is not built ({console} is missing): build the host without -p:SkipConsoleBuild=true, with Node.js available.");
        }

        Host.Start();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public Task<ConsolePage> OpenPageAsync() => ConsolePage.OpenAsync(Browser, Host.BaseAddress);

    /// <summary>Signs the tab in as an operator of <paramref name="role"/> and waits for the console's navigation.</summary>
    public Task SignInAsync(ConsolePage page, OperatorRole role) => SignInWithPasswordAsync(page, role);

    /// <summary>
    /// Cookie sign-in: the first admin comes from <c>Operators:InitialAdmin</c>; other roles are
    /// operators the admin creates through the API first.
    /// </summary>
    public async Task SignInWithPasswordAsync(ConsolePage page, OperatorRole role)
    {
        var (userName, password) = await OperatorAsync(role);
        await page.Page.GotoAsync("/");
        await page.Page.GetByLabel("User name").FillAsync(userName);
        await page.Page.GetByLabel("Password").FillAsync(password);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Reloads the tab; when the session ended meanwhile (moving the host's clock by days expires the sign-in cookie,
    /// as real days would), signs in again on the same page, which keeps its route.
    /// </summary>
    public async Task ReloadSignedInAsync(ConsolePage page, OperatorRole role)
    {
        await page.Page.ReloadAsync();
        var signIn = page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
        var navigation = page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(signIn.Or(navigation)).ToBeVisibleAsync();
        if (await signIn.IsVisibleAsync())
        {
            page.ForgiveExpiredSessionErrors();
            var (userName, password) = await OperatorAsync(role);
            await page.Page.GetByLabel("User name").FillAsync(userName);
            await page.Page.GetByLabel("Password").FillAsync(password);
            await signIn.ClickAsync();
            await Expect(navigation).ToBeVisibleAsync();
        }
    }

    /// <summary>An API client holding the session cookie of an operator of <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(OperatorRole role)
    {
        var (userName, password) = await OperatorAsync(role);
        return await SignInClientAsync(userName, password);
    }

    private async Task<HttpClient> SignInClientAsync(string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Host.BaseAddress };
        // Cookie-authenticated writes must carry the console's anti-forgery header.
        client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        using var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"Signing in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private readonly Dictionary<OperatorRole, (string UserName, string Password)> _operators = [];

    private async Task<(string UserName, string Password)> OperatorAsync(OperatorRole role)
    {
        if (role == OperatorRole.Admin)
        {
            return (ConsoleHost.AdminUserName, ConsoleHost.AdminPassword);
        }

        if (!_operators.TryGetValue(role, out var known))
        {
            known = ($"browser-{role.ToString().ToLowerInvariant()}", $"Console-tests-pw-{(int)role}-x7");
            using var admin = await SignInClientAsync(ConsoleHost.AdminUserName, ConsoleHost.AdminPassword);
            using var created = await admin.PostAsJsonAsync("/api/operators", new { userName = known.UserName, password = known.Password, role = role.ToString() });
            Assert.True(created.IsSuccessStatusCode, $"Creating the {role} operator answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            _operators[role] = known;
        }

        return known;
    }

    /// <summary>Writes a full-window PNG under <see cref="ScreenshotFolder"/> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(ConsolePage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    /// <summary>Runs a test's browser steps; when one fails, leaves a screenshot of the page as it was beside the others.</summary>
    public async Task ScreenshotOnFailureAsync(ConsolePage page, string name, ITestOutputHelper output, Func<Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await steps();
        }
        catch
        {
            output.WriteLine("Screenshot of the failure: " + await ScreenshotAsync(page, name + "-failure"));
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
