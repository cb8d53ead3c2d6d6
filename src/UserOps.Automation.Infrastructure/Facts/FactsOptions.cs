using System.ComponentModel.DataAnnotations;
using UserOps.Automation.Core.Facts;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// How events become facts (<c>Facts</c> section). Event lists left unset keep <see cref="FactsPolicy"/>'s
/// defaults: the configuration binder appends to a pre-filled list instead of replacing it.
/// </summary>
public sealed class FactsOptions
{
    public const string SectionName = "Facts";

    /// <summary>Length of the window of the windowed counters (visits, purchases, spend), in days.</summary>
    [Range(1, 3650)]
    public int WindowDays { get; set; } = 90;

    /// <summary>Events that do not mean the contact was active (e.g. <c>email_opened</c>).</summary>
    public IList<string>? PassiveEvents { get; set; }

    /// <summary>Events counted as visits.</summary>
    public IList<string>? VisitEvents { get; set; }

    /// <summary>Events counted as purchases; their amount is the spend.</summary>
    public IList<string>? PurchaseEvents { get; set; }

    public FactsLifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>
    /// Contacts per transaction of the facts refresh (ADR 0027): the applier (event ingestion) waits for one chunk at
    /// most, so this bounds its pause; smaller chunks pause it less, at more round trips per refresh.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RefreshChunkSize { get; set; } = 5_000;

    /// <summary>Quartz cron (with seconds) of the facts refresh: window counters, RFM breakpoints and scores, lifecycle.</summary>
    [Required]
    public string RefreshCron { get; set; } = "0 0 * * * ?";

    public FactsPolicy ToPolicy(RfmThresholds rfm)
    {
        var defaults = new FactsPolicy();
        return new FactsPolicy
        {
            Window = TimeSpan.FromDays(WindowDays),
            PassiveEvents = PassiveEvents is null ? defaults.PassiveEvents : new HashSet<string>(PassiveEvents, StringComparer.OrdinalIgnoreCase),
            VisitEvents = VisitEvents is null ? defaults.VisitEvents : new HashSet<string>(VisitEvents, StringComparer.OrdinalIgnoreCase),
            PurchaseEvents = PurchaseEvents is null ? defaults.PurchaseEvents : new HashSet<string>(PurchaseEvents, StringComparer.OrdinalIgnoreCase),
            Lifecycle = new LifecyclePolicy
            {
                ChurnAfterDays = Lifecycle.ChurnAfterDays,
                HabitVisits = Lifecycle.HabitVisits,
                LoyalPurchases = Lifecycle.LoyalPurchases,
            },
            Rfm = rfm,
        };
    }
}

/// <summary>Thresholds of the lifecycle stages (<c>Facts:Lifecycle</c>); see <see cref="LifecyclePolicy"/>.</summary>
public sealed class FactsLifecycleOptions
{
    [Range(1, 3650)]
    public int ChurnAfterDays { get; set; } = 30;

    [Range(1, 100_000)]
    public int HabitVisits { get; set; } = 8;

    [Range(1, 100_000)]
    public int LoyalPurchases { get; set; } = 3;
}
