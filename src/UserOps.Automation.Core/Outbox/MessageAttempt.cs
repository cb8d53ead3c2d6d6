namespace UserOps.Automation.Core.Outbox;

/// <summary>One try at handing an outbox message to its provider, kept whatever the outcome.</summary>
public sealed class MessageAttempt
{
    private MessageAttempt()
    {
        Outcome = string.Empty;
    }

    public MessageAttempt(long outboxMessageId, int number, DateTime at, string outcome)
    {
        OutboxMessageId = outboxMessageId;
        Number = number;
        At = at;
        Outcome = outcome;
    }

    public long Id { get; private set; }
    public long OutboxMessageId { get; private set; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; private set; }
    public DateTime At { get; private set; }

    /// <summary><c>Sent</c>, <c>Accepted</c>, <c>Transient</c>, <c>Permanent</c> or <c>InvalidRecipient</c>.</summary>
    public string Outcome { get; private set; }
    public string? ProviderMessageId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public long DurationMs { get; init; }
}
