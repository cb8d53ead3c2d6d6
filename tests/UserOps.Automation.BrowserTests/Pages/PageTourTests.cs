using System.Net.Http.Json;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Pages;

/// <summary>
/// Issue 5: "usable at 1280×800; keyboard accessible controls; no console errors in the browser". Every page of the
/// console is opened at 1280×800 in one tab; any console error or uncaught exception fails the test.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PageTourTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private const string WorkflowId = "browser-tour";
    private const string ContactId = "browser-tour-contact";

    /// <summary>A page's address and what shows it has opened.</summary>
    public sealed record Stop(string Hash, Func<IPage, ILocator> Ready);

    private static readonly Stop[] Stops =
    [
        new("#/dashboard", p => Heading(p, "Dashboard")),
        new("#/workflows", p => Heading(p, "Workflows")),
        new($"#/workflows/{WorkflowId}", p => p.GetByRole(AriaRole.Toolbar, new() { Name = "Designer" })),
        new("#/segments", p => Heading(p, "Segments")),
        new("#/segments/inactive-7d", p => p.GetByRole(AriaRole.Complementary, new() { Name = "Segment detail" })),
        new("#/contacts", p => Heading(p, "Contacts")),
        new($"#/contacts/{ContactId}", p => p.GetByRole(AriaRole.List, new() { Name = "Recent events" }).GetByText("purchase · phones · 4999.50 CNY")),
        new("#/templates", p => Heading(p, "Templates")),
        new("#/templates/recall-sms-15d/en", p => p.GetByRole(AriaRole.Textbox, new() { Name = "SMS body" })),
        new("#/templates/new", p => p.GetByRole(AriaRole.Button, new() { Name = "Create" })),
        new("#/messages", p => Heading(p, "Messages")),
        new("#/no-such-page", p => Heading(p, "Not found")),
    ];

    /// <summary>The admin's own pages, and the import page, which the publisher's tour does not open.</summary>
    private static readonly Stop[] AdminStops =
    [
        new("#/imports", p => Heading(p, "Import")),
        new("#/operators", p => Heading(p, "Operators")),
        new("#/keys", p => Heading(p, "API keys")),
        new("#/audit", p => Heading(p, "Audit log")),
    ];

    [Fact]
    public async Task EveryPage_OpensAt1280x800_WithoutBrowserErrorsOrSidewaysScrolling()
    {
        await SeedAsync();
        await TourAsync(OperatorRole.Publisher, Stops, "page-tour");
    }

    [Fact]
    public async Task AdminPages_OpenAt1280x800_WithoutBrowserErrorsOrSidewaysScrolling() => await TourAsync(OperatorRole.Admin, AdminStops, "admin-tour");

    /// <summary>Opens each stop in one tab signed in as <paramref name="role"/>, and keeps a screenshot of each for a reviewer.</summary>
    private async Task TourAsync(OperatorRole role, Stop[] stops, string name)
    {
        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, name, output, async () =>
        {
            await fixture.SignInAsync(tab, role);
            foreach (var stop in stops)
            {
                await page.GotoAsync(stop.Hash);
                await Expect(stop.Ready(page)).ToBeVisibleAsync();
                // Whatever the page loads has arrived (and could have failed) before the next page is opened.
                await Expect(page.Locator(".spinner")).ToHaveCountAsync(0);
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= 1280, $"{stop.Hash} is {width}px wide: it scrolls sideways at 1280×800");
                await fixture.ScreenshotAsync(tab, $"{name}-{stop.Hash.TrimStart('#', '/').Replace('/', '-')}");
            }
        });
        tab.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Keyboard_TabReachesMainNavigationAndPrimaryButton_WithVisibleFocus()
    {
        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, "keyboard", output, async () =>
        {
            await fixture.SignInAsync(tab, OperatorRole.Publisher);
            await page.GotoAsync("#/workflows");
            var create = page.GetByRole(AriaRole.Button, new() { Name = "New workflow" });
            await Expect(create).ToBeVisibleAsync();
            // Start from the document, as after a page load, not from wherever signing in left the focus.
            await page.EvaluateAsync("() => (document.activeElement instanceof HTMLElement) && document.activeElement.blur()");

            await page.Keyboard.PressAsync("Tab");
            var first = await FocusedAsync(page);
            Assert.True(first.InMainNavigation, $"The first Tab stop is {first.Description}, not the main navigation");
            AssertFocusVisible(first);

            Focused? reached = null;
            for (var i = 0; i < 20 && reached is null; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await FocusedAsync(page);
                if (focused.Description.Contains("New workflow", StringComparison.Ordinal))
                {
                    reached = focused;
                }
            }

            Assert.True(reached is not null, "Twenty Tab presses did not reach the New workflow button");
            AssertFocusVisible(reached);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "New workflow" })).ToBeVisibleAsync();
        });
        tab.AssertNoBrowserErrors();
    }

    /// <summary>The focused element as the page reports it (Playwright fills it in, so it has setters).</summary>
    public sealed class Focused
    {
        public string Description { get; set; } = "";
        public bool InMainNavigation { get; set; }
        public bool FocusVisible { get; set; }
        public string Outline { get; set; } = "";
        public string BoxShadow { get; set; } = "";
    }

    private static async Task<Focused> FocusedAsync(IPage page) => await page.EvaluateAsync<Focused>("""
        () => {
          const e = document.activeElement;
          const style = e ? getComputedStyle(e) : null;
          return {
            description: e ? `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.textContent || '').trim()}"` : 'nothing',
            inMainNavigation: !!e && !!e.closest('nav[aria-label="Main"]'),
            focusVisible: !!e && e.matches(':focus-visible'),
            outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
            boxShadow: style ? style.boxShadow : '',
          };
        }
        """);

    /// <summary>The browser treats the focus as keyboard focus and the page draws it: an outline or a ring.</summary>
    private static void AssertFocusVisible(Focused focused)
    {
        Assert.True(focused.FocusVisible, $"{focused.Description} has focus but not :focus-visible");
        var outlined = !focused.Outline.StartsWith("none", StringComparison.Ordinal) && !focused.Outline.EndsWith(" 0px", StringComparison.Ordinal);
        Assert.True(outlined || focused.BoxShadow != "none", $"{focused.Description} shows no focus: outline {focused.Outline}, box-shadow {focused.BoxShadow}");
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    /// <summary>What the pages with an id need: a draft workflow and a contact of this test's own with a purchase.</summary>
    private async Task SeedAsync()
    {
        using var api = fixture.Host.CreateApiClient();
        var draft = await api.PostAsJsonAsync("/api/workflows", new
        {
            definitionId = WorkflowId,
            name = "Page tour",
            root = new
            {
                type = "Flowchart",
                activities = new object[]
                {
                    new { id = "start", type = "ApiTrigger", metadata = new { designer = new { position = new { x = 0, y = 0 } } } },
                    new { id = "done", type = "End", metadata = new { designer = new { position = new { x = 0, y = 150 } } } },
                },
                connections = new[] { new { source = new { activity = "start", port = "Done" }, target = new { activity = "done", port = "In" } } },
            },
        });
        Assert.True(draft.IsSuccessStatusCode, $"Saving the draft answered {(int)draft.StatusCode}: {await draft.Content.ReadAsStringAsync()}");
        var contact = await api.PostAsJsonAsync("/api/contacts/bulk", new
        {
            items = new[] { new { externalId = ContactId, firstName = "Tour", lastName = "Guide", email = "tour@example.com", locale = "en", timeZone = "Europe/Paris" } },
        });
        Assert.True(contact.IsSuccessStatusCode, $"Creating the contact answered {(int)contact.StatusCode}: {await contact.Content.ReadAsStringAsync()}");
        var purchase = await api.PostAsJsonAsync("/api/events", new { externalId = ContactId, name = "purchase", amount = 4999.5m, currency = "cny", properties = new { category = "phones" } });
        Assert.True(purchase.IsSuccessStatusCode, $"Recording the purchase answered {(int)purchase.StatusCode}: {await purchase.Content.ReadAsStringAsync()}");
    }
}
