namespace UserOps.Automation.Bench.Data;

/// <summary>
/// One generated contact with the facts its activity history left: last active spread over 60 days before the
/// scenario's start, about a third with purchases. Generated from the index alone, so every run (and every
/// database of a run) gets the same population without keeping it in memory.
/// </summary>
internal readonly record struct SyntheticContact(
    long Id, string ExternalId, string Email, string Phone, string Locale, DateTime CreatedAt, DateTime LastActiveAt,
    DateTime? LastPurchaseAt, int VisitCount, int PurchaseCount, long TotalSpendMinor, string Lifecycle)
{
    public static readonly DateTime Start = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="id">The contact's id (1-based); the rest follows from it.</param>
    /// <param name="inactiveOnly">Last active 7 to 60 days ago, so every contact is in <c>inactive-7d</c> (blast audiences).</param>
    public static SyntheticContact Create(long id, bool inactiveOnly = false)
    {
        var random = new Random(unchecked((int)(id * 2_654_435_761L)));
        var lastActive = inactiveOnly
            ? Start - TimeSpan.FromDays(7) - TimeSpan.FromSeconds(random.NextDouble() * 53 * 86_400)
            : Start - TimeSpan.FromSeconds(random.NextDouble() * 60 * 86_400);
        var created = lastActive - TimeSpan.FromSeconds(random.NextDouble() * 365 * 86_400);
        var buys = random.Next(3) == 0;
        var purchases = buys ? random.Next(1, 6) : 0;
        var lastPurchase = buys ? lastActive - TimeSpan.FromSeconds(random.NextDouble() * 10 * 86_400) : (DateTime?)null;
        var visits = random.Next(1, 40);
        var lifecycle = (Start - lastActive).TotalDays >= 30 ? "Churned" : buys ? "Paying" : "Use";
        return new SyntheticContact(id, $"c{id}", $"c{id}@example.com", $"+86138{id % 100_000_000:D8}", id % 4 == 0 ? "en" : "zh-CN",
            created, lastActive, lastPurchase, visits, purchases, purchases * 4_990L, lifecycle);
    }
}
