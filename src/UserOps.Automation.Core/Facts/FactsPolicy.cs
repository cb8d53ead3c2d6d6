using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Facts;

/// <summary>
/// How events become facts: which events are activity, visits and purchases, the window of the
/// windowed counters, the lifecycle thresholds and the current RFM breakpoints.
/// </summary>
public sealed record FactsPolicy
{
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Events that do not mean the contact was active (e.g. an email open). Every other event does.</summary>
    public IReadOnlySet<string> PassiveEvents { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> VisitEvents { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "visit", "app_open", "Application Opened", "page_viewed", "screen_viewed" };

    public IReadOnlySet<string> PurchaseEvents { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "purchase", "Order Completed" };

    public LifecyclePolicy Lifecycle { get; init; } = new();

    public RfmThresholds Rfm { get; init; } = RfmThresholds.Unscored;

    public bool IsActivity(string eventName) => !PassiveEvents.Contains(eventName);

    public bool IsVisit(string eventName) => VisitEvents.Contains(eventName);

    public bool IsPurchase(string eventName) => PurchaseEvents.Contains(eventName);

    public LifecycleStage StageOf(Contact contact, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Lifecycle.StageOf(
            DaysBetween(contact.LastActiveAt, now),
            contact.VisitCount,
            contact.VisitsInWindow,
            contact.PurchaseCount,
            contact.PurchasesInWindow);
    }

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="now"/>, rounded down: the meaning of every "days since" fact.</summary>
    public static int DaysBetween(DateTime from, DateTime now) => (int)Math.Floor((now - from).TotalDays);
}
