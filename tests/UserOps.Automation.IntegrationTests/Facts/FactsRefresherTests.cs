using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.IntegrationTests.TestSupport;

namespace UserOps.Automation.IntegrationTests.Facts;

public sealed class FactsRefresherTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Refresh_StoresWhatRecomputingFromEventsGives_AsTheClockMoves100Days()
    {
        await using var store = await SqliteTestStore.CreateAsync(Start, s => s.Configure<FactsOptions>(o =>
        {
            o.PassiveEvents = ["email_opened"];
            o.VisitEvents = ["visit", "app_open"];
        }));
        var policy = FactsOracle.Policy(store.Services.GetRequiredService<IOptions<FactsOptions>>().Value);
        await SeedAsync(store, policy, contacts: 80);
        var refresher = store.Services.GetRequiredService<FactsRefresher>();

        var observed = new List<Dictionary<long, ExpectedFacts>>();
        foreach (var day in new[] { 0, 10, 35, 100 })
        {
            store.Time.SetUtcNow(Start.AddDays(day));
            var now = store.Time.GetUtcNow().UtcDateTime;
            await refresher.RefreshAsync(CancellationToken.None);

            await using var db = await store.OpenAsync();
            var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            var events = await db.Events.AsNoTracking().ToListAsync();
            var (rfm, expected) = FactsOracle.Compute(contacts, events, policy, now);

            foreach (var contact in contacts)
            {
                Assert.Equal((contact.ExternalId, day, expected[contact.Id]), (contact.ExternalId, day, FactsOracle.Stored(contact)));
            }

            var stored = RfmThresholdsSetting.Deserialize((await db.Settings.SingleAsync(s => s.Key == RfmThresholdsSetting.Key)).Value);
            Assert.Equal(rfm.RecencyDays, stored.RecencyDays);
            Assert.Equal(rfm.Frequency, stored.Frequency);
            Assert.Equal(rfm.Monetary, stored.Monetary);
            observed.Add(expected);
        }

        // The 100 days must have changed things, or the comparison above proved little.
        var (first, last) = (observed[0], observed[^1]);
        Assert.Contains(first.Keys, id => last[id].PurchasesInWindow < first[id].PurchasesInWindow);
        Assert.Contains(first.Keys, id => first[id].Lifecycle != LifecycleStage.Churned && last[id].Lifecycle == LifecycleStage.Churned);
        Assert.Contains(first.Values, f => f.Lifecycle == LifecycleStage.Loyal);
        Assert.Contains(first.Values, f => f.RecencyScore == 5);
        Assert.Contains(first.Values, f => f.Lifecycle == LifecycleStage.Contact);
        Assert.Contains(first.Values, f => f.Lifecycle == LifecycleStage.Habit);
    }

    [Fact]
    public async Task Refresh_CountsAnEventOnTheWindowEdgeOut_AndMatchesNamesIgnoringCase()
    {
        await using var store = await SqliteTestStore.CreateAsync(Start);
        var now = Start.UtcDateTime;
        var policy = new FactsOptions().ToPolicy(RfmThresholds.Unscored);
        long id;
        await using (var db = await store.OpenAsync())
        {
            var contact = new Contact("edge", now.AddDays(-200));
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            id = contact.Id;
            db.Events.AddRange(
                Purchase(id, now - policy.Window, 1_000),
                Purchase(id, now - policy.Window + TimeSpan.FromTicks(1), 2_000, "Order Completed"),
                Purchase(id, now.AddDays(-1), 4_000, "PURCHASE"));
            await db.SaveChangesAsync();
        }

        await store.Services.GetRequiredService<FactsRefresher>().RefreshAsync(CancellationToken.None);

        await using var check = await store.OpenAsync();
        var stored = await check.Contacts.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal((2, 6_000L), (stored.PurchasesInWindow, stored.SpendInWindowMinor));
    }

    private static ContactEvent Purchase(long contactId, DateTime at, long amount, string name = EventNames.Purchase) =>
        new(contactId, name, at, at) { AmountMinor = amount, Currency = "USD" };

    /// <summary>Contacts of every rhythm (never active, occasional, regular, heavy buyers, browsers who never buy) with histories ending up to 60 days before the start, folded in as ingestion would.</summary>
    private static async Task SeedAsync(SqliteTestStore store, FactsPolicy policy, int contacts)
    {
        var random = new Random(7);
        var start = Start.UtcDateTime;
        string[] names = ["visit", "Visit", "app_open", "purchase", "Order Completed", "search", "email_opened", "check_in"];
        string[] browsing = ["visit", "app_open", "search"];
        await using var db = await store.OpenAsync();
        var histories = new List<(Contact Contact, List<ContactEvent> Events)>();
        for (var i = 0; i < contacts; i++)
        {
            var rhythm = random.Next(5);
            var contact = new Contact($"facts-{i:D3}", start.AddDays(rhythm == 0 ? -random.Next(20) : -160 - random.Next(40)));
            var count = rhythm switch { 0 => 0, 1 => random.Next(1, 5), 2 => random.Next(5, 20), _ => random.Next(20, 60) };
            var vocabulary = rhythm == 4 ? browsing : names;
            var lastDay = random.Next(-60, 1);
            var events = Enumerable.Range(0, count)
                .Select(_ =>
                {
                    var at = start.AddDays(lastDay - random.Next(0, 120)).AddSeconds(random.Next(86_400)).AddTicks(random.Next(10_000_000));
                    var name = vocabulary[random.Next(vocabulary.Length)];
                    return new ContactEvent(0, name, at, at) { AmountMinor = policy.IsPurchase(name) ? random.Next(100, 90_000) : null };
                })
                .Where(e => e.Timestamp <= start)
                .OrderBy(e => e.Timestamp)
                .ToList();
            foreach (var e in events)
            {
                contact.Apply(e, policy, start);
            }

            histories.Add((contact, events));
        }

        db.Contacts.AddRange(histories.Select(h => h.Contact));
        await db.SaveChangesAsync();
        foreach (var (contact, events) in histories)
        {
            events.ForEach(e => e.ContactId = contact.Id);
            db.Events.AddRange(events);
        }

        await db.SaveChangesAsync();
    }
}
