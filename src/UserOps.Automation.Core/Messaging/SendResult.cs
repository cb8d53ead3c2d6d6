namespace UserOps.Automation.Core.Messaging;

/// <summary>What a channel adapter reports for one send.</summary>
public sealed record SendResult
{
    private SendResult(SendStatus status, string? providerMessageId, SendFailure? failure)
    {
        Status = status;
        ProviderMessageId = providerMessageId;
        Failure = failure;
    }

    public SendStatus Status { get; }

    /// <summary>The provider's id (SMTP Message-ID, Twilio SID, FCM message name); null on failure.</summary>
    public string? ProviderMessageId { get; }

    public SendFailure? Failure { get; }

    public bool Succeeded => Status is SendStatus.Sent or SendStatus.Accepted;

    /// <summary>Handed to the provider and delivered as far as we can know (SMTP accepted, push accepted).</summary>
    public static SendResult Sent(string providerMessageId) => new(SendStatus.Sent, providerMessageId, null);

    /// <summary>Queued by the provider; a delivery receipt follows (Twilio <c>queued</c>/<c>accepted</c>).</summary>
    public static SendResult Accepted(string providerMessageId) => new(SendStatus.Accepted, providerMessageId, null);

    public static SendResult Failed(SendFailure failure) => new(SendStatus.Failed, null, failure);

    public static SendResult Failed(FailureKind kind, string? providerCode, string message) => Failed(new SendFailure(kind, providerCode, message));
}

public enum SendStatus
{
    Sent,
    Accepted,
    Failed,
}

/// <summary>A classified failure: the dispatcher retries <see cref="FailureKind.Transient"/> and stops on the others.</summary>
public sealed record SendFailure(FailureKind Kind, string? ProviderCode, string Message)
{
    /// <summary>Twilio 21610: the recipient replied STOP; the caller drops the contact's SMS consent.</summary>
    public bool RecipientUnsubscribed { get; init; }
}

public enum FailureKind
{
    /// <summary>Try again later: timeouts, 4xx SMTP replies, HTTP 429 and 5xx, connection refused.</summary>
    Transient,

    /// <summary>This message to this address will never succeed: unknown mailbox, invalid number, rejected content.</summary>
    Permanent,

    /// <summary>The address or token is dead (FCM UNREGISTERED, Web Push 404/410): remove it from the contact.</summary>
    InvalidRecipient,
}
