using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Simulation;

/// <summary>Whom a trigger reaches now: a segment's rule counted live, an event's senders with or without a rule.</summary>
public sealed class AudienceEstimateTests(SimulationHost host) : IClassFixture<SimulationHost>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = host.Host.App.Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();
        if (await db.Contacts.AnyAsync(c => c.ExternalId.StartsWith("aud-")))
        {
            return;
        }

        // The host runs on the real clock: facts relative to now.
        var now = host.Host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddMinutes(-1);
        for (var i = 0; i < 5; i++)
        {
            var inactiveDays = i < 3 ? 10 : 1;
            var contact = new ContactBuilder($"aud-{i}", now.AddDays(-100)).ActiveAt(now.AddDays(-inactiveDays)).Build();
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            if (i % 2 == 0)
            {
                db.Events.Add(new ContactEvent(contact.Id, "purchase", now.AddDays(-inactiveDays), now) { Category = i == 0 ? "phones" : "shoes" });
            }
        }

        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonObject> EstimateAsync(object request)
    {
        using var response = await host.Http.PostAsJsonAsync("/api/workflows/audience", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Segment_CountsItsRuleOverTheContactsNow()
    {
        var estimate = await EstimateAsync(new { segment = "inactive-7d" });

        Assert.Equal(3, estimate["reaches"]!.GetValue<int>());
        Assert.Equal("segment", estimate["kind"]!.GetValue<string>());
        Assert.All(estimate["sample"]!.AsArray(), s => Assert.StartsWith("aud-", s!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_CountsRecentSenders_AndARuleOverTheEventIsJudgedOnTheEvents()
    {
        Assert.Equal(3, (await EstimateAsync(new { @event = "purchase" }))["reaches"]!.GetValue<int>());
        Assert.Equal(2, (await EstimateAsync(new { @event = "purchase", rule = "inactive-7d" }))["reaches"]!.GetValue<int>());

        var phones = await EstimateAsync(new { @event = "purchase", rule = "purchase-of-phones" });
        Assert.Equal(["aud-0"], phones["sample"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task RuleEditorEstimate_CountsAsTheTriggerEstimateDoes_ForANamedRuleAndADraftExpression()
    {
        var trigger = await EstimateAsync(new { segment = "inactive-7d" });

        foreach (var request in new object[] { new { rule = "inactive-7d" }, new { expression = "contact.DaysSinceLastActive >= 7" } })
        {
            using var response = await host.Http.PostAsJsonAsync("/api/rules/estimate", request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var estimate = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(trigger["reaches"]!.GetValue<int>(), estimate["matches"]!.GetValue<int>());
            Assert.Equal(["aud-0", "aud-1", "aud-2"], estimate["sample"]!.AsArray().Select(s => s!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task UnknownSegment_IsAProblem()
    {
        using var response = await host.Http.PostAsJsonAsync("/api/workflows/audience", new { segment = "no-such-segment" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
