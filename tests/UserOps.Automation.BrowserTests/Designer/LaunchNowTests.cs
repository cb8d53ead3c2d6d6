using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Designer;

/// <summary>
/// A publisher launches a published blast from the designer: the confirmation names the audience and its size, the
/// launch shows as an operation that finishes, the outbox fills; then the workflow is deleted from the list.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LaunchNowTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private const string DefinitionId = "browser-launch-blast";
    private const string Segment = "browser-launch-audience";

    [Fact]
    public async Task Publisher_LaunchesABlastNow_SeesTheOperationFinishAndTheOutboxFill_ThenDeletesTheWorkflow()
    {
        using var api = fixture.Host.CreateApiClient();
        var contacts = Enumerable.Range(1, 3).Select(i => $"{Segment}-{i}").ToList();
        await SeedAsync(api, contacts);
        try
        {
            await LaunchAndDeleteAsync(api);
        }
        finally
        {
            // The host is shared: contacts left behind would enter other tests' segments as the clock moves.
            foreach (var contact in contacts)
            {
                await api.DeleteAsync($"/api/contacts/{contact}");
            }
        }
    }

    private async Task LaunchAndDeleteAsync(HttpClient api)
    {
        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, "launch-now", output, async () =>
        {
            await fixture.SignInAsync(tab, OperatorRole.Publisher);
            var members = (await api.GetFromJsonAsync<JsonElement>($"/api/segments/{Segment}")).GetProperty("segment").GetProperty("members").GetInt32();
            Assert.True(members >= 3, $"the audience has {members} members");
            await page.GotoAsync($"#/workflows/{DefinitionId}");
            await page.GetByTestId("launch-now").ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Launch “Browser launch blast” v1 now?" });
            await Expect(dialog).ToContainTextAsync($"Audience: Browser launch audience ({Segment}) — {members:N0} contacts at its last refresh");
            await dialog.GetByRole(AriaRole.Button, new() { Name = $"Launch to {members:N0} contacts" }).ClickAsync();

            var launching = page.GetByRole(AriaRole.Dialog, new() { Name = "Launching “Browser launch blast”" });
            await Expect(launching.Locator(".operation .badge")).ToHaveTextAsync("Done");
            await Expect(launching).ToContainTextAsync($"{members:N0} contacts enrolled");
            output.WriteLine("Launch screenshot: " + await fixture.ScreenshotAsync(tab, "designer-launch-now"));
            await launching.GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();

            // The sweep and the dispatcher run: each member gets the email, once.
            await fixture.Host.RunSchedulersAsync();
            var outbox = await api.GetFromJsonAsync<JsonElement>($"/api/outbox?workflow={DefinitionId}&channel=Email");
            Assert.Equal(members, outbox.GetProperty("items").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Sent"));
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
            await page.GetByRole(AriaRole.Form, new() { Name = "Filter messages" }).GetByLabel("Workflow").SelectOptionAsync(new SelectOptionValue { Label = "Browser launch blast" });
            await Expect(page.Locator(".messages-table tbody tr")).ToHaveCountAsync(members);

            // The journeys have ended, so the workflow may go: the list's delete asks first, then the row is gone.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete Browser launch blast" }).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete “Browser launch blast”?" });
            await Expect(confirm).ToContainTextAsync("v1 is live: deleting it stops its trigger.");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete workflow" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Browser launch blast") })).ToHaveCountAsync(0);
        });
        tab.AssertNoBrowserErrors();
    }

    /// <summary>
    /// Three reachable contacts, a segment of everyone reachable by email (refreshed, so its size is known; other
    /// tests' contacts on the shared host are in it too), and the published blast.
    /// </summary>
    private static async Task SeedAsync(HttpClient api, IReadOnlyList<string> contacts)
    {
        (await api.PostAsJsonAsync("/api/contacts/bulk", new
        {
            items = contacts.Select(c => new { externalId = c, email = $"{c}@example.com", firstName = "Ada", timeZone = "UTC", locale = "en", consent = new { email = true } }).ToList(),
        })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/segments", new { key = Segment, name = "Browser launch audience", rule = "reachable-email" })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/segments/{Segment}/refresh", null)).EnsureSuccessStatusCode();
        var blast = JsonNode.Parse($$"""
            {
              "definitionId": "{{DefinitionId}}", "name": "Browser launch blast", "version": 1,
              "settings": { "entry": { "policy": "Once" } },
              "root": {
                "type": "Flowchart",
                "activities": [
                  { "id": "weekly", "type": "Schedule", "segment": "{{Segment}}", "cron": "0 0 9 ? * MON", "timeZone": "UTC" },
                  { "id": "welcome", "type": "SendEmail", "template": "onboarding-welcome-email" },
                  { "id": "done", "type": "End" }
                ],
                "connections": [
                  { "source": { "activity": "weekly", "port": "Done" }, "target": { "activity": "welcome", "port": "In" } },
                  { "source": { "activity": "welcome", "port": "Done" }, "target": { "activity": "done", "port": "In" } }
                ]
              }
            }
            """);
        (await api.PostAsJsonAsync("/api/workflows", blast)).EnsureSuccessStatusCode();
        var published = await api.PostAsync($"/api/workflows/{DefinitionId}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }
}
