using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Events;

namespace UserOps.Automation.IntegrationTests.Journeys;

/// <summary>ADR 0014: a blast takes its audience from the segment's rule as of the firing and leaves the stays to the refresh cadence.</summary>
public sealed class BlastAudienceTests
{
    private static readonly DateTime Start = new(2027, 4, 30, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Fire_EnrolsWhoMatchesTheRuleAtTheFiring_NotTheLastRefreshsMembers_AndWritesNoStay()
    {
        await using var h = await EngineHarness.StartAsync(Start);
        var version = await h.PublishAsync("mayday-coupon-blast.json");
        foreach (var name in new[] { "old-a", "old-b", "buys-again" })
        {
            await AddLapsedBuyerAsync(h, name);
        }

        await h.Refresher.RefreshAsync("paying-lapsed-30d", default);
        var stays = await StaysAsync(h);
        Assert.Equal(3, stays.Count);

        // After the refresh: one member buys again (no longer matches), two lapsed buyers arrive (match, no stay yet).
        await h.TrackAsync("buys-again", "purchase", e => e.AmountMinor = 500);
        await AddLapsedBuyerAsync(h, "new-a");
        await AddLapsedBuyerAsync(h, "new-b");

        h.Clock.SetUtcNow(new DateTimeOffset(2027, 5, 1, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(4, await h.Engine.FireBlastAsync(version.Id, "2027-05-01T01:00Z", default));
        await h.Engine.SweepAsync("test-host", TimeSpan.FromMinutes(1), default);

        await using var db = h.DbFactory.CreateDbContext();
        var enrolled = await (from j in db.Journeys
                              join c in db.Contacts on j.ContactId equals c.Id
                              where j.DefinitionId == "mayday-coupon-blast"
                              orderby c.ExternalId
                              select c.ExternalId).ToListAsync();
        Assert.Equal(["new-a", "new-b", "old-a", "old-b"], enrolled);

        // The segment as operators see it is still the last refresh's: same stays, same member count, no refresh recorded.
        Assert.Equal(stays, await StaysAsync(h));
        var segment = await db.Segments.AsNoTracking().SingleAsync(s => s.Key == "paying-lapsed-30d");
        Assert.Equal(3, segment.MemberCount);
        Assert.Equal(1, await db.SegmentRefreshes.CountAsync(r => r.SegmentId == segment.Id));
    }

    private static Task<Core.Contacts.Contact> AddLapsedBuyerAsync(EngineHarness h, string name) =>
        h.AddContactAsync(name, Start.AddDays(-10), c =>
            c.Apply(new ContactEvent(0, "purchase", Start.AddDays(-40), Start.AddDays(-40)) { AmountMinor = 9900 }, h.Policy, Start.AddDays(-10)));

    private static async Task<List<(long Contact, DateTime Entered, DateTime? Left)>> StaysAsync(EngineHarness h)
    {
        await using var db = h.DbFactory.CreateDbContext();
        var segmentId = await db.Segments.Where(s => s.Key == "paying-lapsed-30d").Select(s => s.Id).SingleAsync();
        // Open stays and the closed history (ADR 0015): a blast's firing writes neither.
        var open = (await db.SegmentMemberships.AsNoTracking().Where(m => m.SegmentId == segmentId).ToListAsync())
            .Select(m => (m.ContactId, m.EnteredAt, (DateTime?)null));
        var closed = (await db.ClosedSegmentStays.AsNoTracking().Where(m => m.SegmentId == segmentId).ToListAsync())
            .Select(m => (m.ContactId, m.EnteredAt, (DateTime?)m.LeftAt));
        return [.. open.Concat(closed).OrderBy(s => s.ContactId).ThenBy(s => s.EnteredAt)];
    }
}
