using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Infrastructure.Dispatch;

namespace UserOps.Automation.UnitTests.Dispatch;

/// <summary>The token bucket is replenished by the injected clock only: a frozen fake clock gives no new tokens.</summary>
public sealed class ChannelRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Bucket_HoldsOneSecondOfBurst_ThenRefillsAtTheRate()
    {
        using var limiter = new ChannelRateLimiter(10, _time);

        Assert.Equal(10, limiter.Available());
        Assert.Equal(10, limiter.Take(25));
        Assert.Equal(0, limiter.Take(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.UntilNext());

        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(0, limiter.Available());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, limiter.Take(5));

        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(5, limiter.Take(100));
    }

    [Fact]
    public void Bucket_NeverHoldsMoreThanItsBurst_HoweverLongItWasIdle()
    {
        using var limiter = new ChannelRateLimiter(3, _time);
        limiter.Take(3);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, limiter.Available());
    }

    [Fact]
    public void HighRates_RefillContinuously()
    {
        using var limiter = new ChannelRateLimiter(1000, _time);
        Assert.Equal(1000, limiter.Take(5000));

        _time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(250, limiter.Available());
    }

    [Fact]
    public void FractionalRates_WaitForAWholeToken()
    {
        using var limiter = new ChannelRateLimiter(0.5, _time);
        Assert.Equal(1, limiter.Take(2));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((0, TimeSpan.FromSeconds(1)), (limiter.Take(1), limiter.UntilNext()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, limiter.Take(1));
    }

    [Theory]
    [InlineData(1000, 0.1, 30_000)]
    [InlineData(200, 0.1, 6_000)]
    [InlineData(1000, 1, 30_000)]
    public void DispatcherLoop_HoldsTheRate_WithinOnePercentPlusTheBurst(double rate, double burstSeconds, int messages)
    {
        // The dispatcher's use of the bucket: claim what is there (at most a batch), each round taking a few ms;
        // when nothing is there, wait for half a round's worth, waking a little late as timers do.
        using var limiter = new ChannelRateLimiter(rate, _time, burstSeconds);
        var started = _time.GetUtcNow();
        var sent = 0;
        while (sent < messages)
        {
            var taken = limiter.Take(Math.Min(200, messages - sent));
            sent += taken;
            _time.Advance(taken > 0 ? TimeSpan.FromMilliseconds(7) : limiter.UntilAvailable(Math.Min(200, limiter.Capacity) / 2) + TimeSpan.FromMilliseconds(2));
        }

        var measured = messages / (_time.GetUtcNow() - started).TotalSeconds;
        var burst = Math.Ceiling(rate * burstSeconds) / messages;
        Assert.InRange(measured / rate, 0.99, 1.01 + burst);
    }

    [Fact]
    public void UntilAvailable_WaitsForTheTokensAsked_AtMostTheBurst()
    {
        using var limiter = new ChannelRateLimiter(1000, _time, burstSeconds: 0.1);
        Assert.Equal(100, limiter.Capacity);
        Assert.Equal(100, limiter.Take(500));

        Assert.Equal(TimeSpan.FromMilliseconds(50), limiter.UntilAvailable(50));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.UntilAvailable(1000));
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.Zero, limiter.UntilAvailable(50));
        Assert.Equal(50, limiter.Take(200));
    }

    [Fact]
    public void ZeroRate_IsUnlimited()
    {
        using var limiter = new ChannelRateLimiter(0, _time);

        Assert.True(limiter.Unlimited);
        Assert.Equal(100_000, limiter.Take(100_000));
        Assert.Equal(TimeSpan.Zero, limiter.UntilNext());
    }
}
