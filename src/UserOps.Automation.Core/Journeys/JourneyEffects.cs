using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Coupons;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Core.Journeys;

/// <summary>What a batch's rounds produced, written in the same transaction as the journeys' moves.</summary>
public sealed class JourneyEffects
{
    public List<JourneyStep> Steps { get; } = [];
    public List<OutboxMessage> Messages { get; } = [];
    public List<Coupon> Coupons { get; } = [];
    public List<WebhookDelivery> Webhooks { get; } = [];

    /// <summary>Contacts an Update contact step changed (the only writes to contacts a journey makes); a contact may repeat.</summary>
    public List<Contact> ChangedContacts { get; } = [];

    public bool IsEmpty => Steps.Count == 0 && Messages.Count == 0 && Coupons.Count == 0 && Webhooks.Count == 0 && ChangedContacts.Count == 0;
}
