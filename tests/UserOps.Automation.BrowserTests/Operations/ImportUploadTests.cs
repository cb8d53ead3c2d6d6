using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Operations;

/// <summary>The Import page shows the upload's own progress before the host has the file, then the import's.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ImportUploadTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Upload_ShowsBytesSentWhileUploading_ThenTheImportFinishes()
    {
        // Few rows (the test deletes them again) but long ones: about 100 KB to upload.
        const int rows = 200;
        var ids = Enumerable.Range(0, rows).Select(i => $"browser-upload-{i:D4}").ToList();
        var note = new string('x', 480);
        var csv = new StringBuilder("externalId,email,attr_note\n");
        foreach (var id in ids)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{id}@example.com,{note}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        try
        {
            await UploadAsync(bytes, rows);
        }
        finally
        {
            // The host is shared: contacts left behind would enter other tests' segments as the clock moves.
            using var api = fixture.Host.CreateApiClient();
            foreach (var id in ids)
            {
                await api.DeleteAsync($"/api/contacts/{id}");
            }
        }
    }

    private async Task UploadAsync(byte[] bytes, int rows)
    {
        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, "import-upload", output, async () =>
        {
            await fixture.SignInAsync(tab, OperatorRole.Editor);
            await page.GotoAsync("#/imports");
            // A slow uplink (the file takes a few seconds), so the upload's progress can be seen before the host answers.
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 20, ["downloadThroughput"] = -1, ["uploadThroughput"] = bytes.Length / 3,
            });
            await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "browser-upload.csv", MimeType = "text/csv", Buffer = bytes });
            await page.GetByTestId("import-start").ClickAsync();

            var upload = page.GetByTestId("upload-progress");
            await Expect(upload).ToBeVisibleAsync();
            await Expect(upload).ToContainTextAsync(" sent");
            await Expect(upload.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", new System.Text.RegularExpressions.Regex(@"^\d+$"));
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
            });

            var progress = page.GetByRole(AriaRole.Region, new() { Name = "Progress" });
            // The import itself runs on the host after the upload; on a loaded machine it may take a while.
            await Expect(progress.Locator("[data-testid^='operation-'] .badge")).ToHaveTextAsync("Done", new() { Timeout = 60_000 });
            await Expect(progress).ToContainTextAsync($"{rows:N0} rows read: {rows:N0} imported");
            await Expect(upload).ToHaveCountAsync(0);
        });
        tab.AssertNoBrowserErrors();
    }
}
