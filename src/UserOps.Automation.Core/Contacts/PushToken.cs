namespace UserOps.Automation.Core.Contacts;

/// <summary>A device or browser a contact can receive push messages on.</summary>
public sealed class PushToken
{
    private PushToken()
    {
        Token = string.Empty;
        Platform = string.Empty;
    }

    public PushToken(string token, string platform, DateTime createdAt)
    {
        Token = token;
        Platform = platform;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public long ContactId { get; private set; }

    /// <summary>The FCM registration token, or the Web Push subscription endpoint.</summary>
    public string Token { get; private set; }

    /// <summary><c>fcm</c> or <c>webpush</c>.</summary>
    public string Platform { get; private set; }

    /// <summary>Web Push subscription keys (p256dh, auth) as JSON; empty for FCM.</summary>
    public string? Keys { get; set; }

    public DateTime CreatedAt { get; private set; }
}
