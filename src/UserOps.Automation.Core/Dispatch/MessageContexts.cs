using System.Globalization;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Core.Dispatch;

/// <summary>Builds what a template may read for one outbox row: the contact, the row's journey variables, coupon and event.</summary>
public static class MessageContexts
{
    public static MessageContext From(Contact contact, OutboxMessage message, string? unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(message);
        var variables = message.Data["variables"] as JsonObject;
        return new MessageContext(contact)
        {
            JourneyVariables = variables,
            Coupon = CouponOf(variables?["coupon"] as JsonObject),
            Event = EventOf(contact.Id, message.Data["event"] as JsonObject, message.CreatedAt),
            UnsubscribeUrl = unsubscribeUrl,
        };
    }

    private static CouponDetails? CouponOf(JsonObject? coupon)
    {
        if (coupon?["code"]?.GetValue<string>() is not { } code
            || coupon["expiresAt"]?.GetValue<string>() is not { } expires
            || !DateTime.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expiresAt))
        {
            return null;
        }

        return new CouponDetails(code, coupon["value"]?.ToString(), expiresAt);
    }

    private static ContactEvent? EventOf(long contactId, JsonObject? json, DateTime fallback)
    {
        if (json?["name"]?.GetValue<string>() is not { } name)
        {
            return null;
        }

        var at = json["timestamp"]?.GetValue<string>() is { } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : fallback;
        return new ContactEvent(contactId, name, at, at)
        {
            Category = json["category"]?.GetValue<string>(),
            AmountMinor = json["amountMinor"]?.GetValue<long>(),
            Currency = json["currency"]?.GetValue<string>(),
            Properties = json["properties"] is JsonObject properties ? (JsonObject)properties.DeepClone() : [],
        };
    }
}
