namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>SMS channel. <c>Capture</c> (default) keeps messages in the database; <c>Twilio</c> sends through Twilio's REST API.</summary>
public sealed class SmsOptions : IChannelOptions
{
    public const string SectionName = "Sms";

    public SmsMode Mode { get; set; } = SmsMode.Capture;

    public TwilioSettings Twilio { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (Mode != SmsMode.Twilio)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Twilio.AccountSid) || string.IsNullOrWhiteSpace(Twilio.AuthToken))
        {
            yield return "Sms:Twilio:AccountSid and Sms:Twilio:AuthToken are required when Sms:Mode is Twilio.";
        }

        if (string.IsNullOrWhiteSpace(Twilio.From) == string.IsNullOrWhiteSpace(Twilio.MessagingServiceSid))
        {
            yield return "Set exactly one of Sms:Twilio:From and Sms:Twilio:MessagingServiceSid.";
        }

        if (Twilio.BaseUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            yield return "Sms:Twilio:BaseUrl must be an absolute URL.";
        }
    }
}

public enum SmsMode
{
    Capture,
    Twilio,
}

public sealed class TwilioSettings
{
    public string? AccountSid { get; set; }

    /// <summary>Prefer the environment variable <c>Sms__Twilio__AuthToken</c>.</summary>
    public string? AuthToken { get; set; }

    /// <summary>E.164 sender number; or use <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>Where Twilio posts delivery receipts (the webhook endpoint of this host).</summary>
    public string? StatusCallbackUrl { get; set; }

    /// <summary>Replaces Twilio's API host, for a test double; leave empty in production.</summary>
    public string? BaseUrl { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
