using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>A message a capture sender kept instead of sending, so the console can show it.</summary>
public sealed class CapturedMessage
{
    private CapturedMessage()
    {
        Recipient = string.Empty;
        TemplateKey = string.Empty;
        Locale = string.Empty;
        Body = string.Empty;
        ProviderMessageId = string.Empty;
    }

    public CapturedMessage(Channel channel, string recipient, string templateKey, int templateVersion, string locale, string body, DateTime capturedAt)
    {
        Channel = channel;
        Recipient = recipient;
        TemplateKey = templateKey;
        TemplateVersion = templateVersion;
        Locale = locale;
        Body = body;
        CapturedAt = capturedAt;
        ProviderMessageId = "capture-" + Guid.NewGuid().ToString("N");
    }

    public long Id { get; private set; }
    public Channel Channel { get; private set; }
    public string Recipient { get; private set; }
    public string TemplateKey { get; private set; }
    public int TemplateVersion { get; private set; }
    public string Locale { get; private set; }

    /// <summary>Email subject or push title; null for SMS.</summary>
    public string? Subject { get; init; }

    /// <summary>Email text body, SMS body or push body.</summary>
    public string Body { get; private set; }

    public string? Html { get; init; }

    /// <summary>Push deep link and data, List-Unsubscribe URL: whatever else the channel would have sent, as JSON.</summary>
    public string? ExtraJson { get; init; }

    public string ProviderMessageId { get; private set; }
    public DateTime CapturedAt { get; private set; }
}
