using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Access;

/// <summary>Roles in the console and the API (issue 5): a viewer reads, and cannot publish.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RoleTests(ConsoleFixture fixture)
{
    private const string DefinitionId = "browser-viewer-check";

    [Fact]
    public async Task Viewer_SeesNoPublishButton_AndTheApiRefusesToPublish()
    {
        using (var api = fixture.Host.CreateApiClient())
        {
            var draft = await api.PostAsJsonAsync("/api/workflows", Draft());
            Assert.True(draft.IsSuccessStatusCode, $"Saving the draft answered {(int)draft.StatusCode}: {await draft.Content.ReadAsStringAsync()}");
        }

        await using var tab = await fixture.OpenPageAsync();
        await fixture.SignInWithPasswordAsync(tab, OperatorRole.Viewer);
        await tab.Page.GotoAsync($"#/workflows/{DefinitionId}");
        var toolbar = tab.Page.GetByRole(AriaRole.Toolbar, new() { Name = "Designer" });
        await Expect(toolbar).ToBeVisibleAsync();
        await Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToHaveCountAsync(0);
        tab.AssertNoBrowserErrors();

        using var viewer = await fixture.SignedInClientAsync(OperatorRole.Viewer);
        using var publish = await viewer.PostAsync($"/api/workflows/{DefinitionId}/publish", null);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    /// <summary>A valid draft: an API trigger straight to the end.</summary>
    private static object Draft() => new
    {
        definitionId = DefinitionId,
        name = "Viewer check",
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
    };
}
