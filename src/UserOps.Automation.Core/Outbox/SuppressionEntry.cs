using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Outbox;

/// <summary>
/// An address nothing is ever sent to, whichever contact holds it (a complaint, a hard bounce, a STOP reply,
/// an operator's decision). Email addresses are kept lower-case, phone numbers in E.164.
/// </summary>
public sealed class SuppressionEntry
{
    private SuppressionEntry()
    {
        Address = string.Empty;
        Reason = string.Empty;
        Source = string.Empty;
    }

    public SuppressionEntry(Channel channel, string address, string reason, string source, DateTime createdAt)
    {
        Channel = channel;
        Address = Normalize(channel, address);
        Reason = reason;
        Source = source;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Channel Channel { get; private set; }
    public string Address { get; private set; }
    public string Reason { get; private set; }

    /// <summary>Who added it: <c>api</c>, <c>twilio-inbound</c>, <c>twilio-21610</c>, <c>unsubscribe-link</c>…</summary>
    public string Source { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static string Normalize(Channel channel, string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        return channel == Channel.Email ? trimmed.ToLowerInvariant() : trimmed;
    }
}
