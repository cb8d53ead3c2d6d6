namespace UserOps.Automation.Core.Outbox;

public enum OutboxStatus
{
    Queued,
    Sending,
    Sent,
    Delivered,
    Failed,
    Suppressed,
    Expired,

    /// <summary>Held back by a guard (quiet hours) until <see cref="OutboxMessage.NotBefore"/>; then claimed like a queued row.</summary>
    Deferred,
}
