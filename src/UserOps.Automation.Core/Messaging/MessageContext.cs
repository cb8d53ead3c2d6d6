using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;

namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// Everything a template may read for one send: the contact, the triggering event, the journey's
/// variables, a granted coupon and the contact's unsubscribe link. Nothing else is reachable.
/// </summary>
public sealed record MessageContext(Contact Contact)
{
    public ContactEvent? Event { get; init; }
    public JsonObject? JourneyVariables { get; init; }
    public CouponDetails? Coupon { get; init; }

    /// <summary>Signed one-click link, made by the dispatcher.</summary>
    public string? UnsubscribeUrl { get; init; }
}

/// <summary>A coupon granted to the contact; <see cref="ExpiresAt"/> is UTC and shown in the contact's zone.</summary>
public sealed record CouponDetails(string Code, string? Value, DateTime ExpiresAt);
