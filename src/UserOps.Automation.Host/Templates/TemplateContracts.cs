using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Host.Templates;

/// <summary>Create or update one locale variant of a template key.</summary>
internal sealed record TemplateRequest(string? Key, Channel? Channel, string? Locale, bool IsDefaultLocale, TemplateContent? Content)
{
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Key) || Key.Length > 100 || !Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors["key"] = ["A key of 1-100 letters, digits, '-', '_' or '.' is required."];
        }

        if (Channel is null)
        {
            errors["channel"] = ["channel is required: Email, Sms or Push."];
        }

        if (string.IsNullOrWhiteSpace(Locale) || Locale.Length > 35)
        {
            errors["locale"] = ["A BCP 47 locale such as 'en' or 'zh-CN' is required."];
        }

        if (Content is null)
        {
            errors["content"] = ["content is required."];
        }

        return errors;
    }
}

internal sealed record TemplateSummary(long Id, string Key, Channel Channel, string Locale, bool IsDefaultLocale, int Version, TemplateContent Content, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static TemplateSummary From(MessageTemplate t) => new(t.Id, t.Key, t.Channel, t.Locale, t.IsDefaultLocale, t.Version, t.Content, t.CreatedAt, t.UpdatedAt);
}

internal sealed record TemplateDetail(TemplateSummary Template, IReadOnlyList<TemplateVersion> Versions, IReadOnlyList<string> MissingLocales);

internal sealed record TemplateSaved(TemplateSummary Template, TemplateValidation Validation);

/// <summary>Render for a stored contact (<see cref="ContactExternalId"/>) or an inline sample; the rest fills the other roots.</summary>
internal sealed record PreviewRequest(string? ContactExternalId, SampleContact? Contact, string? EventName, JsonObject? EventProperties, long? EventAmountMinor,
    JsonObject? JourneyVariables, CouponDetails? Coupon, int? Version);

internal sealed record SampleContact(string? FirstName, string? LastName, string? Email, string? Phone, string? Locale, string? TimeZone, string? Country, string? City,
    JsonObject? Attributes, List<string>? Tags);

internal sealed record PreviewResponse(RenderedMessage Message, SmsSegmentInfo? Sms);

/// <summary>Send a rendered preview through the configured channel to an address the operator gives.</summary>
internal sealed record TestSendRequest(string? To, string? Platform, PreviewRequest? Preview);

internal sealed record TestSendResponse(RenderedMessage Message, SendResult Result);

/// <summary>Render unsaved copy: the template as the editor holds it, and whom to render it for.</summary>
internal sealed record DraftPreviewRequest(TemplateRequest? Template, PreviewRequest? Preview);

/// <summary>The draft rendered, or why it cannot be: the syntax problems with their line and column.</summary>
internal sealed record DraftPreviewResponse(RenderedMessage? Message, SmsSegmentInfo? Sms, IReadOnlyList<TemplateProblem> Problems);
