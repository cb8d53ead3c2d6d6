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
}
