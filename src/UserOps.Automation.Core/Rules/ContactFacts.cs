using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Facts;

namespace UserOps.Automation.Core.Rules;

/// <summary>
/// What a rule sees as <c>contact</c>: the contact model, nothing else. The same expression runs in
/// memory over this record and, translated by <see cref="ContactQueryTranslator"/>, in the database.
/// "Days since" facts count whole days, rounded down, as of the moment of evaluation.
/// </summary>
public sealed record ContactFacts
{
    public required string ExternalId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Locale { get; init; }
    public string? TimeZone { get; init; }
    public string? Country { get; init; }
    public string? City { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public ConsentFacts Consent { get; init; } = new(false, false, false);
    public bool HasEmail { get; init; }
    public bool HasPhone { get; init; }
    public bool HasPushToken { get; init; }

    [DaysSince(nameof(Contact.LastActiveAt))]
    public int DaysSinceLastActive { get; init; }

    [DaysSince(nameof(Contact.LastPurchaseAt))]
    public int? DaysSinceLastPurchase { get; init; }

    [DaysSince(nameof(Contact.CreatedAt))]
    public int DaysSinceSignup { get; init; }

    public int VisitCount { get; init; }
    public int PurchaseCount { get; init; }
    public long TotalSpendMinor { get; init; }
    public int VisitsInWindow { get; init; }
    public int PurchasesInWindow { get; init; }
    public long SpendInWindowMinor { get; init; }
    public int RecencyScore { get; init; }
    public int FrequencyScore { get; init; }
    public int MonetaryScore { get; init; }
    public LifecycleStage Lifecycle { get; init; }
    public IReadOnlyList<InterestFacts> Interests { get; init; } = [];

    /// <summary>The facts of <paramref name="contact"/> as of <paramref name="now"/>.</summary>
    public static ContactFacts From(Contact contact, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new ContactFacts
        {
            ExternalId = contact.ExternalId,
            Email = contact.Email,
            Phone = contact.Phone,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            Locale = contact.Locale,
            TimeZone = contact.TimeZone,
            Country = contact.Country,
            City = contact.City,
            Tags = contact.Tags,
            Consent = new ConsentFacts(contact.Consent.Email, contact.Consent.Sms, contact.Consent.Push),
            HasEmail = contact.Email is not null,
            HasPhone = contact.Phone is not null,
            HasPushToken = contact.PushTokens.Count > 0,
            DaysSinceLastActive = FactsPolicy.DaysBetween(contact.LastActiveAt, now),
            DaysSinceLastPurchase = contact.LastPurchaseAt is { } p ? FactsPolicy.DaysBetween(p, now) : null,
            DaysSinceSignup = FactsPolicy.DaysBetween(contact.CreatedAt, now),
            VisitCount = contact.VisitCount,
            PurchaseCount = contact.PurchaseCount,
            TotalSpendMinor = contact.TotalSpendMinor,
            VisitsInWindow = contact.VisitsInWindow,
            PurchasesInWindow = contact.PurchasesInWindow,
            SpendInWindowMinor = contact.SpendInWindowMinor,
            RecencyScore = contact.RecencyScore,
            FrequencyScore = contact.FrequencyScore,
            MonetaryScore = contact.MonetaryScore,
            Lifecycle = contact.Lifecycle,
            Interests = contact.Interests
                .Select(i => new InterestFacts { Category = i.Category, Count = i.Count, DaysSinceLastSeen = FactsPolicy.DaysBetween(i.LastSeenAt, now) })
                .ToList(),
        };
    }
}

/// <summary>Per-channel consent as rules see it.</summary>
public sealed record ConsentFacts(bool Email, bool Sms, bool Push);

/// <summary>An interest as rules see it: <c>contact.Interests.Any(Category == "beauty" &amp;&amp; DaysSinceLastSeen &lt;= 30)</c>.</summary>
public sealed record InterestFacts
{
    public required string Category { get; init; }
    public int Count { get; init; }

    [DaysSince(nameof(ContactInterest.LastSeenAt))]
    public int DaysSinceLastSeen { get; init; }
}
