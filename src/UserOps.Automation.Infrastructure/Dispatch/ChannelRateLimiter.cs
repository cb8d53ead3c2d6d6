using System.Threading.RateLimiting;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// A token bucket (System.Threading.RateLimiting) replenished from a <see cref="TimeProvider"/> instead of its own
/// timer, so a fake clock drives it in tests and nothing waits inside it: the dispatcher asks how many tokens
/// there are, claims that many rows, and takes them.
/// </summary>
internal sealed class ChannelRateLimiter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter? _bucket;
    private readonly TimeSpan _period;
    private readonly int _maxReplenishments;
    private DateTimeOffset _replenishedAt;

    public ChannelRateLimiter(double ratePerSecond, TimeProvider time)
    {
        _time = time;
        _replenishedAt = time.GetUtcNow();
        if (ratePerSecond <= 0)
        {
            return;
        }

        // Replenish in tenths of a second (at least one token at a time), with one second's worth of burst.
        var perPeriod = Math.Max(1, (int)Math.Ceiling(ratePerSecond / 10));
        var limit = Math.Max(perPeriod, (int)Math.Ceiling(ratePerSecond));
        _period = TimeSpan.FromSeconds(perPeriod / ratePerSecond);
        _maxReplenishments = (limit / perPeriod) + 1;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = _period,
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    public bool Unlimited => _bucket is null;

    /// <summary>Tokens available now.</summary>
    public int Available()
    {
        if (_bucket is null)
        {
            return int.MaxValue;
        }

        lock (_lock)
        {
            Replenish();
            return (int)_bucket.GetStatistics()!.CurrentAvailablePermits;
        }
    }

    /// <summary>Takes up to <paramref name="count"/> tokens; returns how many it got.</summary>
    public int Take(int count)
    {
        if (_bucket is null || count <= 0)
        {
            return Math.Max(0, count);
        }

        lock (_lock)
        {
            Replenish();
            var granted = (int)Math.Min(count, _bucket.GetStatistics()!.CurrentAvailablePermits);
            if (granted == 0)
            {
                return 0;
            }

            using var lease = _bucket.AttemptAcquire(granted);
            return lease.IsAcquired ? granted : 0;
        }
    }

    /// <summary>Time until the next token arrives (zero when one is there).</summary>
    public TimeSpan UntilNext()
    {
        if (_bucket is null)
        {
            return TimeSpan.Zero;
        }

        lock (_lock)
        {
            Replenish();
            if (_bucket.GetStatistics()!.CurrentAvailablePermits > 0)
            {
                return TimeSpan.Zero;
            }

            var wait = _period - (_time.GetUtcNow() - _replenishedAt);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    public void Dispose() => _bucket?.Dispose();

    private void Replenish()
    {
        var now = _time.GetUtcNow();
        var periods = (long)Math.Floor((now - _replenishedAt) / _period);
        if (periods <= 0)
        {
            return;
        }

        for (var i = 0; i < Math.Min(periods, _maxReplenishments); i++)
        {
            _bucket!.TryReplenish();
        }

        _replenishedAt += _period * periods;
    }
}
