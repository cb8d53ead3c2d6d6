using System.Text.Json.Serialization;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Messaging;

/// <summary>A template rendered for one contact, ready for a channel adapter.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RenderedEmail), "email")]
[JsonDerivedType(typeof(RenderedSms), "sms")]
[JsonDerivedType(typeof(RenderedPush), "push")]
public abstract record RenderedMessage(string TemplateKey, int TemplateVersion, string Locale)
{
    public abstract Channel Channel { get; }
}

/// <summary>An email: subject, both bodies (multipart/alternative) and an optional display name for the sender.</summary>
public sealed record RenderedEmail(string TemplateKey, int TemplateVersion, string Locale, string Subject, string Html, string Text, string? FromName)
    : RenderedMessage(TemplateKey, TemplateVersion, Locale)
{
    public override Channel Channel => Channel.Email;

    /// <summary>
    /// Message-ID to use (without angle brackets), derived by the dispatcher from the outbox row's idempotency key
    /// so a message and any accidental copy carry the same id; null lets the sender make one.
    /// </summary>
    public string? MessageId { get; init; }
}

/// <summary>An SMS body with its segment count (what the carrier will bill).</summary>
public sealed record RenderedSms(string TemplateKey, int TemplateVersion, string Locale, string Body)
    : RenderedMessage(TemplateKey, TemplateVersion, Locale)
{
    public override Channel Channel => Channel.Sms;

    public SmsSegmentInfo Segments => SmsSegments.Measure(Body);
}

/// <summary>A push notification: title, body, optional deep link and a string-to-string data payload.</summary>
public sealed record RenderedPush(string TemplateKey, int TemplateVersion, string Locale, string Title, string Body, string? DeepLink, IReadOnlyDictionary<string, string> Data)
    : RenderedMessage(TemplateKey, TemplateVersion, Locale)
{
    public override Channel Channel => Channel.Push;
}
