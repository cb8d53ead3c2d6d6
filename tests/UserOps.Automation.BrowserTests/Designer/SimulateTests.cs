using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using UserOps.Automation.Testing;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Designer;

/// <summary>
/// Issue 5's Simulate: a viewer opens the shipped recall workflow, describes a contact inactive for a week, and sees the
/// path it would take lit on the canvas and the messages it would get with their rendered copy. Nothing is sent.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SimulateTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private const string DefinitionId = "inactivity-recall";

    [Fact]
    public async Task Viewer_SimulatesShippedRecall_ForADescribedInactiveContact_AndSeesPathAndRenderedCopy()
    {
        using (var api = fixture.Host.CreateApiClient())
        {
            // The shipped file, saved as a draft as an operator's import would (this host imports no workflows itself).
            var recall = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "inactivity-recall.json")));
            (await api.PostAsJsonAsync("/api/workflows", recall)).EnsureSuccessStatusCode();
        }

        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, "designer-simulate", output, async () =>
        {
            await fixture.SignInAsync(tab, OperatorRole.Viewer);
            await page.GotoAsync($"#/workflows/{DefinitionId}");
            var canvas = new DesignerCanvas(page);
            await Expect(canvas.Node("sms-15d")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Toolbar, new() { Name = "Designer" }).GetByRole(AriaRole.Button, new() { Name = "Simulate" }).ClickAsync();
            var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "Simulation" });
            await panel.GetByLabel("First name").FillAsync("Mia");
            await panel.GetByLabel("Days since last active").FillAsync("7");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Run simulation" }).ClickAsync();

            var result = panel.GetByTestId("simulation-result");
            await Expect(result).ToContainTextAsync("Enters");
            await Expect(result).ToContainTextAsync("Completed");
            await Expect(result).ToContainTextAsync("3 messages");

            // The path: still away at 15 days, so the SMS branch, never the early end.
            var taken = Taken();
            await Expect(canvas.Node("push-7d")).ToHaveClassAsync(taken);
            await Expect(canvas.Node("email-30d")).ToHaveClassAsync(taken);
            await Expect(canvas.Edge("still-away-15d", "True", "sms-15d")).ToHaveClassAsync(taken);
            await Expect(canvas.Edge("still-away-15d", "False", "done")).Not.ToHaveClassAsync(taken);

            // The copy, rendered by the host's templates for Mia, as each channel shows it.
            var push = panel.GetByRole(AriaRole.Figure, new() { Name = "Push recall-push-7d (en)" });
            await Expect(push).ToContainTextAsync("Mia, new picks are waiting");
            await Expect(panel.GetByRole(AriaRole.Figure, new() { Name = "Sms recall-sms-15d (en)" }).Locator(".msg-bubble")).ToContainTextAsync("Hi Mia");
            await Expect(result.Locator(".sim-step[data-activity='sms-15d'] .sms-meter")).ToContainTextAsync("GSM-7");
            await Expect(result.Locator(".sim-step[data-activity='coupon-30d']")).ToContainTextAsync("simulated sample");
            await Expect(result.Locator(".sim-step[data-activity='sms-15d'] .sim-day")).ToHaveTextAsync("day 8");

            // For the reviewer: the panel from its top (the entry, the push as the phone shows it) beside the lit path.
            await panel.EvaluateAsync("e => e.scrollTop = 0");
            var path = await fixture.ScreenshotAsync(tab, "designer-simulate");
            output.WriteLine("Simulate screenshot: " + path);
        });

        // Nothing was sent: the outbox is as empty as before.
        using var client = fixture.Host.CreateApiClient();
        var outbox = await client.GetFromJsonAsync<JsonObject>("/api/outbox?workflow=" + DefinitionId);
        Assert.Empty(outbox!["items"]!.AsArray());
    }

    [GeneratedRegex(@"\bsim-taken\b")]
    private static partial Regex Taken();
}
