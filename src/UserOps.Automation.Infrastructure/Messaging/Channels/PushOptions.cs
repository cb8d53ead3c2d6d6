namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>
/// Push channel. <c>Mode</c> is <c>Capture</c> (default) or a comma list of live transports: <c>Fcm</c>,
/// <c>WebPush</c> or <c>Fcm,WebPush</c>. A token is sent through the transport of its platform.
/// </summary>
public sealed class PushOptions : IChannelOptions
{
    public const string SectionName = "Push";

    public string Mode { get; set; } = "Capture";

    public FcmSettings Fcm { get; set; } = new();

    public WebPushSettings WebPush { get; set; } = new();

    public bool Capture => Modes.Count == 0 || Modes.Contains("Capture");

    public bool UsesFcm => !Capture && Modes.Contains("Fcm");

    public bool UsesWebPush => !Capture && Modes.Contains("WebPush");

    private HashSet<string> Modes => new(Mode.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        string[] known = ["Capture", "Fcm", "WebPush"];
        foreach (var unknown in Modes.Where(m => !known.Contains(m, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"Push:Mode '{unknown}' is unknown; use Capture, Fcm, WebPush or Fcm,WebPush.";
        }

        if (UsesFcm && string.IsNullOrWhiteSpace(Fcm.ProjectId))
        {
            yield return "Push:Fcm:ProjectId is required when Push:Mode includes Fcm.";
        }

        if (UsesFcm && string.IsNullOrWhiteSpace(Fcm.ServiceAccountFile) && string.IsNullOrWhiteSpace(Fcm.ServiceAccountJson))
        {
            yield return "Push:Fcm:ServiceAccountFile or Push:Fcm:ServiceAccountJson is required when Push:Mode includes Fcm.";
        }

        if (UsesWebPush && (string.IsNullOrWhiteSpace(WebPush.PublicKey) || string.IsNullOrWhiteSpace(WebPush.PrivateKey) || string.IsNullOrWhiteSpace(WebPush.Subject)))
        {
            yield return "Push:WebPush:PublicKey, PrivateKey and Subject are required when Push:Mode includes WebPush.";
        }
    }
}

public sealed class FcmSettings
{
    public string? ProjectId { get; set; }

    /// <summary>Path of the service account key (JSON) used to get OAuth tokens.</summary>
    public string? ServiceAccountFile { get; set; }

    /// <summary>The key itself, e.g. from the environment variable <c>Push__Fcm__ServiceAccountJson</c>.</summary>
    public string? ServiceAccountJson { get; set; }

    /// <summary>Replaces the FCM API base URL, for a test double; leave empty in production.</summary>
    public string BaseUrl { get; set; } = "https://fcm.googleapis.com/";

    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class WebPushSettings
{
    /// <summary>VAPID public key (base64url), also given to browsers when they subscribe.</summary>
    public string? PublicKey { get; set; }

    /// <summary>VAPID private key; prefer the environment variable <c>Push__WebPush__PrivateKey</c>.</summary>
    public string? PrivateKey { get; set; }

    /// <summary><c>mailto:</c> or https contact the push services can reach the sender at.</summary>
    public string? Subject { get; set; }

    public int TimeToLiveSeconds { get; set; } = 86_400;
}
