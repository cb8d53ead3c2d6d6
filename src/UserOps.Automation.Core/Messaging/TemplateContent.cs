namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// The Liquid copy of one template version. Only the fields of the template's channel are used:
/// email (subject, HTML, text, from name), SMS (body), push (title, body, deep link, data).
/// </summary>
public sealed record TemplateContent
{
    public string? Subject { get; init; }
    public string? Html { get; init; }
    public string? Text { get; init; }
    public string? FromName { get; init; }
    public string? SmsBody { get; init; }
    public string? PushTitle { get; init; }
    public string? PushBody { get; init; }
    public string? DeepLink { get; init; }

    /// <summary>Push data payload: a flat JSON object whose string values are Liquid (FCM data is a string map).</summary>
    public string? DataJson { get; init; }
}
