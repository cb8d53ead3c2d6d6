using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.IntegrationTests.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

/// <summary>Ingestion scenarios on the service itself, run on each provider by the provider's test class.</summary>
internal static class IngestionScenarios
{
    private static readonly DateTime Now = new(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc);

    public static async Task Events_WhileARefreshOpensTheSameStay_AreStoredWithOneOpenStayAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database, new ContactBuilder("comeback", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var back = await harness.AddSegmentAsync("back", "active-again");
        await harness.RaceEveryStayOfSegmentAsync(back);

        var result = await harness.Service.RecordEventsAsync([Visit("comeback", "race-1")], CancellationToken.None);

        Assert.Equal(ItemStatus.Accepted, Assert.Single(result.Events).Status);
        var stays = await harness.StaysAsync(back, "comeback");
        Assert.Null(Assert.Single(stays).LeftAt);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Events.CountAsync(e => e.MessageId == "race-1"));
    }

    public static async Task Refresh_WhileIngestionOpensTheSameStay_CompletesWithOneOpenStayAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database,
            new ContactBuilder("here-1", Now.AddDays(-60)).ActiveAt(Now.AddDays(-1)).Build(),
            new ContactBuilder("here-2", Now.AddDays(-60)).ActiveAt(Now.AddDays(-2)).Build(),
            new ContactBuilder("gone", Now.AddDays(-60)).ActiveAt(Now.AddDays(-20)).Build());
        var back = await harness.AddSegmentAsync("back", "active-again");
        await harness.RaceEveryStayOfSegmentAsync(back);
        var refresher = new SegmentRefresher(database.Factory, SegmentRefreshScenarios.Rules, harness.Time, NullLogger<SegmentRefresher>.Instance);

        var result = await refresher.RefreshAsync("back", CancellationToken.None);

        // The stays were opened by the other writer: this refresh entered nobody, and both are members once.
        Assert.Equal((0, 0, 2), (result.Entered, result.Left, result.Members));
        Assert.Single(await harness.StaysAsync(back, "here-1"));
        Assert.Single(await harness.StaysAsync(back, "here-2"));
        Assert.Empty(await harness.StaysAsync(back, "gone"));
    }

    public static async Task Events_UpdateFactsAndStays_AndTellObserversTheStoredIdsAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database,
            new ContactBuilder("known", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).WithTotals(visits: 4, purchases: 0, spendMinor: 0).Build());
        var away = await harness.AddSegmentAsync("away", "inactive-7d");
        var back = await harness.AddSegmentAsync("back", "active-again");
        var phones = await harness.AddSegmentAsync("phones", "interest-phones");
        await new SegmentRefresher(database.Factory, SegmentRefreshScenarios.Rules, harness.Time, NullLogger<SegmentRefresher>.Instance)
            .RefreshAllAsync(CancellationToken.None);
        Assert.Null(Assert.Single(await harness.StaysAsync(away, "known")).LeftAt);

        var boughtAt = Now.AddHours(-1);
        var result = await harness.Service.RecordEventsAsync(
        [
            Visit("known", "m-1", Now.AddHours(-2)),
            new EventInput
            {
                ExternalId = "known", Name = "purchase", Timestamp = boughtAt, Amount = 49.99m, Currency = "USD", MessageId = "m-2",
                Properties = new JsonObject { ["category"] = "phones" },
            },
            Visit("fresh", "m-3", Now.AddDays(-3)),
            Visit("known", "m-1"),
        ], CancellationToken.None);
        var again = await harness.Service.RecordEventsAsync([Visit("known", "m-2")], CancellationToken.None);

        Assert.Equal([ItemStatus.Accepted, ItemStatus.Accepted, ItemStatus.Accepted, ItemStatus.Duplicate], result.Events.Select(e => e.Status));
        Assert.Equal(ItemStatus.Duplicate, Assert.Single(again.Events).Status);

        await using var db = database.CreateDbContext();
        var known = await db.Contacts.AsNoTracking().Include(c => c.Interests).SingleAsync(c => c.ExternalId == "known");
        Assert.Equal((5, 1, 4999L), (known.VisitCount, known.PurchaseCount, known.TotalSpendMinor));
        Assert.Equal((boughtAt, boughtAt), (known.LastActiveAt, known.LastPurchaseAt!.Value));
        Assert.Equal(LifecycleStage.Paying, known.Lifecycle);
        var interest = Assert.Single(known.Interests);
        Assert.Equal(("phones", 1, boughtAt), (interest.Category, interest.Count, interest.LastSeenAt));

        var fresh = await db.Contacts.AsNoTracking().SingleAsync(c => c.ExternalId == "fresh");
        Assert.Equal((Now.AddDays(-3), 1), (fresh.CreatedAt, fresh.VisitCount));

        Assert.Equal(Now, Assert.Single(await harness.StaysAsync(away, "known")).LeftAt);
        Assert.Null(Assert.Single(await harness.StaysAsync(back, "known")).LeftAt);
        Assert.Null(Assert.Single(await harness.StaysAsync(phones, "known")).LeftAt);
        Assert.Null(Assert.Single(await harness.StaysAsync(back, "fresh")).LeftAt);

        var stored = await db.Events.AsNoTracking().Where(e => e.MessageId!.StartsWith("m-")).ToDictionaryAsync(e => e.MessageId!, e => (e.Id, e.ContactId));
        // On PostgreSQL the rounds of contact partitions tell the observers side by side (ADR 0026): no order across contacts.
        Assert.Equal(["m-1", "m-2", "m-3"], harness.Observer.Events.Select(e => e.MessageId!).Order(StringComparer.Ordinal));
        Assert.All(harness.Observer.Events, e => Assert.Equal(stored[e.MessageId!], (e.Id, e.ContactId)));
    }

    private static EventInput Visit(string externalId, string messageId, DateTime? at = null) =>
        new() { ExternalId = externalId, Name = "visit", Timestamp = at ?? Now, MessageId = messageId };
}
