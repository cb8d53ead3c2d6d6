using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Outbox;

/// <summary>
/// One intended message. Written in the same transaction that moves the journey past its send step, with a
/// unique <see cref="IdempotencyKey"/> (journey, activity, step): however often a step is retried, by a
/// restarted host or a second one, at most one row and so at most one message exists for it.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        IdempotencyKey = string.Empty;
        TemplateKey = string.Empty;
    }

    public OutboxMessage(string idempotencyKey, long contactId, Channel channel, string templateKey, DateTime now)
    {
        IdempotencyKey = idempotencyKey;
        ContactId = contactId;
        Channel = channel;
        TemplateKey = templateKey;
        CreatedAt = now;
        NotBefore = now;
        Status = OutboxStatus.Queued;
    }

    public long Id { get; private set; }
    public string IdempotencyKey { get; private set; }
    public long ContactId { get; private set; }
    public Channel Channel { get; private set; }
    public string TemplateKey { get; private set; }
    public long? JourneyId { get; init; }
    public long? WorkflowVersionId { get; init; }
    public string? DefinitionId { get; init; }
    public string? ActivityId { get; init; }

    /// <summary>What the template may read besides the contact: journey variables (issued coupon…), the triggering event.</summary>
    public JsonObject Data { get; init; } = [];

    /// <summary>Whether the message counts toward the contact's frequency cap.</summary>
    public bool FrequencyCapped { get; init; } = true;

    public OutboxStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Not to be sent before this instant (quiet hours, retry backoff).</summary>
    public DateTime NotBefore { get; private set; }

    public int Attempts { get; private set; }
    public string? Reason { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? ProviderMessageId { get; private set; }
}
