using System.Reflection;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Testing;

/// <summary>
/// Builds a <see cref="Contact"/> with exactly the facts a test needs. The derived facts have private
/// setters (only events change them in the product); the builder sets them directly so a test can
/// state "last active exactly 7 days ago, RFM 4/4/2, lifecycle Paying" without replaying a history.
/// </summary>
public sealed class ContactBuilder(string externalId, DateTime createdAt)
{
    private readonly List<Action<Contact>> _steps = [];

    public ContactBuilder WithEmail(string? email) => Step(c => c.Email = email);

    public ContactBuilder WithPhone(string? phone) => Step(c => c.Phone = phone);

    public ContactBuilder WithName(string? first, string? last) => Step(c => (c.FirstName, c.LastName) = (first, last));

    public ContactBuilder WithLocale(string? locale, string? timeZone = null, string? country = null, string? city = null) =>
        Step(c => (c.Locale, c.TimeZone, c.Country, c.City) = (locale, timeZone, country, city));

    public ContactBuilder WithTags(params string[] tags) => Step(c => c.Tags = [.. tags]);

    public ContactBuilder WithConsent(bool email, bool sms, bool push) =>
        Step(c => (c.Consent.Email, c.Consent.Sms, c.Consent.Push) = (email, sms, push));

    public ContactBuilder WithPushToken(string token, string platform = "fcm") => Step(c => c.AddPushToken(token, platform, null, createdAt));

    public ContactBuilder ActiveAt(DateTime lastActiveAt) => Step(c => Set(c, nameof(Contact.LastActiveAt), lastActiveAt));

    public ContactBuilder PurchasedAt(DateTime? lastPurchaseAt) => Step(c => Set(c, nameof(Contact.LastPurchaseAt), lastPurchaseAt));

    public ContactBuilder WithTotals(int visits, int purchases, long spendMinor) => Step(c =>
    {
        Set(c, nameof(Contact.VisitCount), visits);
        Set(c, nameof(Contact.PurchaseCount), purchases);
        Set(c, nameof(Contact.TotalSpendMinor), spendMinor);
    });

    public ContactBuilder WithWindow(int visits, int purchases, long spendMinor) => Step(c =>
    {
        Set(c, nameof(Contact.VisitsInWindow), visits);
        Set(c, nameof(Contact.PurchasesInWindow), purchases);
        Set(c, nameof(Contact.SpendInWindowMinor), spendMinor);
    });

    public ContactBuilder WithRfm(int recency, int frequency, int monetary) => Step(c =>
    {
        Set(c, nameof(Contact.RecencyScore), recency);
        Set(c, nameof(Contact.FrequencyScore), frequency);
        Set(c, nameof(Contact.MonetaryScore), monetary);
    });

    public ContactBuilder InStage(LifecycleStage stage) => Step(c => Set(c, nameof(Contact.Lifecycle), stage));

    public ContactBuilder WithInterest(string category, DateTime lastSeenAt, int count = 1) => Step(c =>
    {
        var interest = new ContactInterest(category, lastSeenAt);
        Set(interest, nameof(ContactInterest.Count), count);
        var interests = (List<ContactInterest>)typeof(Contact).GetField("_interests", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(c)!;
        interests.Add(interest);
    });

    public Contact Build()
    {
        var contact = new Contact(externalId, createdAt);
        foreach (var step in _steps)
        {
            step(contact);
        }

        return contact;
    }

    private ContactBuilder Step(Action<Contact> step)
    {
        _steps.Add(step);
        return this;
    }

    private static void Set<T>(T target, string property, object? value) =>
        typeof(T).GetProperty(property, BindingFlags.Instance | BindingFlags.Public)!.SetValue(target, value);
}
