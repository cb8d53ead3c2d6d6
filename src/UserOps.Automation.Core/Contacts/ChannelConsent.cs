namespace UserOps.Automation.Core.Contacts;

/// <summary>
/// Per-channel marketing consent of a contact. A channel without consent is never sent to. An unsubscribe
/// (a link click, a STOP reply) is kept apart from consent with its time, so that "never opted in" and
/// "asked us to stop" stay distinguishable; only the contact's own opt-in (START) lifts it.
/// </summary>
public sealed class ChannelConsent
{
    public bool Email { get; set; }
    public bool Sms { get; set; }
    public bool Push { get; set; }

    public DateTime? EmailUnsubscribedAt { get; set; }
    public DateTime? SmsUnsubscribedAt { get; set; }
    public DateTime? PushUnsubscribedAt { get; set; }

    public bool IsUnsubscribed(Channel channel) => channel switch
    {
        Channel.Email => EmailUnsubscribedAt is not null,
        Channel.Sms => SmsUnsubscribedAt is not null,
        Channel.Push => PushUnsubscribedAt is not null,
        _ => false,
    };

    /// <summary>The contact asked to stop: consent off and the time recorded.</summary>
    public void Unsubscribe(Channel channel, DateTime at)
    {
        Set(channel, false);
        SetUnsubscribed(channel, at);
    }

    /// <summary>The contact opted in again (START): consent on, unsubscribe lifted.</summary>
    public void Resubscribe(Channel channel)
    {
        Set(channel, true);
        SetUnsubscribed(channel, null);
    }

    private void SetUnsubscribed(Channel channel, DateTime? at)
    {
        switch (channel)
        {
            case Channel.Email: EmailUnsubscribedAt = at; break;
            case Channel.Sms: SmsUnsubscribedAt = at; break;
            case Channel.Push: PushUnsubscribedAt = at; break;
            default: throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel.");
        }
    }

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
