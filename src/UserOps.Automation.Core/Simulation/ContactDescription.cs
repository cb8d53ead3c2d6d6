using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// A contact described by an operator instead of picked from the store: who it is and what its history comes to
/// ("inactive 10 days, 3 purchases, last one 40 days ago"). <see cref="Build"/> replays that history as events through
/// <see cref="Contact.Apply"/>, so the derived facts (lifecycle, RFM, window counters) come out as the engine derives them.
/// </summary>
public sealed record ContactDescription
{
    private const int MaxDays = 3650;
    private const int MaxCount = 10_000;

    public string? ExternalId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Locale { get; init; }
    public string? TimeZone { get; init; }
    public string? Country { get; init; }
    public string? City { get; init; }
    public JsonObject? Attributes { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public bool ConsentEmail { get; init; } = true;
    public bool ConsentSms { get; init; } = true;
    public bool ConsentPush { get; init; } = true;
    public bool HasPushToken { get; init; } = true;
    public int DaysSinceLastActive { get; init; }
    public int? DaysSinceSignup { get; init; }
    public int? DaysSinceLastPurchase { get; init; }
    public int Purchases { get; init; }
    public long TotalSpendMinor { get; init; }
    public int Visits { get; init; }

    /// <summary>Capped messages the contact got in the frequency window before the start (they count toward the cap).</summary>
    public int CappedSendsInWindow { get; init; }

    /// <summary>What is wrong, by field (empty when the description holds together).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        Check(DaysSinceLastActive is >= 0 and <= MaxDays, "contact.daysSinceLastActive", $"Days since last active must be 0–{MaxDays}.");
        Check(DaysSinceSignup is null or (>= 0 and <= MaxDays), "contact.daysSinceSignup", $"Days since signup must be 0–{MaxDays}.");
        Check(DaysSinceLastPurchase is null or (>= 0 and <= MaxDays), "contact.daysSinceLastPurchase", $"Days since last purchase must be 0–{MaxDays}.");
        Check(Purchases is >= 0 and <= MaxCount, "contact.purchases", $"Purchases must be 0–{MaxCount}.");
        Check(Visits is >= 0 and <= MaxCount, "contact.visits", $"Visits must be 0–{MaxCount}.");
        Check(TotalSpendMinor >= 0, "contact.totalSpendMinor", "Total spend cannot be negative.");
        Check(CappedSendsInWindow is >= 0 and <= 1000, "contact.cappedSendsInWindow", "Capped sends in the window must be 0–1000.");
        Check(TimeZone is null || TimeZones.Find(TimeZone) is not null, "contact.timeZone", $"'{TimeZone}' is not an IANA time zone (e.g. Asia/Shanghai).");
        Check(Purchases == 0 || DaysSinceLastPurchase is not null, "contact.daysSinceLastPurchase", "A contact with purchases needs the days since its last purchase.");
        Check(Purchases > 0 || DaysSinceLastPurchase is null, "contact.purchases", "Days since the last purchase are given, but no purchases.");
        Check(TotalSpendMinor == 0 || Purchases > 0, "contact.totalSpendMinor", "Spend needs at least one purchase.");
        Check(DaysSinceLastPurchase is not { } p || DaysSinceLastActive <= p, "contact.daysSinceLastActive",
            "A purchase is activity: days since last active cannot be more than days since the last purchase.");
        var oldest = Math.Max(DaysSinceLastActive, DaysSinceLastPurchase ?? 0);
        Check(DaysSinceSignup is not { } s || s >= oldest, "contact.daysSinceSignup", "The contact cannot have been active before it signed up.");
        return errors;
    }

    /// <summary>The contact as of <paramref name="now"/>; call <see cref="Validate"/> first.</summary>
    public Contact Build(DateTime now, FactsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lastActive = now.AddDays(-DaysSinceLastActive);
        var created = now.AddDays(-(DaysSinceSignup ?? Math.Max(30, Math.Max(DaysSinceLastActive, DaysSinceLastPurchase ?? 0))));
        var contact = new Contact(string.IsNullOrWhiteSpace(ExternalId) ? "described-contact" : ExternalId, created)
        {
            FirstName = FirstName, LastName = LastName, Email = Email, Phone = Phone, Locale = Locale, TimeZone = TimeZone,
            Country = Country, City = City, Attributes = Attributes?.DeepClone().AsObject() ?? [], Tags = [.. Tags ?? []],
        };
        contact.Consent.Email = ConsentEmail;
        contact.Consent.Sms = ConsentSms;
        contact.Consent.Push = ConsentPush;
        if (HasPushToken)
        {
            contact.AddPushToken("simulated-push-token", "fcm", null, created);
        }

        if (DaysSinceLastPurchase is { } purchaseDays)
        {
            var at = now.AddDays(-purchaseDays);
            for (var i = 0; i < Purchases; i++)
            {
                var amount = TotalSpendMinor / Purchases + (i == 0 ? TotalSpendMinor % Purchases : 0);
                contact.Apply(new ContactEvent(0, EventNames.Purchase, at, at) { AmountMinor = amount }, policy, now);
            }
        }

        for (var i = 0; i < Visits; i++)
        {
            contact.Apply(new ContactEvent(0, EventNames.Visit, lastActive, lastActive), policy, now);
        }

        if (contact.LastActiveAt < lastActive)
        {
            // Active without a visit or purchase on record (any other event counts as activity).
            contact.Apply(new ContactEvent(0, "activity", lastActive, lastActive), policy, now);
        }

        return contact;
    }
}
