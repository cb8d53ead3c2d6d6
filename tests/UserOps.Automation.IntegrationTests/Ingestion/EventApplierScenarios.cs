using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.IntegrationTests.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

/// <summary>The accept-then-apply split (ADR 0009) on the service and its applier, run on each provider by the provider's test class.</summary>
internal static class EventApplierScenarios
{
    private static readonly DateTime Now = new(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc);

    public static async Task Accepted_IsStoredAtOnce_AndAppliedByTheNextRoundAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database, new ContactBuilder("late", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var away = await harness.AddSegmentAsync("away", "inactive-7d");
        await new Infrastructure.Segments.SegmentRefresher(database.Factory, SegmentRefreshScenarios.Rules, harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Infrastructure.Segments.SegmentRefresher>.Instance).RefreshAllAsync(CancellationToken.None);

        var result = await harness.Service.IngestAsync([], [Visit("late", "a-1", Now.AddMinutes(-1))], IngestionDurability.Accepted, CancellationToken.None);

        Assert.Equal(ItemStatus.Accepted, Assert.Single(result.Events).Status);
        Assert.Equal((1, 0), (await EventsAsync(database, "a-1"), (await ContactAsync(database, "late")).VisitCount));
        Assert.Equal(1, (await harness.Applier.BacklogAsync(CancellationToken.None)).Pending);
        Assert.Null(Assert.Single(await harness.StaysAsync(away, "late")).LeftAt);

        await harness.Applier.DrainAsync(CancellationToken.None);

        Assert.Equal((1, Now.AddMinutes(-1)), ((await ContactAsync(database, "late")).VisitCount, (await ContactAsync(database, "late")).LastActiveAt));
        Assert.Equal(Now, Assert.Single(await harness.StaysAsync(away, "late")).LeftAt);
        Assert.Equal(0, (await harness.Applier.BacklogAsync(CancellationToken.None)).Pending);
    }

    public static async Task Round_KilledBeforeCommit_AppliesNothing_AndTheNextRoundAppliesEachEventOnceAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database, new ContactBuilder("crash", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).WithTotals(visits: 4, purchases: 0, spendMinor: 0).Build());
        var back = await harness.AddSegmentAsync("back", "active-again");
        await harness.Service.IngestAsync([], [Visit("crash", "k-1"), Visit("crash", "k-2")], IngestionDurability.Accepted, CancellationToken.None);
        harness.Observer.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Applier.ApplyRoundAsync(CancellationToken.None));

        // The round wrote facts and a stay before it died: all of it rolled back, the queue rows are still there.
        Assert.Equal(4, (await ContactAsync(database, "crash")).VisitCount);
        Assert.Empty(await harness.StaysAsync(back, "crash"));
        Assert.Equal(2, (await harness.Applier.BacklogAsync(CancellationToken.None)).Pending);

        await harness.Applier.DrainAsync(CancellationToken.None);

        Assert.Equal(6, (await ContactAsync(database, "crash")).VisitCount);
        Assert.Null(Assert.Single(await harness.StaysAsync(back, "crash")).LeftAt);
        Assert.Equal(["k-1", "k-2"], harness.Observer.Events.Select(e => e.MessageId));
    }

    public static async Task TwoAppliers_OnOneDatabase_ApplyEveryEventExactlyOnceAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now, applyBatchSize: 7);
        var contacts = Enumerable.Range(1, 5).Select(i => new ContactBuilder($"two-{i}", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build()).ToArray();
        await SegmentRefreshScenarios.AddAsync(database, contacts);
        var events = Enumerable.Range(0, 120).Select(i => Visit($"two-{i % 5 + 1}", $"t-{i}", Now.AddMinutes(-120 + i))).ToList();
        foreach (var chunk in events.Chunk(10))
        {
            await harness.Service.IngestAsync([], chunk, IngestionDurability.Accepted, CancellationToken.None);
        }

        var otherObserver = new IngestionHarness.RecordingObserver();
        using var other = harness.SecondApplier(otherObserver);

        await Task.WhenAll(Task.Run(() => harness.Applier.DrainAsync(CancellationToken.None)), Task.Run(() => other.DrainAsync(CancellationToken.None)));

        for (var i = 1; i <= 5; i++)
        {
            var contact = await ContactAsync(database, $"two-{i}");
            Assert.Equal((24, Now.AddMinutes(-120 + 115 + i - 1)), (contact.VisitCount, contact.LastActiveAt));
        }

        var told = harness.Observer.Events.Concat(otherObserver.Events).Select(e => e.MessageId!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(events.Select(e => e.MessageId!).Order(StringComparer.Ordinal), told);
        Assert.Equal(0, (await harness.Applier.BacklogAsync(CancellationToken.None)).Pending);
    }

    public static async Task SameMessageId_FromConcurrentRequests_IsStoredAndCountedOnceAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database, new ContactBuilder("dup", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var batch = Enumerable.Range(0, 50).Select(i => Visit("dup", $"d-{i}", Now.AddMinutes(-i))).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => harness.Service.IngestAsync([], batch, IngestionDurability.Accepted, CancellationToken.None))));
        var again = await harness.Service.RecordEventsAsync(batch.Take(1).ToList(), CancellationToken.None);
        await harness.Applier.DrainAsync(CancellationToken.None);

        // Every messageId is accepted by exactly one of the four requests; the others (and a later delivery) call it a duplicate.
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.Equal(1, results.Count(r => r.Events[i].Status == ItemStatus.Accepted));
            Assert.Equal(3, results.Count(r => r.Events[i].Status == ItemStatus.Duplicate));
        }

        Assert.Equal(ItemStatus.Duplicate, Assert.Single(again.Events).Status);
        await using var db = database.CreateDbContext();
        Assert.Equal(50, await db.Events.CountAsync(e => e.MessageId!.StartsWith("d-")));
        Assert.Equal(50, (await ContactAsync(database, "dup")).VisitCount);
    }

    public static async Task LateEvents_InLaterRounds_NeverMoveFactsBackAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database, new ContactBuilder("order", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var latest = Now.AddMinutes(-5);

        await harness.Service.RecordEventsAsync([Visit("order", "o-1", latest)], CancellationToken.None);
        await harness.Service.RecordEventsAsync([Visit("order", "o-2", Now.AddDays(-3))], CancellationToken.None);
        await harness.Service.IngestAsync([], [Visit("order", "o-3", Now.AddDays(-2)), Visit("order", "o-4", Now.AddHours(-1))], IngestionDurability.Accepted, CancellationToken.None);
        await harness.Applier.DrainAsync(CancellationToken.None);

        var contact = await ContactAsync(database, "order");
        Assert.Equal((4, latest), (contact.VisitCount, contact.LastActiveAt));
    }

    /// <summary>Events carry no foreign key (ADR 0018): the round deletes the events of a contact erased after they were accepted.</summary>
    public static async Task EventsOfAContactErasedBeforeTheRound_AreDeleted_AndOthersAppliedAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database,
            new ContactBuilder("gone", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build(),
            new ContactBuilder("kept", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        await harness.Service.IngestAsync([], [Visit("gone", "e-1"), Visit("kept", "e-2"), Visit("gone", "e-3")], IngestionDurability.Accepted, CancellationToken.None);
        await using (var db = database.CreateDbContext())
        {
            Assert.True(await Infrastructure.Journeys.ContactErasure.EraseAsync(db, "gone", CancellationToken.None));
        }

        // What an erasure racing the accept path leaves behind: the erased contact's events stored after its delete.
        await using (var db = database.CreateDbContext())
        {
            var goneId = await db.Set<PendingEvent>().Where(p => p.EventId != null).OrderBy(p => p.Id).Select(p => p.ContactId).FirstAsync();
            db.Events.AddRange(new Core.Events.ContactEvent(goneId, "visit", Now, Now) { MessageId = "e-late" });
            await db.SaveChangesAsync();
            db.Set<PendingEvent>().Add(new PendingEvent(goneId, (await db.Events.SingleAsync(e => e.MessageId == "e-late")).Id, Now));
            await db.SaveChangesAsync();
        }

        await harness.Applier.DrainAsync(CancellationToken.None);

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["e-2"], await db.Events.Where(e => e.MessageId!.StartsWith("e-")).Select(e => e.MessageId!).ToListAsync());
        }

        Assert.Equal(1, (await ContactAsync(database, "kept")).VisitCount);
        Assert.Equal(["e-2"], harness.Observer.Events.Select(e => e.MessageId));
        Assert.Equal(0, (await harness.Applier.BacklogAsync(CancellationToken.None)).Pending);
    }

    /// <summary>
    /// A round moves only contacts whose rule results its events changed (ADR 0022). "drift" meets inactive-7d but has no
    /// stay (the segment was added after the last refresh): a late visit changes no rule result, so its stays are left to
    /// the next refresh; "back" is reactivated by its visit, so it enters active-again and leaves inactive-7d in the round.
    /// </summary>
    public static async Task Round_MovesOnlyContactsWhoseRuleResultsChanged_AndLeavesTheRestToTheRefreshAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database,
            new ContactBuilder("drift", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build(),
            new ContactBuilder("back", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var away = await harness.AddSegmentAsync("away", "inactive-7d");
        var again = await harness.AddSegmentAsync("again", "active-again");

        await harness.Service.RecordEventsAsync([Visit("drift", "d-1", Now.AddDays(-20)), Visit("back", "d-2", Now.AddMinutes(-1))], CancellationToken.None);

        var drift = await ContactAsync(database, "drift");
        Assert.Equal((1, Now.AddDays(-10)), (drift.VisitCount, drift.LastActiveAt));
        Assert.Empty(await harness.StaysAsync(away, "drift"));
        Assert.Empty(await harness.StaysAsync(again, "drift"));
        Assert.Empty(await harness.StaysAsync(away, "back"));
        Assert.Equal(Now, Assert.Single(await harness.StaysAsync(again, "back")).EnteredAt);

        await new Infrastructure.Segments.SegmentRefresher(database.Factory, SegmentRefreshScenarios.Rules, harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Infrastructure.Segments.SegmentRefresher>.Instance).RefreshAllAsync(CancellationToken.None);

        Assert.Null(Assert.Single(await harness.StaysAsync(away, "drift")).LeftAt);
    }

    /// <summary>
    /// A round opens and closes only the stays whose rule results its events changed (ADR 0026), without reading the open
    /// stays: a segment the contact drifted into by time alone is left to the refresh, even for a contact the round moves.
    /// </summary>
    public static async Task Round_MovesOnlySegmentsWhoseRuleResultsChanged_AndLeavesTheOthersToTheRefreshAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database, new ContactBuilder("pair", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var away = await harness.AddSegmentAsync("away", "inactive-7d");
        var phones = await harness.AddSegmentAsync("phones", "interest-phones");

        // No refresh since "pair" went 7 days without a visit: its "away" stay is not open. A late search (older than its
        // last activity) makes it interested in phones and leaves its inactivity as it was.
        await harness.Service.RecordEventsAsync(
            [new EventInput { ExternalId = "pair", Name = "search", Timestamp = Now.AddDays(-12), MessageId = "s-1", Properties = new System.Text.Json.Nodes.JsonObject { ["category"] = "phones" } }],
            CancellationToken.None);

        Assert.Equal(Now, Assert.Single(await harness.StaysAsync(phones, "pair")).EnteredAt);
        Assert.Empty(await harness.StaysAsync(away, "pair"));

        await new Infrastructure.Segments.SegmentRefresher(database.Factory, SegmentRefreshScenarios.Rules, harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Infrastructure.Segments.SegmentRefresher>.Instance).RefreshAllAsync(CancellationToken.None);

        Assert.Null(Assert.Single(await harness.StaysAsync(away, "pair")).LeftAt);
        Assert.Equal(Now, Assert.Single(await harness.StaysAsync(phones, "pair")).EnteredAt);
    }

    /// <summary>A contact first met through an event has no stays yet: its round evaluates it whole, although its events change no rule result.</summary>
    public static async Task ContactFirstMetThroughAnEvent_EntersItsSegments_InTheRoundAsync(TestDatabase database)
    {
        using var harness = new IngestionHarness(database, Now);
        var signups = await harness.AddSegmentAsync("signups", "new-signups-7d");

        await harness.Service.IngestAsync([], [Visit("fresh", "f-1", Now.AddHours(-1))], IngestionDurability.Accepted, CancellationToken.None);
        await harness.Applier.DrainAsync(CancellationToken.None);

        Assert.Equal(Now, Assert.Single(await harness.StaysAsync(signups, "fresh")).EnteredAt);
        Assert.Equal(1, (await ContactAsync(database, "fresh")).VisitCount);
        Assert.Equal(0, (await harness.Applier.BacklogAsync(CancellationToken.None)).Pending);
    }

    private static async Task<Core.Contacts.Contact> ContactAsync(TestDatabase database, string externalId)
    {
        await using var db = database.CreateDbContext();
        return await db.Contacts.AsNoTracking().SingleAsync(c => c.ExternalId == externalId);
    }

    private static async Task<int> EventsAsync(TestDatabase database, string messageId)
    {
        await using var db = database.CreateDbContext();
        return await db.Events.CountAsync(e => e.MessageId == messageId);
    }

    private static EventInput Visit(string externalId, string messageId, DateTime? at = null) =>
        new() { ExternalId = externalId, Name = "visit", Timestamp = at ?? Now, MessageId = messageId };
}
