namespace UserOps.Automation.Core.Dispatch;

/// <summary>
/// Exponential backoff with jitter: attempt n waits base·2^(n-1), capped, of which a random half is jitter
/// ("equal jitter"), so a provider outage does not bring every queued message back in the same second.
/// </summary>
public sealed class RetrySchedule(DispatchPolicy policy, Func<double> random)
{
    public RetrySchedule(DispatchPolicy policy)
        : this(policy, Random.Shared.NextDouble)
    {
    }

    /// <summary>Null when <paramref name="attemptsMade"/> used up the attempts: the message fails.</summary>
    public DateTime? NextAttempt(int attemptsMade, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (attemptsMade >= policy.MaxAttempts)
        {
            return null;
        }

        var exponent = Math.Min(30, Math.Max(0, attemptsMade - 1));
        var full = Math.Min(policy.MaxBackoff.TotalMilliseconds, policy.BaseBackoff.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = (full / 2) + (full / 2 * random());
        return nowUtc + TimeSpan.FromMilliseconds(delay);
    }
}
