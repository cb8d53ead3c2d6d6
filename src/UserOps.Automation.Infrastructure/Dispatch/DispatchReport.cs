namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>What one dispatch call did; <see cref="RateLimitedFor"/> says how long until a limited channel has tokens again.</summary>
public sealed record DispatchReport
{
    public int Claimed { get; init; }
    public int Sent { get; init; }
    public int Retrying { get; init; }
    public int Failed { get; init; }
    public int Suppressed { get; init; }
    public int Deferred { get; init; }
    public int Expired { get; init; }
    public int Returned { get; init; }
    public int Abandoned { get; init; }
    public int Webhooks { get; init; }
    public TimeSpan? RateLimitedFor { get; init; }

    public static DispatchReport operator +(DispatchReport a, DispatchReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            Claimed = a.Claimed + b.Claimed,
            Sent = a.Sent + b.Sent,
            Retrying = a.Retrying + b.Retrying,
            Failed = a.Failed + b.Failed,
            Suppressed = a.Suppressed + b.Suppressed,
            Deferred = a.Deferred + b.Deferred,
            Expired = a.Expired + b.Expired,
            Returned = a.Returned + b.Returned,
            Abandoned = a.Abandoned + b.Abandoned,
            Webhooks = a.Webhooks + b.Webhooks,
            RateLimitedFor = b.RateLimitedFor ?? a.RateLimitedFor,
        };
    }

    public DispatchReport Add(DispatchReport other) => this + other;
}
