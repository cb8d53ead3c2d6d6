using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Scheduling;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.IntegrationTests.TestSupport;

namespace UserOps.Automation.IntegrationTests.Scheduling;

/// <summary>The jobs' logic, run directly on a fake clock; Quartz's firing is not waited for.</summary>
public sealed class RefreshJobTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FactsJob_RefreshesFactsThenSegments_AtTheInjectedTime()
    {
        await using var store = await SqliteTestStore.CreateAsync(Start);
        await ShippedSegments.SeedAsync(store);
        var contactId = await AddBuyerAsync(store, purchasedAt: Start.UtcDateTime.AddDays(-1));
        store.Time.Advance(TimeSpan.FromDays(40));

        await Job<FactsRefreshJob>(store).RunAsync(CancellationToken.None);

        await using var db = await store.OpenAsync();
        var now = Start.UtcDateTime.AddDays(40);
        var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contactId);
        Assert.Equal((LifecycleStage.Churned, 1), (contact.Lifecycle, contact.PurchasesInWindow));
        Assert.Equal(now, (await db.Settings.SingleAsync(s => s.Key == RfmThresholdsSetting.Key)).UpdatedAt);
        var churned = await db.Segments.SingleAsync(s => s.Key == "lifecycle-churned");
        Assert.Equal(now, churned.LastRefreshedAt);
        Assert.True(await db.SegmentMemberships.AnyAsync(m => m.SegmentId == churned.Id && m.ContactId == contactId));
    }

    [Fact]
    public async Task SegmentJob_StandsDown_OnATickTheFactsRefreshAlsoHas()
    {
        await using var store = await SqliteTestStore.CreateAsync(Start);
        await ShippedSegments.SeedAsync(store);
        await AddBuyerAsync(store, purchasedAt: Start.UtcDateTime.AddDays(-10));
        var job = Job<SegmentRefreshJob>(store);

        // Facts run hourly by default: 08:00 belongs to them, 08:15 to the segment job.
        Assert.False(await job.RunAsync(Start, CancellationToken.None));
        await using (var db = await store.OpenAsync())
        {
            Assert.False(await db.Segments.AnyAsync(s => s.LastRefreshedAt != null));
        }

        store.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await job.RunAsync(Start.AddMinutes(15), CancellationToken.None));
        await using (var db = await store.OpenAsync())
        {
            var inactive = await db.Segments.SingleAsync(s => s.Key == "inactive-7d");
            Assert.Equal((Start.UtcDateTime.AddMinutes(15), 1), (inactive.LastRefreshedAt, inactive.MemberCount));
        }
    }

    [Theory]
    [InlineData("0 0 * * * ?", "2025-06-01T08:00:00Z", true)]
    [InlineData("0 0 * * * ?", "2025-06-01T08:15:00Z", false)]
    [InlineData("0 30 2 * * ?", "2025-06-01T02:30:00Z", true)]
    [InlineData("0 30 2 * * ?", "2025-06-01T03:30:00Z", false)]
    public void FactsRefreshIsDueAt_ReadsTheFactsCronInUtc(string cron, string at, bool due) =>
        Assert.Equal(due, SegmentRefreshJob.FactsRefreshIsDueAt(cron, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    private static T Job<T>(SqliteTestStore store)
        where T : class =>
        typeof(T) == typeof(FactsRefreshJob)
            ? (T)(object)new FactsRefreshJob(store.Services.GetRequiredService<FactsRefresher>(), store.Services.GetRequiredService<SegmentRefresher>())
            : (T)(object)new SegmentRefreshJob(
                store.Services.GetRequiredService<SegmentRefresher>(),
                store.Services.GetRequiredService<IOptions<FactsOptions>>(),
                NullLogger<SegmentRefreshJob>.Instance);

    private static async Task<long> AddBuyerAsync(SqliteTestStore store, DateTime purchasedAt)
    {
        var now = store.Time.GetUtcNow().UtcDateTime;
        var policy = new FactsOptions().ToPolicy(RfmThresholds.Unscored);
        await using var db = await store.OpenAsync();
        var contact = new Contact("job-buyer", now.AddDays(-60));
        var purchase = new ContactEvent(0, EventNames.Purchase, purchasedAt, purchasedAt) { AmountMinor = 12_000 };
        contact.Apply(purchase, policy, now);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        purchase.ContactId = contact.Id;
        db.Events.Add(purchase);
        await db.SaveChangesAsync();
        return contact.Id;
    }
}
