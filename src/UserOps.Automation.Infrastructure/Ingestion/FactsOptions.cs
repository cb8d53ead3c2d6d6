using System.ComponentModel.DataAnnotations;
using UserOps.Automation.Core.Facts;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>Configuration of <see cref="FactsPolicy"/> (section <c>Facts</c>): which events count as what, the window, lifecycle thresholds.</summary>
public sealed class FactsOptions
{
    public const string SectionName = "Facts";

    private static readonly string[] DefaultVisitEvents = ["visit", "app_open", "Application Opened", "page_viewed", "screen_viewed"];
    private static readonly string[] DefaultPurchaseEvents = ["purchase", "Order Completed"];

    [Range(1, 3650)]
    public int WindowDays { get; set; } = 90;

    /// <summary>Events that do not make a contact active (e.g. <c>email_opened</c>).</summary>
    public List<string> PassiveEvents { get; set; } = [];

    // Empty by default and defaulted in ToPolicy: configuration binding appends to a list that already has items.

    /// <summary>Events that count as visits; empty means <c>visit, app_open, Application Opened, page_viewed, screen_viewed</c>.</summary>
    public List<string> VisitEvents { get; set; } = [];

    /// <summary>Events that count as purchases; empty means <c>purchase, Order Completed</c>.</summary>
    public List<string> PurchaseEvents { get; set; } = [];

    [Required]
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>The policy with the given RFM breakpoints (those come from the refresh job, not configuration).</summary>
    public FactsPolicy ToPolicy(RfmThresholds rfm) => new()
    {
        Window = TimeSpan.FromDays(WindowDays),
        PassiveEvents = new HashSet<string>(PassiveEvents, StringComparer.OrdinalIgnoreCase),
        VisitEvents = new HashSet<string>(VisitEvents.Count > 0 ? VisitEvents : DefaultVisitEvents, StringComparer.OrdinalIgnoreCase),
        PurchaseEvents = new HashSet<string>(PurchaseEvents.Count > 0 ? PurchaseEvents : DefaultPurchaseEvents, StringComparer.OrdinalIgnoreCase),
        Lifecycle = new LifecyclePolicy { ChurnAfterDays = Lifecycle.ChurnAfterDays, HabitVisits = Lifecycle.HabitVisits, LoyalPurchases = Lifecycle.LoyalPurchases },
        Rfm = rfm,
    };
}

/// <summary>Lifecycle thresholds (<c>Facts:Lifecycle</c>).</summary>
public sealed class LifecycleOptions
{
    [Range(1, 3650)]
    public int ChurnAfterDays { get; set; } = 30;

    [Range(1, 10_000)]
    public int HabitVisits { get; set; } = 8;

    [Range(1, 10_000)]
    public int LoyalPurchases { get; set; } = 3;
}
