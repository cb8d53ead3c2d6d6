namespace UserOps.Automation.Core.Contacts;

/// <summary>
/// Where a contact stands in the product's lifecycle (DOMAIN.md): contact → use → habit → paying → loyal,
/// and any of the later stages can fall into churned.
/// </summary>
public enum LifecycleStage
{
    Contact,
    Use,
    Habit,
    Paying,
    Loyal,
    Churned,
}
