using System.Globalization;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Dispatch;

/// <summary>
/// The protections every message passes before it leaves, in order: expiry, consent, unsubscribe, the global
/// suppression list, a usable address, quiet hours in the contact's zone, and the frequency cap. Pure: the
/// caller supplies what it looked up (whether the address is suppressed, how many capped messages the
/// contact got within the window).
/// </summary>
public sealed class DispatchGuard(DispatchPolicy policy)
{
    public DispatchPolicy Policy => policy;

    public GuardDecision Check(OutboxMessage message, Contact contact, DateTime nowUtc, bool addressSuppressed, int cappedSentInWindow)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(contact);
        var expiresAt = ExpiryOf(message);
        if (expiresAt is { } expired && expired <= nowUtc)
        {
            return GuardDecision.Expire($"expired at {Format(expired)}");
        }

        var channel = message.Channel.ToString().ToLowerInvariant();
        if (contact.Consent.IsUnsubscribed(message.Channel))
        {
            return GuardDecision.Suppress($"unsubscribed from {channel}");
        }

        if (!contact.Consent.For(message.Channel))
        {
            return GuardDecision.Suppress($"no {channel} consent");
        }

        if (addressSuppressed)
        {
            return GuardDecision.Suppress("address on the suppression list");
        }

        if (AddressOf(contact, message.Channel) is null)
        {
            return GuardDecision.Fail($"contact has no {channel} address");
        }

        var zone = TimeZones.Find(contact.TimeZone) ?? TimeZones.Find(policy.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        if (policy.QuietHours.NextAllowed(nowUtc, zone) is { } allowed)
        {
            return expiresAt is { } expiry && expiry <= allowed
                ? GuardDecision.Expire($"quiet hours until {Format(allowed)} would pass its expiry {Format(expiry)}")
                : GuardDecision.Defer(allowed, "quiet hours");
        }

        if (message.FrequencyCapped && policy.FrequencyCap > 0 && cappedSentInWindow >= policy.FrequencyCap)
        {
            return GuardDecision.Suppress($"frequency cap: {policy.FrequencyCap} per {policy.FrequencyWindow.TotalDays:0.#} days");
        }

        return GuardDecision.Send;
    }

    /// <summary>The address the message goes to on its channel; for push, whether any token exists.</summary>
    public static string? AddressOf(Contact contact, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return channel switch
        {
            Channel.Email => string.IsNullOrWhiteSpace(contact.Email) ? null : contact.Email,
            Channel.Sms => string.IsNullOrWhiteSpace(contact.Phone) ? null : contact.Phone,
            Channel.Push => contact.PushTokens.Count > 0 ? contact.PushTokens[0].Token : null,
            _ => null,
        };
    }

    /// <summary>The row's own expiry, or the expiry of the coupon it carries, whichever comes first.</summary>
    public static DateTime? ExpiryOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        DateTime? coupon = null;
        if (message.Data["variables"]?["coupon"]?["expiresAt"]?.GetValue<string>() is { } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            coupon = parsed;
        }

        return (message.ExpiresAt, coupon) switch
        {
            ({ } own, { } c) => own < c ? own : c,
            ({ } own, null) => own,
            (null, var c) => c,
        };
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
