namespace UserOps.Automation.Core.Contacts;

/// <summary>Per-channel marketing consent of a contact. A channel without consent is never sent to.</summary>
public sealed class ChannelConsent
{
    public bool Email { get; set; }
    public bool Sms { get; set; }
    public bool Push { get; set; }

    public bool For(Channel channel) => channel switch
    {
        Channel.Email => Email,
        Channel.Sms => Sms,
        Channel.Push => Push,
        _ => false,
    };

    public void Set(Channel channel, bool granted)
    {
        switch (channel)
        {
            case Channel.Email: Email = granted; break;
            case Channel.Sms: Sms = granted; break;
            case Channel.Push: Push = granted; break;
            default: throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel.");
        }
    }
}
