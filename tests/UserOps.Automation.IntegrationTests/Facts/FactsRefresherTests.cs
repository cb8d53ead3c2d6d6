using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.IntegrationTests.TestSupport;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Facts;

public sealed class FactsRefresherTests
{
    internal static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Refresh_StoresWhatRecomputingFromEventsGives_AsTheClockMoves100Days()
    {
        await using var store = await SqliteTestStore.CreateAsync(Start, s => s.Configure<FactsOptions>(o =>
        {
            o.PassiveEvents = ["email_opened"];
            o.VisitEvents = ["visit", "app_open"];
        }));
        var policy = FactsOracle.Policy(store.Services.GetRequiredService<IOptions<FactsOptions>>().Value);
        await HundredDaysAsync(store.OpenAsync, store.Services.GetRequiredService<FactsRefresher>(), store.Time, policy);
    }

    /// <summary>Facts stored by the refresher against the oracle's recomputation from the events, four times over 100 days.</summary>
    internal static async Task HundredDaysAsync(Func<Task<AutomationDb>> open, FactsRefresher refresher, FakeTimeProvider time, FactsPolicy policy)
    {
        await SeedAsync(open, policy, contacts: 80);
        var observed = new List<Dictionary<long, ExpectedFacts>>();
        foreach (var day in new[] { 0, 10, 35, 100 })
        {
            time.SetUtcNow(Start.AddDays(day));
            var now = time.GetUtcNow().UtcDateTime;
            await refresher.RefreshAsync(CancellationToken.None);

            await using var db = await open();
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
    internal static async Task SeedAsync(Func<Task<AutomationDb>> open, FactsPolicy policy, int contacts)
    {
        var random = new Random(7);
        var start = Start.UtcDateTime;
        string[] names = ["visit", "Visit", "app_open", "purchase", "Order Completed", "search", "email_opened", "check_in"];
        string[] browsing = ["visit", "app_open", "search"];
        await using var db = await open();
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

/// <summary>
/// The same oracle on PostgreSQL: the recount's correlated subqueries, the statistics refreshed before them, and the
/// rescore, as the host runs them there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFactsRefresherTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Refresh_StoresWhatRecomputingFromEventsGives_AsTheClockMoves100Days()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        var options = new FactsOptions { PassiveEvents = ["email_opened"], VisitEvents = ["visit", "app_open"] };
        var time = new FakeTimeProvider(FactsRefresherTests.Start);
        using var refresher = new FactsRefresher(database.Factory, Options.Create(options), time, NullLogger<FactsRefresher>.Instance);
        await FactsRefresherTests.HundredDaysAsync(
            () => Task.FromResult(database.CreateDbContext()), refresher, time, FactsOracle.Policy(options));
    }
}
