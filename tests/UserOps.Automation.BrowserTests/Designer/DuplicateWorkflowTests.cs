using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Designer;

/// <summary>An editor duplicates a workflow from the list: the copy opens in the designer as a new draft with the same flow.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DuplicateWorkflowTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Editor_DuplicatesAWorkflow_TheCopyOpensAsANewDraftWithTheSameFlow()
    {
        using var api = fixture.Host.CreateApiClient();
        const string SourceId = "browser-duplicate-source";
        const string Name = "Browser duplicate source";
        var draft = new JsonObject
        {
            ["definitionId"] = SourceId,
            ["name"] = Name,
            ["settings"] = new JsonObject { ["entry"] = new JsonObject { ["policy"] = "Once" } },
            ["root"] = new JsonObject
            {
                ["type"] = "Flowchart",
                ["activities"] = new JsonArray(
                    new JsonObject { ["id"] = "start", ["type"] = "SegmentEntered", ["segment"] = "inactive-7d", ["metadata"] = Position(0, 0) },
                    new JsonObject { ["id"] = "wait", ["type"] = "Delay", ["duration"] = new JsonObject { ["amount"] = 2, ["unit"] = "days" }, ["metadata"] = Position(0, 150) },
                    new JsonObject { ["id"] = "done", ["type"] = "End", ["metadata"] = Position(0, 300) }),
                ["connections"] = new JsonArray(
                    Connection("start", "wait"),
                    Connection("wait", "done")),
            },
        };
        (await api.PostAsJsonAsync("/api/workflows", draft)).EnsureSuccessStatusCode();
        var original = JsonNode.Parse(await api.GetStringAsync($"/api/workflows/{SourceId}/versions/1"))!;
        var activities = original["root"]!["activities"]!.AsArray().Count;
        const string CopyName = "Recall for browser VIPs";
        const string CopyId = "recall-for-browser-vips";

        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        try
        {
            await fixture.ScreenshotOnFailureAsync(tab, "duplicate-workflow", output, async () =>
            {
                await fixture.SignInAsync(tab, OperatorRole.Editor);
                await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = $"Duplicate {Name}" }).ClickAsync();
                var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Duplicate {Name}" });
                await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync($"Copy of {Name}");
                await dialog.GetByLabel("Name").FillAsync(CopyName);
                await Expect(dialog).ToContainTextAsync(CopyId);
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Duplicate and open" }).ClickAsync();

                await Expect(page).ToHaveURLAsync(new Regex($"#/workflows/{CopyId}$"));
                await Expect(page.Locator(".designer-bar .crumbs .badge")).ToHaveTextAsync("Draft");
                await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(activities);
            });
            tab.AssertNoBrowserErrors();

            var copy = JsonNode.Parse(await api.GetStringAsync($"/api/workflows/{CopyId}/versions/1"))!;
            Assert.Equal(CopyName, copy["name"]!.GetValue<string>());
            Assert.Equal(original["root"]!.ToJsonString(), copy["root"]!.ToJsonString());
        }
        finally
        {
            await api.DeleteAsync($"/api/workflows/{CopyId}");
            await api.DeleteAsync($"/api/workflows/{SourceId}");
        }
    }

    private static JsonObject Position(int x, int y) =>
        new() { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } };

    private static JsonObject Connection(string from, string to) =>
        new() { ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" } };
}
