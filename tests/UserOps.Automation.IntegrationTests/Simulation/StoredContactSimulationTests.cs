using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Simulation;

/// <summary>Simulations for contacts picked from the store: their real history counts, and nothing is written.</summary>
public sealed class StoredContactSimulationTests(SimulationHost host) : IClassFixture<SimulationHost>
{
    private static readonly DateTime Start = SimulationHost.Start;

    private async Task<Contact> AddContactAsync(string externalId, Action<AutomationDb, Contact>? more = null)
    {
        await using var db = Db();
        var contact = new ContactBuilder(externalId, Start.AddDays(-200)).WithEmail($"{externalId}@example.com").WithPhone("+8613800000001")
            .WithName("Wei", null).WithLocale("zh-CN", "Asia/Shanghai").WithConsent(true, true, true).WithPushToken($"token-{externalId}")
            .ActiveAt(Start.AddDays(-7)).Build();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        more?.Invoke(db, contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private AutomationDb Db() => host.Host.App.Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();

    private async Task<int[]> CountsAsync()
    {
        await using var db = Db();
        return
        [
            await db.Journeys.CountAsync(), await db.JourneySteps.CountAsync(), await db.OutboxMessages.CountAsync(), await db.Coupons.CountAsync(),
            await db.WebhookDeliveries.CountAsync(), await db.Events.CountAsync(), await db.CapturedMessages.CountAsync(), await db.Settings.CountAsync(),
        ];
    }

    [Fact]
    public async Task StoredContact_FullRecall_WritesNothing()
    {
        await AddContactAsync("sim-nothing");
        var before = await CountsAsync();
        DateTime updatedBefore;
        await using (var db = Db())
        {
            updatedBefore = (await db.Contacts.SingleAsync(c => c.ExternalId == "sim-nothing")).UpdatedAt;
        }

        var (status, result) = await host.SimulateAsync(new
        {
            definition = SimulationHost.Workflow("inactivity-recall.json"),
            contactExternalId = "sim-nothing",
            startAt = Start.AddHours(1), // 18:00 in Shanghai
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Completed", result["outcome"]!["status"]!.GetValue<string>());
        Assert.Equal(3, result["steps"]!.AsArray().Count(s => s!["message"] is not null));
        Assert.Equal(before, await CountsAsync());
        await using (var db = Db())
        {
            Assert.Equal(updatedBefore, (await db.Contacts.SingleAsync(c => c.ExternalId == "sim-nothing")).UpdatedAt);
        }
    }

    [Fact]
    public async Task StoredContact_TheGuardsUseItsRealHistory_SuppressionListAndFrequencyCap()
    {
        var contact = await AddContactAsync("sim-history", (db, c) =>
        {
            db.Suppressions.Add(new SuppressionEntry(Channel.Sms, c.Phone!, "STOP reply", "twilio", Start.AddDays(-30)));
            var version = db.MessageTemplateVersions.OrderBy(v => v.Id).First().Id;

            // Three capped messages in the last week: the default cap (3 per 7 days) is spent until the first leaves the window.
            for (var i = 1; i <= 3; i++)
            {
                var sent = new OutboxMessage($"history-{c.Id}-{i}", c.Id, Channel.Email, "recall-email-30d-coupon", Start.AddDays(-i));
                sent.StartSending(version, Start.AddDays(-i).AddMinutes(1));
                sent.Sent($"provider-{i}", Start.AddDays(-i));
                db.OutboxMessages.Add(sent);
            }
        });

        var (_, result) = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contactExternalId = contact.ExternalId, startAt = Start.AddHours(1) });

        var messages = result["steps"]!.AsArray().Where(s => s!["message"] is not null).Select(s => s!["message"]!).ToList();
        Assert.Equal(("suppress", "frequency cap: 3 per 7 days"), (messages[0]["verdict"]!.GetValue<string>(), messages[0]["reason"]!.GetValue<string>()));
        Assert.Equal(("suppress", "address on the suppression list"), (messages[1]["verdict"]!.GetValue<string>(), messages[1]["reason"]!.GetValue<string>()));
        Assert.Equal("send", messages[2]["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task StoredContact_AlreadyInAJourneyOfTheWorkflow_IsKeptOutByTheEntryPolicy()
    {
        var contact = await AddContactAsync("sim-enrolled", (db, c) =>
        {
            var version = db.WorkflowVersions.Single(v => v.DefinitionId == "inactivity-recall" && v.Status == Core.Workflows.WorkflowVersionStatus.Published);
            db.Journeys.Add(new Core.Journeys.Journey(version.Id, "inactivity-recall", c.Id, "wait-to-15d", Start.AddDays(-2)));
        });

        var (_, result) = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contactExternalId = contact.ExternalId, startAt = Start });

        Assert.False(result["entry"]!["enters"]!.GetValue<bool>());
        Assert.Contains("already in a journey of this workflow", result["entry"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventWorkflow_RandomSplitIsDeterministicForTheContact_AndTheOperatorChoosesTheWait()
    {
        var contact = await AddContactAsync("sim-upsell");
        var request = (string wait) => new
        {
            definition = SimulationHost.Workflow("purchase-upsell.json"),
            contactExternalId = contact.ExternalId,
            startAt = Start.AddHours(1),
            triggerEvent = new { name = "purchase", category = "phones", amountMinor = 399900, currency = "CNY" },
            waits = new Dictionary<string, string> { ["wait-second-purchase"] = wait },
        };

        var (_, timedOut) = await host.SimulateAsync(request("TimedOut"));
        var steps = timedOut["steps"]!.AsArray();
        var wait = steps.Last(s => s!["activityId"]!.GetValue<string>() == "wait-second-purchase")!;
        Assert.Equal("TimedOut", wait["outcome"]!.GetValue<string>());
        Assert.Equal(Start.AddHours(1).AddDays(1), wait["at"]!.GetValue<DateTime>().ToUniversalTime());
        var split = steps.Single(s => s!["activityId"]!.GetValue<string>() == "copy-test")!;
        var bucket = Core.Journeys.ActivityExecutor.Bucket("purchase-upsell", "copy-test", contact.Id);
        Assert.Equal(bucket < 50 ? "A" : "B", split["outcome"]!.GetValue<string>());
        Assert.Contains("deterministic", split["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var (_, received) = await host.SimulateAsync(request("Received"));
        var outcomes = received["steps"]!.AsArray().Select(s => $"{s!["activityId"]}:{s["outcome"]}").ToList();
        Assert.Contains("wait-second-purchase:Received", outcomes);
        Assert.DoesNotContain(outcomes, o => o.StartsWith("copy-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateContactAndWebhook_AreShown_ButNeitherWrittenNorCalled()
    {
        var contact = await AddContactAsync("sim-actions");
        var definition = JsonNode.Parse("""
            {
              "definitionId": "sim-actions", "name": "Actions", "version": 1,
              "root": {
                "activities": [
                  { "id": "api", "type": "ApiTrigger" },
                  { "id": "tag", "type": "UpdateContact", "addTags": ["simulated"] },
                  { "id": "hook", "type": "Webhook", "url": "http://127.0.0.1:9/never-called", "payload": { "source": "test" } }
                ],
                "connections": [
                  { "source": { "activity": "api", "port": "Done" }, "target": { "activity": "tag", "port": "In" } },
                  { "source": { "activity": "tag", "port": "Done" }, "target": { "activity": "hook", "port": "In" } }
                ]
              }
            }
            """);
        var before = await CountsAsync();

        var (status, result) = await host.SimulateAsync(new { definition, contactExternalId = contact.ExternalId, startAt = Start });

        Assert.Equal(HttpStatusCode.OK, status);
        var webhook = result["steps"]!.AsArray().Single(s => s!["activityId"]!.GetValue<string>() == "hook")!["webhook"]!;
        Assert.Equal("http://127.0.0.1:9/never-called", webhook["url"]!.GetValue<string>());
        Assert.Equal("test", webhook["body"]!["payload"]!["source"]!.GetValue<string>());
        Assert.Equal(before, await CountsAsync());
        await using var db = Db();
        Assert.DoesNotContain("simulated", (await db.Contacts.SingleAsync(c => c.ExternalId == "sim-actions")).Tags);
    }
}
