using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Templates;

/// <summary>
/// Issue 5's "template edit with preview": an operator edits an SMS template in the editor, sees the live preview
/// render for a chosen contact, sees a Liquid syntax error pointed at its line, fixes it, saves a new version, and sees
/// the segment counter switch to UCS-2 for Chinese copy.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TemplateEditTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private const string Key = "browser-edit-sms";
    private const string ContactId = "browser-template-reader";

    [Fact]
    public async Task Operator_EditsSmsTemplate_SeesPreviewAndSyntaxError_SavesNewVersion()
    {
        using (var api = fixture.Host.CreateApiClient())
        {
            await CreateTemplateAndContactAsync(api);
        }

        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, "template-edit", output, async () =>
        {
            await fixture.SignInAsync(tab, OperatorRole.Publisher);
            await page.GotoAsync($"#/templates/{Key}/en");

            var body = page.GetByRole(AriaRole.Textbox, new() { Name = "SMS body" });
            var counter = page.Locator(".field .sms-meter");
            var bubble = page.GetByRole(AriaRole.Figure, new() { Name = $"Preview of {Key} (en)" }).Locator(".msg-bubble");
            await Expect(body).ToHaveTextAsync("Hello, we miss you.");
            await Expect(counter).ToContainTextAsync("GSM-7");
            await Expect(bubble).ToHaveTextAsync("Hello, we miss you.");

            // The preview is for a real contact, found by the picker's search.
            var picker = page.GetByRole(AriaRole.Combobox, new() { Name = "Preview for" });
            await picker.FillAsync("browser-template");
            await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Grace Hopper") }).ClickAsync();
            await Expect(page.Locator(".contact-picker .picked")).ToContainTextAsync(ContactId);

            // A placeholder for the first name: the preview shows this contact's.
            await body.ClickAsync();
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync(" See you soon, ");
            // Liquid is pasted, not typed: typed braces are closed by the editor, which is the editor's business.
            await page.Keyboard.InsertTextAsync("{{ contact.first_name }}!");
            await Expect(bubble).ToHaveTextAsync("Hello, we miss you. See you soon, Grace!");

            // A second line with an unclosed output tag: the diagnostic points at line 2, in the text and in the editor.
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.InsertTextAsync("Reply STOP to opt out, {{ contact.first_name }");
            var errors = page.Locator(".field.has-error .field-errors");
            await Expect(errors).ToContainTextAsync("Line 2, column");
            await Expect(body.Locator(".cm-line").Nth(1).Locator(".cm-lintRange-error")).ToHaveCountAsync(1);
            await Expect(body.Locator(".cm-line").Nth(0).Locator(".cm-lintRange-error")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Live preview" })).ToContainTextAsync("Cannot render");
            output.WriteLine("Template error screenshot: " + await fixture.ScreenshotAsync(tab, "template-syntax-error"));

            // Closing the tag clears the diagnostic and the preview renders both lines.
            await page.Keyboard.PressAsync("End");
            await page.Keyboard.TypeAsync("}");
            await Expect(errors).ToHaveCountAsync(0);
            await Expect(body.Locator(".cm-lintRange-error")).ToHaveCountAsync(0);
            await Expect(bubble).ToHaveTextAsync("Hello, we miss you. See you soon, Grace!\nReply STOP to opt out, Grace");

            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            var history = page.GetByRole(AriaRole.Region, new() { Name = "Version history" });
            await Expect(history.Locator("li")).ToHaveCountAsync(2);
            await Expect(history.Locator("li").First).ToContainTextAsync("v2");
            await Expect(history.Locator("li").First).ToContainTextAsync("current");
            await Expect(page.Locator(".badge-unsaved")).ToHaveCountAsync(0);

            // Chinese copy needs UCS-2: the counter says so as it is typed, and the preview renders it for Grace.
            await body.ClickAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.InsertTextAsync("{{ contact.first_name }}，我们想你了！回来看看新品。");
            await Expect(counter).ToContainTextAsync("UCS-2");
            await Expect(counter).Not.ToContainTextAsync("GSM-7");
            await Expect(bubble).ToHaveTextAsync("Grace，我们想你了！回来看看新品。");
            output.WriteLine("Template editor screenshot: " + await fixture.ScreenshotAsync(tab, "template-editor"));
        });
        tab.AssertNoBrowserErrors();

        // The saved version is the one the host sends from now on.
        using var check = fixture.Host.CreateApiClient();
        var saved = await check.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/templates/{Key}/en");
        Assert.Equal(2, saved.GetProperty("template").GetProperty("version").GetInt32());
    }

    private static async Task CreateTemplateAndContactAsync(HttpClient api)
    {
        var template = await api.PostAsJsonAsync("/api/templates", new
        {
            key = Key,
            channel = "Sms",
            locale = "en",
            isDefaultLocale = true,
            content = new { smsBody = "Hello, we miss you." },
        });
        Assert.True(template.IsSuccessStatusCode, $"Creating the template answered {(int)template.StatusCode}: {await template.Content.ReadAsStringAsync()}");
        var contact = await api.PostAsJsonAsync("/api/contacts/bulk", new
        {
            items = new[] { new { externalId = ContactId, firstName = "Grace", lastName = "Hopper", phone = "+14155550123", locale = "en", timeZone = "UTC" } },
        });
        Assert.True(contact.IsSuccessStatusCode, $"Creating the contact answered {(int)contact.StatusCode}: {await contact.Content.ReadAsStringAsync()}");
    }
}
