namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// A token bucket on the injected <see cref="TimeProvider"/>: <c>rate</c> tokens a second, <c>burstSeconds</c>' worth
/// of burst (one second by default; a smaller burst keeps even a short run at the rate). Not <c>System.Threading.RateLimiting.TokenBucketRateLimiter</c>: even with manual replenishment that one
/// measures elapsed time with its own Stopwatch, so a fake clock cannot drive it and tests would have to sleep.
/// Nothing waits in here: the dispatcher asks how many tokens there are, claims that many rows, and takes them.
/// </summary>
internal sealed class ChannelRateLimiter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _capacity;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public ChannelRateLimiter(double ratePerSecond, TimeProvider time, double burstSeconds = 1)
    {
        _time = time;
        _rate = ratePerSecond;
        _capacity = Math.Max(1, Math.Ceiling(ratePerSecond * burstSeconds));
        _tokens = _capacity;
        _refilledAt = time.GetUtcNow();
    }

    public bool Unlimited => _rate <= 0;

    /// <summary>The most tokens the bucket holds (the burst).</summary>
    public int Capacity => Unlimited ? int.MaxValue : (int)_capacity;

    /// <summary>Whole tokens available now.</summary>
    public int Available()
    {
        if (Unlimited)
        {
            return int.MaxValue;
        }

        lock (_lock)
        {
            Refill();
            return (int)Math.Floor(_tokens);
        }
    }

    /// <summary>Takes up to <paramref name="count"/> tokens; returns how many it got.</summary>
    public int Take(int count)
    {
        if (Unlimited || count <= 0)
        {
            return Math.Max(0, count);
        }

        lock (_lock)
        {
            Refill();
            var granted = (int)Math.Min(count, Math.Floor(_tokens));
            _tokens -= granted;
            return granted;
        }
    }

    /// <summary>Time until the next whole token (zero when one is there).</summary>
    public TimeSpan UntilNext() => UntilAvailable(1);

    /// <summary>
    /// Time until <paramref name="count"/> whole tokens are there (at least one, at most the capacity). Waiting for a
    /// round's worth rather than one token keeps a limited channel from running a whole round for every token.
    /// </summary>
    public TimeSpan UntilAvailable(int count)
    {
        if (Unlimited)
        {
            return TimeSpan.Zero;
        }

        var wanted = Math.Clamp(count, 1, _capacity);
        lock (_lock)
        {
            Refill();
            return _tokens >= wanted ? TimeSpan.Zero : TimeSpan.FromSeconds((wanted - _tokens) / _rate);
        }
    }

    public void Dispose()
    {
        // Nothing held; disposable so that a limiter with real resources can replace it without touching callers.
    }

    private void Refill()
    {
        var now = _time.GetUtcNow();
        var elapsed = (now - _refilledAt).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _rate));
            _refilledAt = now;
        }
    }
}
