using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Host.Dispatch;

public sealed record OutboxSummary(
    long Id, string IdempotencyKey, long ContactId, Channel Channel, string TemplateKey, long? TemplateVersionId, string? DefinitionId, string? ActivityId,
    OutboxStatus Status, string? Reason, int Attempts, DateTime CreatedAt, DateTime NotBefore, DateTime? ExpiresAt, DateTime? SentAt, DateTime? DeliveredAt,
    string? ProviderMessageId, bool FrequencyCapped)
{
    /// <summary>The contact's own id, for people; <see cref="ContactId"/> is the store's.</summary>
    public string? ContactExternalId { get; init; }

    public static OutboxSummary From(OutboxMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.IdempotencyKey, m.ContactId, m.Channel, m.TemplateKey, m.TemplateVersionId, m.DefinitionId, m.ActivityId, m.Status, m.Reason,
            m.Attempts, m.CreatedAt, m.NotBefore, m.ExpiresAt, m.SentAt, m.DeliveredAt, m.ProviderMessageId, m.FrequencyCapped);
    }
}

public sealed record OutboxAttempt(int Number, DateTime At, string Outcome, string? ProviderMessageId, string? ErrorCode, string? ErrorMessage, long DurationMs);

public sealed record OutboxDetail(OutboxSummary Message, IReadOnlyList<OutboxAttempt> Attempts)
{
    public OutboxContact? Contact { get; init; }

    /// <summary>What a capture channel stored instead of sending (the embedded default): exactly what the contact would have got.</summary>
    public CapturedCopy? Captured { get; init; }

    /// <summary>The copy rendered again for the contact from the template version the send used (or the current one if it never got that far).</summary>
    public RenderedMessage? Rendered { get; init; }

    /// <summary><c>sent-version</c>, <c>current-template</c>, or null when nothing could be rendered.</summary>
    public string? RenderedFrom { get; init; }
}

public sealed record OutboxContact(string ExternalId, string? FirstName, string? LastName, string? Email, string? Phone, string? Locale, string? TimeZone);

public sealed record CapturedCopy(Channel Channel, string Recipient, string? Subject, string Body, string? Html, JsonObject? Extra, string TemplateKey, int TemplateVersion, string Locale, DateTime CapturedAt);

public sealed record OutboxPage(IReadOnlyList<OutboxSummary> Items, long? NextBeforeId);

public sealed record SuppressionRequest(Channel? Channel, string? Address, string? Reason);
