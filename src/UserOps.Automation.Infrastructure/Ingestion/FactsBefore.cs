using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// A contact's counters as loaded, before a batch's events are folded in: what the batch adds is the difference,
/// written as <c>count = count + delta</c> so two batches about the same contact at once both count.
/// </summary>
internal sealed record FactsBefore(
    Contact Contact,
    int VisitCount,
    int PurchaseCount,
    long TotalSpendMinor,
    int VisitsInWindow,
    int PurchasesInWindow,
    long SpendInWindowMinor,
    IReadOnlyDictionary<string, int> InterestCounts)
{
    public static FactsBefore Of(Contact contact) => new(contact, contact.VisitCount, contact.PurchaseCount, contact.TotalSpendMinor,
        contact.VisitsInWindow, contact.PurchasesInWindow, contact.SpendInWindowMinor,
        contact.Interests.ToDictionary(i => i.Category, i => i.Count, StringComparer.Ordinal));

    /// <summary>The interests the batch saw, with how many more times each was seen.</summary>
    public IEnumerable<(ContactInterest Interest, int Seen)> ChangedInterests() =>
        Contact.Interests
            .Select(i => (Interest: i, Seen: i.Count - InterestCounts.GetValueOrDefault(i.Category)))
            .Where(i => i.Seen > 0);
}
