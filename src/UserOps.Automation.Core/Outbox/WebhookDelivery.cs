namespace UserOps.Automation.Core.Outbox;

/// <summary>A webhook call a journey step asked for; delivered with retries, at most once per step.</summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
        IdempotencyKey = string.Empty;
        Url = string.Empty;
        Payload = string.Empty;
    }

    public WebhookDelivery(string idempotencyKey, string url, string payload, DateTime now)
    {
        IdempotencyKey = idempotencyKey;
        Url = url;
        Payload = payload;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = OutboxStatus.Queued;
    }

    public long Id { get; private set; }
    public string IdempotencyKey { get; private set; }
    public string Url { get; private set; }
    public string Payload { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? NextAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The dispatcher holding the row and until when; set by the claim statement, cleared by the outcome.</summary>
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntil { get; private set; }

    public void Delivered(DateTime at)
    {
        Attempts++;
        Status = OutboxStatus.Sent;
        DeliveredAt = at;
        NextAttemptAt = null;
        LastError = null;
        LeaseOwner = null;
        LeaseUntil = null;
    }

    /// <summary>A failed attempt: retried with exponential backoff up to <paramref name="maxAttempts"/>, then failed for good.</summary>
    public void AttemptFailed(string error, DateTime at, int maxAttempts, bool permanent)
    {
        Attempts++;
        LeaseOwner = null;
        LeaseUntil = null;
        LastError = error.Length > 500 ? error[..500] : error;
        if (permanent || Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Failed;
            NextAttemptAt = null;
            return;
        }

        NextAttemptAt = at + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Attempts - 1)));
    }
}
