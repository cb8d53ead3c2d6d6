using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Segments;

/// <summary>The refresh scenarios, run on each provider by the provider's test class.</summary>
internal static class SegmentRefreshScenarios
{
    public static readonly DateTime Start = new(2025, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc);

    public static RuleCatalog Rules { get; } = RuleCatalog.Load(RepositoryRoot.Combine("rules"));

    public static SegmentRefresher Refresher(TestDatabase database, TimeProvider time) =>
        new(database.Factory, Rules, time, NullLogger<SegmentRefresher>.Instance);

    public static async Task EntersLeavesAndReentersAsync(TestDatabase database)
    {
        var time = new FakeTimeProvider(Start);
        var now = Start;
        await AddAsync(database,
            new ContactBuilder("away-8d", now.AddDays(-40)).ActiveAt(now.AddDays(-8)).Build(),
            new ContactBuilder("active-3d", now.AddDays(-40)).ActiveAt(now.AddDays(-3)).Build(),
            new ContactBuilder("almost-7d", now.AddDays(-40)).ActiveAt(now.AddDays(-7).AddHours(1)).Build(),
            new ContactBuilder("away-10d", now.AddDays(-40)).ActiveAt(now.AddDays(-10)).Build());
        await AddSegmentAsync(database, "away-a-week", "inactive-7d", now);
        var refresher = Refresher(database, time);

        var first = await refresher.RefreshAsync("away-a-week", CancellationToken.None);
        Assert.Equal((2, 0, 2), (first.Entered, first.Left, first.Members));
        Assert.Equal(["away-10d", "away-8d"], await OpenStaysAsync(database, "away-a-week"));

        // Two hours on, "almost-7d" crosses the 7-day line; "away-10d" comes back.
        time.Advance(TimeSpan.FromHours(2));
        var second = time.GetUtcNow().UtcDateTime;
        await SetLastActiveAsync(database, "away-10d", second.AddMinutes(-1));

        var result = await refresher.RefreshAsync("away-a-week", CancellationToken.None);
        Assert.Equal((1, 1, 2), (result.Entered, result.Left, result.Members));
        Assert.Equal(["almost-7d", "away-8d"], await OpenStaysAsync(database, "away-a-week"));
        var stays = await StaysOfAsync(database, "away-a-week", "away-10d");
        Assert.Equal(Start, Assert.Single(stays).EnteredAt);
        Assert.Equal(second, stays[0].LeftAt);

        // Eight days on everyone is away again: "away-10d" gets a new stay, the old one stays closed.
        time.Advance(TimeSpan.FromDays(8));
        var third = time.GetUtcNow().UtcDateTime;
        result = await refresher.RefreshAsync("away-a-week", CancellationToken.None);
        Assert.Equal((2, 0, 4), (result.Entered, result.Left, result.Members));
        stays = await StaysOfAsync(database, "away-a-week", "away-10d");
        Assert.Equal(2, stays.Count);
        Assert.Equal((Start, second), (stays[0].EnteredAt, stays[0].LeftAt!.Value));
        Assert.Equal(third, stays[1].EnteredAt);
        Assert.Null(stays[1].LeftAt);

        await using var db = database.CreateDbContext();
        var segment = await db.Segments.SingleAsync(s => s.Key == "away-a-week");
        Assert.Equal((third, 4), (segment.LastRefreshedAt!.Value, segment.MemberCount));
        var refreshes = await db.SegmentRefreshes.Where(r => r.SegmentId == segment.Id).OrderBy(r => r.At).ToListAsync();
        Assert.Equal(
            [(Start, 2, 0, 2), (second, 1, 1, 2), (third, 2, 0, 4)],
            refreshes.Select(r => (r.At, r.Entered, r.Left, r.Members)));
    }

    public static async Task ConcurrentRefreshes_NeverOpenTwoStaysAsync(TestDatabase database, int contacts)
    {
        var time = new FakeTimeProvider(Start);
        var now = Start;
        await AddAsync(database, [.. Enumerable.Range(0, contacts)
            .Select(i => new ContactBuilder($"crowd-{i:D5}", now.AddDays(-60)).ActiveAt(now.AddDays(-8).AddMinutes(-i)).Build())]);
        await AddSegmentAsync(database, "crowd-away", "inactive-7d", now);

        for (var round = 0; round < 3; round++)
        {
            // Each round: some come back, time moves, both hosts refresh at the same moment.
            await using (var db = database.CreateDbContext())
            {
                var comeBack = $"crowd-{round}";
                await db.Contacts.Where(c => c.ExternalId.StartsWith(comeBack))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActiveAt, time.GetUtcNow().UtcDateTime));
            }

            var results = await Task.WhenAll(
                Refresher(database, time).RefreshAsync("crowd-away", CancellationToken.None),
                Refresher(database, time).RefreshAsync("crowd-away", CancellationToken.None));

            await using var check = database.CreateDbContext();
            var expected = await check.Contacts.CountAsync(Rules.Get("inactive-7d").ToQuery(time.GetUtcNow().UtcDateTime));
            var open = await check.SegmentMemberships.GroupBy(m => m.ContactId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(expected, open.Count);
            Assert.All(open, n => Assert.Equal(1, n));
            Assert.Equal(expected, results.Max(r => r.Members));
            time.Advance(TimeSpan.FromDays(8));
        }
    }

    public static async Task AddAsync(TestDatabase database, params Contact[] contacts)
    {
        await using var db = database.CreateDbContext();
        db.Contacts.AddRange(contacts);
        await db.SaveChangesAsync();
    }

    public static async Task AddSegmentAsync(TestDatabase database, string key, string rule, DateTime now)
    {
        await using var db = database.CreateDbContext();
        db.Segments.Add(new Segment(key, key, rule, now));
        await db.SaveChangesAsync();
    }

    private static async Task SetLastActiveAsync(TestDatabase database, string externalId, DateTime at)
    {
        await using var db = database.CreateDbContext();
        await db.Contacts.Where(c => c.ExternalId == externalId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActiveAt, at));
    }

    private static async Task<List<string>> OpenStaysAsync(TestDatabase database, string segmentKey)
    {
        await using var db = database.CreateDbContext();
        var segmentId = await db.Segments.Where(s => s.Key == segmentKey).Select(s => s.Id).SingleAsync();
        var ids = await db.SegmentMemberships.Where(m => m.SegmentId == segmentId)
            .Join(db.Contacts, m => m.ContactId, c => c.Id, (m, c) => c.ExternalId).ToListAsync();
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<Stay>> StaysOfAsync(TestDatabase database, string segmentKey, string externalId)
    {
        await using var db = database.CreateDbContext();
        var segmentId = await db.Segments.Where(s => s.Key == segmentKey).Select(s => s.Id).SingleAsync();
        var contactId = await db.Contacts.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync();
        return await Stays.OfAsync(db, segmentId, contactId);
    }
}
