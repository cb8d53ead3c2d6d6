using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Outbox;

/// <summary>
/// One intended message. Written in the same transaction that moves the journey past its send step, with a
/// unique <see cref="IdempotencyKey"/> (journey, activity, step): however often a step is retried, by a
/// restarted host or a second one, at most one row and so at most one message exists for it. The dispatcher
/// moves it on with the methods below; every outcome keeps its <see cref="Reason"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>What an abandoned in-flight row says (docs/adr/0004-in-flight-messages.md).</summary>
    public const string InFlightReason = "in flight when its host died; not resent";

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

    private JsonObject? _data;
    private string? _dataText;

    /// <summary>What the template may read besides the contact: journey variables (issued coupon…), the triggering event.</summary>
    public JsonObject Data
    {
        get => _data ??= ParseData(_dataText);
        init => (_data, _dataText) = (value, null);
    }

    /// <summary>
    /// <see cref="Data"/> as JSON text, the form it is stored in. A send step gives the journey's variables as text (ADR 0021),
    /// stored as they are without building a tree; once <see cref="Data"/> has been read, its tree is what is stored.
    /// </summary>
    public string DataJson
    {
        get => _data?.ToJsonString() ?? _dataText ?? "{}";
        init => (_data, _dataText) = (null, value);
    }

    /// <summary>Whether the message counts toward the contact's frequency cap.</summary>
    public bool FrequencyCapped { get; init; } = true;

    /// <summary>After this instant the message is pointless (a flash sale ended) and is expired rather than sent late.</summary>
    public DateTime? ExpiresAt { get; init; }

    public OutboxStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Not to be sent before this instant (quiet hours, retry backoff).</summary>
    public DateTime NotBefore { get; private set; }

    /// <summary>Send attempts made so far (guards and circuit waits do not count).</summary>
    public int Attempts { get; private set; }
    public string? Reason { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public string? ProviderMessageId { get; private set; }

    /// <summary>The template version rendered by the last attempt, so the copy a contact got can be shown later.</summary>
    public long? TemplateVersionId { get; private set; }

    /// <summary>The dispatcher (host) holding the row and until when; set by the claim statement.</summary>
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntil { get; private set; }

    private static JsonObject ParseData(string? text) =>
        string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];

    public bool IsFinal => Status is OutboxStatus.Sent or OutboxStatus.Delivered or OutboxStatus.Failed or OutboxStatus.Suppressed or OutboxStatus.Expired;

    /// <summary>A guard refused the message (consent, unsubscribe, suppression list, frequency cap…).</summary>
    public void Suppress(string reason) => Finish(OutboxStatus.Suppressed, reason);

    /// <summary>Too late to be worth sending.</summary>
    public void Expire(string reason) => Finish(OutboxStatus.Expired, reason);

    /// <summary>Failed for good: a permanent provider answer, attempts exhausted, or nothing to send with.</summary>
    public void Fail(string reason) => Finish(OutboxStatus.Failed, reason);

    /// <summary>Held back by a guard until <paramref name="until"/> (quiet hours); claimed again then.</summary>
    public void Defer(DateTime until, string reason)
    {
        Status = OutboxStatus.Deferred;
        NotBefore = until;
        Reason = Trim(reason);
        ClearLease();
    }

    /// <summary>
    /// About to hand the message to the provider. Committed before the send: a host that dies after this point
    /// leaves the row in <see cref="OutboxStatus.Sending"/>, and it is never sent again (ADR 0004).
    /// </summary>
    public void StartSending(long templateVersionId, DateTime leaseUntil)
    {
        if (Status is not (OutboxStatus.Queued or OutboxStatus.Deferred))
        {
            throw new InvalidOperationException($"Outbox row {Id} is {Status}; only a queued row can be sent.");
        }

        Status = OutboxStatus.Sending;
        TemplateVersionId = templateVersionId;
        LeaseUntil = leaseUntil;
        Attempts++;
    }

    /// <summary>The provider took the message (SMTP accepted, Twilio queued, push accepted).</summary>
    public void Sent(string providerMessageId, DateTime at)
    {
        Status = OutboxStatus.Sent;
        ProviderMessageId = providerMessageId;
        SentAt = at;
        Reason = null;
        ClearLease();
    }

    /// <summary>A transient failure: queued again for <paramref name="retryAt"/>.</summary>
    public void RetryAt(DateTime retryAt, string reason)
    {
        Status = OutboxStatus.Queued;
        NotBefore = retryAt;
        Reason = Trim(reason);
        ClearLease();
    }

    /// <summary>Claimed but not attempted (the channel's circuit opened, its rate ran out): back in the queue, no attempt used.</summary>
    public void Release()
    {
        ClearLease();
    }

    /// <summary>Marked sending, but not sent after all (the circuit opened meanwhile): back in the queue, the attempt given back.</summary>
    public void ReturnUnsent()
    {
        if (Status == OutboxStatus.Sending)
        {
            Status = OutboxStatus.Queued;
            Attempts--;
        }

        ClearLease();
    }

    /// <summary>The provider's delivery receipt.</summary>
    public void Delivered(DateTime at)
    {
        if (Status is OutboxStatus.Sent or OutboxStatus.Sending)
        {
            Status = OutboxStatus.Delivered;
            DeliveredAt = at;
            ClearLease();
        }
    }

    /// <summary>The provider's receipt says the message never reached the handset.</summary>
    public void Undelivered(string reason)
    {
        if (Status is OutboxStatus.Sent or OutboxStatus.Sending or OutboxStatus.Delivered)
        {
            Finish(OutboxStatus.Failed, reason);
        }
    }

    private void Finish(OutboxStatus status, string reason)
    {
        Status = status;
        Reason = Trim(reason);
        ClearLease();
    }

    private void ClearLease()
    {
        LeaseOwner = null;
        LeaseUntil = null;
    }

    private static string Trim(string reason) => reason.Length > 500 ? reason[..500] : reason;
}
