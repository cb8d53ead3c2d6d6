using System.Text.Json.Nodes;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;

namespace UserOps.Automation.Core.Contacts;

/// <summary>
/// One end user of the operator's app: identity, channels, locale and time zone, consent, and the
/// facts derived from its events (last active, purchases, RFM scores, lifecycle stage).
/// </summary>
public sealed class Contact
{
    private readonly List<PushToken> _pushTokens = [];
    private readonly List<ContactInterest> _interests = [];

    private Contact()
    {
        ExternalId = string.Empty;
    }

    public Contact(string externalId, DateTime createdAt)
    {
        ExternalId = externalId;
        CreatedAt = createdAt;
        LastActiveAt = createdAt;
        UpdatedAt = createdAt;
    }

    public long Id { get; private set; }

    /// <summary>The operator's own id for this user (Segment's <c>userId</c>).</summary>
    public string ExternalId { get; private set; }

    public string? Email { get; set; }

    /// <summary>E.164, normalised on the way in.</summary>
    public string? Phone { get; set; }

    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>BCP 47 language tag, e.g. <c>zh-CN</c>.</summary>
    public string? Locale { get; set; }

    /// <summary>IANA time zone id, e.g. <c>Asia/Shanghai</c>. Local times (quiet hours, "next 10:00") use it.</summary>
    public string? TimeZone { get; set; }

    public string? Country { get; set; }
    public string? City { get; set; }

    /// <summary>Free-form attributes; unknown fields sent by clients are kept here.</summary>
    public JsonObject Attributes { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public ChannelConsent Consent { get; private set; } = new();

    public IReadOnlyList<PushToken> PushTokens => _pushTokens;
    public IReadOnlyList<ContactInterest> Interests => _interests;

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    // Derived facts, kept current as events arrive and re-derived on each refresh.
    public DateTime LastActiveAt { get; private set; }
    public DateTime? LastPurchaseAt { get; private set; }
    public int VisitCount { get; private set; }
    public int PurchaseCount { get; private set; }
    public long TotalSpendMinor { get; private set; }
    public int VisitsInWindow { get; private set; }
    public int PurchasesInWindow { get; private set; }
    public long SpendInWindowMinor { get; private set; }

    /// <summary>RFM scores 1–5 by quantile; 0 until the first scoring.</summary>
    public int RecencyScore { get; private set; }
    public int FrequencyScore { get; private set; }
    public int MonetaryScore { get; private set; }

    public LifecycleStage Lifecycle { get; private set; }

    public void Touch(DateTime at) => UpdatedAt = at;

    public void AddPushToken(string token, string platform, string? keys, DateTime at)
    {
        if (_pushTokens.Any(t => t.Token == token))
        {
            return;
        }

        _pushTokens.Add(new PushToken(token, platform, at) { Keys = keys });
    }

    public bool RemovePushToken(string token) => _pushTokens.RemoveAll(t => t.Token == token) > 0;

    public void AddTag(string tag)
    {
        if (!Tags.Contains(tag, StringComparer.Ordinal))
        {
            Tags = [.. Tags, tag];
        }
    }

    public void RemoveTag(string tag) => Tags = Tags.Where(t => !string.Equals(t, tag, StringComparison.Ordinal)).ToList();

    /// <summary>Folds one event into the derived facts. Window counters are exact again after the next refresh.</summary>
    public void Apply(ContactEvent contactEvent, FactsPolicy policy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(contactEvent);
        ArgumentNullException.ThrowIfNull(policy);
        var at = contactEvent.Timestamp;
        var inWindow = at > now - policy.Window;
        if (policy.IsActivity(contactEvent.Name) && at > LastActiveAt)
        {
            LastActiveAt = at;
        }

        if (policy.IsVisit(contactEvent.Name))
        {
            VisitCount++;
            if (inWindow)
            {
                VisitsInWindow++;
            }
        }

        if (policy.IsPurchase(contactEvent.Name))
        {
            PurchaseCount++;
            TotalSpendMinor += contactEvent.AmountMinor ?? 0;
            if (LastPurchaseAt is null || at > LastPurchaseAt)
            {
                LastPurchaseAt = at;
            }

            if (inWindow)
            {
                PurchasesInWindow++;
                SpendInWindowMinor += contactEvent.AmountMinor ?? 0;
            }
        }

        if (contactEvent.Category is { Length: > 0 } category)
        {
            var interest = _interests.FirstOrDefault(i => i.Category == category);
            if (interest is null)
            {
                interest = new ContactInterest(category, at);
                _interests.Add(interest);
            }

            interest.Seen(at);
        }

        Lifecycle = policy.StageOf(this, now);
        RecencyScore = policy.Rfm.RecencyScore(LastPurchaseAt, now);
        FrequencyScore = policy.Rfm.FrequencyScore(PurchaseCount > 0, PurchasesInWindow);
        MonetaryScore = policy.Rfm.MonetaryScore(PurchaseCount > 0, SpendInWindowMinor);
        UpdatedAt = now;
    }
}
