using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Facts;

namespace UserOps.Automation.IntegrationTests.Facts;

/// <summary>The facts of every contact recomputed in memory from its raw events, with the Core policies: what the SQL refresh must store.</summary>
internal static class FactsOracle
{
    private static readonly double[] Quintiles = [0.2, 0.4, 0.6, 0.8];

    public static (RfmThresholds Rfm, Dictionary<long, ExpectedFacts> Facts) Compute(
        IReadOnlyList<Contact> contacts, IReadOnlyList<ContactEvent> events, FactsPolicy policy, DateTime now)
    {
        var byContact = events.ToLookup(e => e.ContactId);
        var counted = contacts.ToDictionary(c => c.Id, c => Count(c, byContact[c.Id].ToList(), policy, now));

        var buyers = counted.Values.Where(f => f.PurchaseCount > 0).ToList();
        var rfm = buyers.Count == 0
            ? RfmThresholds.Unscored
            : new RfmThresholds(
                Cuts(buyers.Select(b => FactsPolicy.DaysBetween(b.LastPurchaseAt!.Value, now)).Order().ToList()),
                Cuts(buyers.Select(b => b.PurchasesInWindow).Order().ToList()),
                Cuts(buyers.Select(b => b.SpendInWindowMinor).Order().ToList()));

        var expected = counted.ToDictionary(kv => kv.Key, kv => kv.Value with
        {
            RecencyScore = rfm.RecencyScore(kv.Value.LastPurchaseAt, now),
            FrequencyScore = rfm.FrequencyScore(kv.Value.PurchaseCount > 0, kv.Value.PurchasesInWindow),
            MonetaryScore = rfm.MonetaryScore(kv.Value.PurchaseCount > 0, kv.Value.SpendInWindowMinor),
            Lifecycle = policy.Lifecycle.StageOf(
                FactsPolicy.DaysBetween(kv.Value.LastActiveAt, now), kv.Value.VisitCount, kv.Value.VisitsInWindow, kv.Value.PurchaseCount, kv.Value.PurchasesInWindow),
        });
        return (rfm, expected);
    }

    private static ExpectedFacts Count(Contact contact, List<ContactEvent> events, FactsPolicy policy, DateTime now)
    {
        var since = now - policy.Window;
        var visits = events.Where(e => policy.IsVisit(e.Name)).ToList();
        var purchases = events.Where(e => policy.IsPurchase(e.Name)).ToList();
        var activity = events.Where(e => policy.IsActivity(e.Name)).Select(e => e.Timestamp).Append(contact.CreatedAt);
        return new ExpectedFacts
        {
            LastActiveAt = activity.Max(),
            LastPurchaseAt = purchases.Count == 0 ? null : purchases.Max(e => e.Timestamp),
            VisitCount = visits.Count,
            PurchaseCount = purchases.Count,
            VisitsInWindow = visits.Count(e => e.Timestamp > since),
            PurchasesInWindow = purchases.Count(e => e.Timestamp > since),
            SpendInWindowMinor = purchases.Where(e => e.Timestamp > since).Sum(e => e.AmountMinor ?? 0),
        };
    }

    /// <summary>Nearest rank: the p-th quintile is the value at 0-based position ⌈p·n⌉ − 1 of the ascending values.</summary>
    private static List<T> Cuts<T>(List<T> ascending) =>
        [.. Quintiles.Select(p => ascending[Math.Max(0, (int)Math.Ceiling(p * ascending.Count) - 1)])];

    public static ExpectedFacts Stored(Contact c) => new()
    {
        LastActiveAt = c.LastActiveAt,
        LastPurchaseAt = c.LastPurchaseAt,
        VisitCount = c.VisitCount,
        PurchaseCount = c.PurchaseCount,
        VisitsInWindow = c.VisitsInWindow,
        PurchasesInWindow = c.PurchasesInWindow,
        SpendInWindowMinor = c.SpendInWindowMinor,
        RecencyScore = c.RecencyScore,
        FrequencyScore = c.FrequencyScore,
        MonetaryScore = c.MonetaryScore,
        Lifecycle = c.Lifecycle,
    };

    public static FactsPolicy Policy(FactsOptions options) => options.ToPolicy(RfmThresholds.Unscored);
}

internal sealed record ExpectedFacts
{
    public DateTime LastActiveAt { get; init; }
    public DateTime? LastPurchaseAt { get; init; }
    public int VisitCount { get; init; }
    public int PurchaseCount { get; init; }
    public int VisitsInWindow { get; init; }
    public int PurchasesInWindow { get; init; }
    public long SpendInWindowMinor { get; init; }
    public int RecencyScore { get; init; }
    public int FrequencyScore { get; init; }
    public int MonetaryScore { get; init; }
    public LifecycleStage Lifecycle { get; init; }
}
