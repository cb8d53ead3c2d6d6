using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Host.Dispatch;

public sealed record OutboxSummary(
    long Id, string IdempotencyKey, long ContactId, Channel Channel, string TemplateKey, long? TemplateVersionId, string? DefinitionId, string? ActivityId,
    OutboxStatus Status, string? Reason, int Attempts, DateTime CreatedAt, DateTime NotBefore, DateTime? ExpiresAt, DateTime? SentAt, DateTime? DeliveredAt,
    string? ProviderMessageId, bool FrequencyCapped)
{
    public static OutboxSummary From(OutboxMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.IdempotencyKey, m.ContactId, m.Channel, m.TemplateKey, m.TemplateVersionId, m.DefinitionId, m.ActivityId, m.Status, m.Reason,
            m.Attempts, m.CreatedAt, m.NotBefore, m.ExpiresAt, m.SentAt, m.DeliveredAt, m.ProviderMessageId, m.FrequencyCapped);
    }
}

public sealed record OutboxAttempt(int Number, DateTime At, string Outcome, string? ProviderMessageId, string? ErrorCode, string? ErrorMessage, long DurationMs);

public sealed record OutboxDetail(OutboxSummary Message, IReadOnlyList<OutboxAttempt> Attempts);

public sealed record OutboxPage(IReadOnlyList<OutboxSummary> Items, long? NextBeforeId);

public sealed record SuppressionRequest(Channel? Channel, string? Address, string? Reason);
