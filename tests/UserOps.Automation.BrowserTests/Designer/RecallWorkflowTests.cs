using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UserOps.Automation.BrowserTests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace UserOps.Automation.BrowserTests.Designer;

/// <summary>
/// Issue 5's proof: an operator builds the 7/15/30 recall workflow in the designer from an empty canvas, publishes it,
/// and sees it work on contacts who went quiet as the clock moves over 30 days.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class RecallWorkflowTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    private const string Name = "Browser recall 7/15/30";
    private const string DefinitionId = "browser-recall-7-15-30";

    [Fact]
    public async Task Operator_BuildsRecallWorkflowOnCanvas_PublishesIt_AndSeesItSendOver30Days()
    {
        await using var tab = await fixture.OpenPageAsync();
        var page = tab.Page;
        await fixture.ScreenshotOnFailureAsync(tab, "recall-workflow", output, async () =>
        {
            await fixture.SignInAsync(tab, OperatorRole.Publisher);

            await CreateEmptyWorkflowAsync(page);
            var canvas = new DesignerCanvas(page);
            var ids = await BuildRecallFlowAsync(canvas, page);

            await page.GetByRole(AriaRole.Button, new() { Name = "Tidy up (auto-layout)" }).ClickAsync();
            await Expect(page.GetByText("No problems")).ToBeVisibleAsync();
            await canvas.PublishButton.ClickAsync();
            await Expect(page.Locator(".designer-bar .crumbs .badge")).ToHaveTextAsync("Published");
            await Expect(canvas.Node(ids.Push).Locator(".node-stats")).ToContainTextAsync("0 in");
            await Expect(canvas.Node(ids.Trigger).Locator(".node-stats")).ToContainTextAsync("0 in");

            // Minutes later, three contacts last seen 10 days ago arrive through the public API, as a backend sends them.
            fixture.Host.Clock.Advance(TimeSpan.FromMinutes(5));
            using var api = fixture.Host.CreateApiClient();
            var contacts = Enumerable.Range(1, 3).Select(i => $"browser-recall-{i}").ToList();
            await SeedInactiveContactsAsync(api, contacts, lastSeen: fixture.Host.Now.AddDays(-10));

            // The next tick: they are in inactive-7d, enter the journey, and get the push.
            await fixture.Host.AdvanceAsync(TimeSpan.FromMinutes(1));
            await AssertSentAsync(api, "Push", 3);
            await fixture.ReloadSignedInAsync(tab, OperatorRole.Publisher);
            await Expect(page.GetByLabel("Live results")).ToContainTextAsync("3 entered");
            // The trigger counts what the live bar counts: every journey came in through it.
            await Expect(canvas.Node(ids.Trigger).Locator(".node-stats")).ToContainTextAsync("3 in");
            await Expect(canvas.Node(ids.Push).Locator(".node-stats")).ToContainTextAsync("3 in");
            await Expect(canvas.Node(ids.Push).Locator(".node-stats")).ToContainTextAsync("3 sent");
            await Expect(canvas.Node(ids.Delay8).Locator(".node-stats")).ToContainTextAsync("3 waiting");

            // Eight days later (day 18 of silence): still away, so the SMS.
            await fixture.Host.AdvanceAsync(TimeSpan.FromDays(8));
            await AssertSentAsync(api, "Sms", 3);
            await fixture.ReloadSignedInAsync(tab, OperatorRole.Publisher);
            await Expect(canvas.Node(ids.Sms).Locator(".node-stats")).ToContainTextAsync("3 sent");
            await Expect(canvas.Node(ids.Delay15).Locator(".node-stats")).ToContainTextAsync("3 waiting");

            // Fifteen days on (day 33): churned, so the coupon by email, and the journeys end.
            await fixture.Host.AdvanceAsync(TimeSpan.FromDays(15));
            await AssertSentAsync(api, "Email", 3);
            await fixture.ReloadSignedInAsync(tab, OperatorRole.Publisher);
            await Expect(canvas.Node(ids.Email).Locator(".node-stats")).ToContainTextAsync("3 sent");
            await Expect(canvas.Node(ids.End).Locator(".node-stats")).ToContainTextAsync("3 in");
            // The whole flow with its counts, for the reviewer's screenshot.
            var viewport = page.Locator(".react-flow__viewport");
            var before = await viewport.GetAttributeAsync("style");
            await page.GetByRole(AriaRole.Button, new() { Name = "Fit View" }).ClickAsync();
            await Expect(viewport).Not.ToHaveAttributeAsync("style", before!);
            output.WriteLine("Designer screenshot: " + await fixture.ScreenshotAsync(tab, "designer-recall-workflow"));

            await CheckSentSmsInMessagesAsync(page);
            output.WriteLine("Messages screenshot: " + await fixture.ScreenshotAsync(tab, "messages-recall-sms"));

            // The dashboard's preset ranges are reckoned on the host's (fake) clock, whatever the browser's says.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = Name })).ToBeVisibleAsync();
            // The charts, not the spinner, belong in the reviewer's screenshot.
            await Expect(page.GetByText("Loading the dashboard")).ToHaveCountAsync(0);
            // The last 7 days of the host's clock hold the coupon emails (a browser reckoning them on its own clock saw none).
            await Expect(page.GetByText("No messages in this range.")).ToHaveCountAsync(0);
            output.WriteLine("Dashboard screenshot: " + await fixture.ScreenshotAsync(tab, "dashboard"));
        });
        tab.AssertNoBrowserErrors();
    }

    private static async Task CreateEmptyWorkflowAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New workflow" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New workflow" });
        await dialog.GetByLabel("Name").FillAsync(Name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create and open" }).ClickAsync();
        // A hash route: poll the address rather than wait for a load event that a same-document navigation may not give.
        await Expect(page).ToHaveURLAsync(new Regex($"#/workflows/{DefinitionId}$"));

        // The dialog starts the flow with a trigger and an End; take both away to build from an empty canvas.
        var canvas = new DesignerCanvas(page);
        foreach (var id in new[] { "start", "done" })
        {
            // The host's verdict adds the node's problems above the Delete button: a click aimed before it lands moves.
            await canvas.SettledAsync();
            await canvas.SelectAsync(id);
            await canvas.SettledAsync();
            await canvas.Properties.GetByRole(AriaRole.Button, new() { Name = "Delete activity" }).ClickAsync();
            await Expect(canvas.Node(id)).ToHaveCountAsync(0);
        }

        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(0);
    }

    internal sealed record RecallNodes(string Trigger, string Push, string Delay8, string Sms, string Delay15, string Email, string End);

    /// <summary>Drags each activity from the palette, wires it to the one before, and sets it up with the pickers.</summary>
    private static async Task<RecallNodes> BuildRecallFlowAsync(DesignerCanvas canvas, IPage page)
    {
        // Ten activities fit the 1280×800 canvas a little zoomed out: three columns, four rows.
        var viewport = page.Locator(".react-flow__viewport");
        for (var i = 0; i < 2; i++)
        {
            var before = await viewport.GetAttributeAsync("style");
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom Out" }).ClickAsync();
            await Expect(viewport).Not.ToHaveAttributeAsync("style", before!);
        }

        float[] column = [120, 354, 588];
        float[] row = [80, 190, 300, 410];
        var props = canvas.Properties;

        var trigger = await canvas.DropAsync("SegmentEntered", column[0], row[0]);
        await props.GetByLabel("Segment").SelectOptionAsync("inactive-7d");
        await Expect(canvas.Node(trigger)).ToContainTextAsync("Inactive 7+ days");

        // A send step without a template is invalid: the node turns red and says why, until a template is picked.
        var push = await canvas.DropAsync("SendPush", column[0], row[1]);
        await canvas.ConnectAsync(trigger, "Done", push);
        await Expect(canvas.Node(push).Locator(".node")).ToHaveClassAsync(new Regex(@"\bhas-problems\b"));
        await Expect(canvas.Node(push).Locator(".node-reason")).ToContainTextAsync("template");
        await props.GetByLabel("Template").SelectOptionAsync("recall-push-7d");
        await Expect(props.GetByLabel("Template preview")).ToBeVisibleAsync();
        await Expect(canvas.Node(push).Locator(".node")).Not.ToHaveClassAsync(new Regex(@"\bhas-problems\b"));
        await Expect(canvas.Node(push).Locator(".node-reason")).ToHaveCountAsync(0);

        var delay8 = await DropDelayAsync(canvas, column[0], row[2], 8);
        await canvas.ConnectAsync(push, "Done", delay8);

        var still15 = await canvas.DropAsync("If", column[0], row[3]);
        await canvas.ConnectAsync(delay8, "Done", still15);
        await props.GetByLabel("Rule").SelectOptionAsync("inactive-15d");

        var sms = await canvas.DropAsync("SendSms", column[1], row[0]);
        await canvas.ConnectAsync(still15, "True", sms);
        await props.GetByLabel("Template").SelectOptionAsync("recall-sms-15d");

        var delay15 = await DropDelayAsync(canvas, column[1], row[1], 15);
        await canvas.ConnectAsync(sms, "Done", delay15);

        var still30 = await canvas.DropAsync("If", column[1], row[2]);
        await canvas.ConnectAsync(delay15, "Done", still30);
        await props.GetByLabel("Rule").SelectOptionAsync("inactive-30d");

        var coupon = await canvas.DropAsync("IssueCoupon", column[2], row[0]);
        await canvas.ConnectAsync(still30, "True", coupon);
        await props.GetByLabel("Campaign").FillAsync("recall-30");
        await props.GetByLabel("Value").FillAsync("20%");

        var email = await canvas.DropAsync("SendEmail", column[2], row[1]);
        await canvas.ConnectAsync(coupon, "Done", email);
        await props.GetByLabel("Template").SelectOptionAsync("recall-email-30d-coupon");

        var end = await canvas.DropAsync("End", column[2], row[3]);
        await canvas.ConnectAsync(email, "Done", end);
        await canvas.ConnectAsync(still15, "False", end);
        await canvas.ConnectAsync(still30, "False", end);
        return new RecallNodes(trigger, push, delay8, sms, delay15, email, end);
    }

    private static async Task<string> DropDelayAsync(DesignerCanvas canvas, float x, float y, int days)
    {
        var delay = await canvas.DropAsync("Delay", x, y);
        await canvas.Properties.GetByLabel("Amount").FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await canvas.Properties.GetByLabel("Unit").SelectOptionAsync("days");
        await Expect(canvas.Node(delay)).ToContainTextAsync($"wait {days} days");
        return delay;
    }

    /// <summary>
    /// The outbox as an operator reads it: filtered to this workflow's SMS, the three sent messages; one opened shows
    /// its delivery attempt and the copy the contact got, captured as it left.
    /// </summary>
    private static async Task CheckSentSmsInMessagesAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "Filter messages" });
        await filters.GetByLabel("Workflow").SelectOptionAsync(new SelectOptionValue { Label = Name });
        await filters.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "SMS" });
        var rows = page.Locator(".messages-table tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
        {
            await Expect(rows.Nth(i)).ToContainTextAsync("recall-sms-15d");
            await Expect(rows.Nth(i)).ToContainTextAsync("Sent");
            await Expect(rows.Nth(i)).ToContainTextAsync(DefinitionId);
        }

        var link = rows.First.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Message \d+, Sms Sent$") });
        var id = Regex.Match((await link.GetAttributeAsync("aria-label"))!, @"\d+").Value;
        await link.ClickAsync();
        var detail = page.GetByRole(AriaRole.Complementary, new() { Name = $"Message {id}" });
        await Expect(detail.GetByRole(AriaRole.Heading, new() { Name = $"Message #{id}" })).ToBeVisibleAsync();
        var attempts = detail.Locator(".attempt-list > li");
        await Expect(attempts).ToHaveCountAsync(1);
        await Expect(attempts.First).ToContainTextAsync("#1");
        await Expect(attempts.First).ToContainTextAsync("Sent");
        var copy = detail.GetByRole(AriaRole.Figure, new() { Name = $"Captured message {id}" });
        await Expect(copy.Locator(".msg-bubble")).ToContainTextAsync("Hi Ada, we saved your favourites.");
        await Expect(copy.Locator(".msg-bubble")).ToContainTextAsync("https://shop.example/r/15d");
    }

    private static async Task SeedInactiveContactsAsync(HttpClient api, IReadOnlyList<string> contacts, DateTimeOffset lastSeen)
    {
        // An event for an unknown contact creates it, first seen then: their last visit is 10 days ago.
        var visits = await api.PostAsJsonAsync("/api/events/bulk", new
        {
            items = contacts.Select(c => new { externalId = c, name = "visit", timestamp = lastSeen }).ToList(),
        });
        visits.EnsureSuccessStatusCode();
        var profiles = await api.PostAsJsonAsync("/api/contacts/bulk", new
        {
            items = contacts.Select(c => new
            {
                externalId = c,
                email = $"{c}@example.com",
                phone = "+14155550100",
                firstName = "Ada",
                timeZone = "UTC",
                locale = "en",
                consent = new { email = true, sms = true, push = true },
                pushTokens = new[] { new { token = $"fcm-token-{c}", platform = "fcm" } },
            }).ToList(),
        });
        profiles.EnsureSuccessStatusCode();
    }

    /// <summary>The outbox holds <paramref name="count"/> sent messages of this workflow on <paramref name="channel"/>.</summary>
    private static async Task AssertSentAsync(HttpClient api, string channel, int count)
    {
        var outbox = await api.GetFromJsonAsync<JsonElement>($"/api/outbox?workflow={DefinitionId}&channel={channel}");
        var statuses = outbox.GetProperty("items").EnumerateArray()
            .Select(m => $"{m.GetProperty("status").GetString()} {m.GetProperty("reason").GetString()}".Trim()).ToList();
        Assert.True(statuses.Count(s => s == "Sent") == count, $"Expected {count} sent {channel} messages; the outbox has: [{string.Join(", ", statuses)}]");
    }
}
