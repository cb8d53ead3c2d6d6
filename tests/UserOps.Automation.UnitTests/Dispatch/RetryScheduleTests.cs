using UserOps.Automation.Core.Dispatch;

namespace UserOps.Automation.UnitTests.Dispatch;

public sealed class RetryScheduleTests
{
    private static readonly DateTime T0 = new(2026, 4, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DispatchPolicy Policy = new() { MaxAttempts = 5, BaseBackoff = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromMinutes(2) };

    [Theory]
    [InlineData(1, 0.0, 15)]
    [InlineData(1, 1.0, 30)]
    [InlineData(2, 0.0, 30)]
    [InlineData(3, 0.5, 90)]
    [InlineData(4, 1.0, 120)] // 240 s capped at 2 minutes
    public void Backoff_DoublesPerAttempt_WithHalfOfItJittered_AndCapped(int attemptsMade, double random, int seconds)
    {
        var schedule = new RetrySchedule(Policy, () => random);

        Assert.Equal(T0.AddSeconds(seconds), schedule.NextAttempt(attemptsMade, T0));
    }

    [Fact]
    public void NoRetry_OnceMaxAttemptsAreUsed()
    {
        Assert.Null(new RetrySchedule(Policy, () => 0.5).NextAttempt(5, T0));
    }
}
