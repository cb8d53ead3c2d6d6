using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Facts;

/// <summary>
/// Thresholds of the lifecycle stages. The natural visit rhythm differs per product, so every number
/// is configuration (<c>Facts:Lifecycle</c>), not a constant.
/// </summary>
public sealed record LifecyclePolicy
{
    /// <summary>Days without activity after which a contact is churned.</summary>
    public int ChurnAfterDays { get; init; } = 30;

    /// <summary>Visits within the window that make a habit.</summary>
    public int HabitVisits { get; init; } = 8;

    /// <summary>Purchases within the window that make a loyal fan.</summary>
    public int LoyalPurchases { get; init; } = 3;

    public LifecycleStage StageOf(int daysSinceLastActive, int visitCount, int visitsInWindow, int purchaseCount, int purchasesInWindow)
    {
        if (daysSinceLastActive >= ChurnAfterDays)
        {
            return LifecycleStage.Churned;
        }

        if (purchasesInWindow >= LoyalPurchases)
        {
            return LifecycleStage.Loyal;
        }

        if (purchaseCount > 0)
        {
            return LifecycleStage.Paying;
        }

        if (visitsInWindow >= HabitVisits)
        {
            return LifecycleStage.Habit;
        }

        return visitCount > 0 ? LifecycleStage.Use : LifecycleStage.Contact;
    }
}
