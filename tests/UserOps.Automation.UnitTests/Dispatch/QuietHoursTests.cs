using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.UnitTests.Dispatch;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo NewYork = TimeZones.Find("America/New_York")!;
    private static readonly TimeZoneInfo Shanghai = TimeZones.Find("Asia/Shanghai")!;

    [Theory]
    [InlineData("2026-04-28T12:59:00Z", "2026-04-28T13:00:00Z")] // 08:59 EDT: quiet until 09:00
    [InlineData("2026-04-28T13:00:00Z", null)] // 09:00 EDT: allowed
    [InlineData("2026-04-29T00:59:00Z", null)] // 20:59 EDT
    [InlineData("2026-04-29T01:00:00Z", "2026-04-29T13:00:00Z")] // 21:00 EDT: until tomorrow 09:00
    public void WrappingWindow_InContactZone(string now, string? allowed)
    {
        var quiet = new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0));

        Assert.Equal(allowed is null ? null : DateTime.Parse(allowed, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            quiet.NextAllowed(DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal), NewYork));
    }

    [Fact]
    public void EndInsideSpringForwardGap_MovesOnByTheGap()
    {
        // 8 March 2026 in New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that night.
        var quiet = new QuietHours(new TimeOnly(1, 0), new TimeOnly(2, 30));
        var now = new DateTime(2026, 3, 8, 6, 30, 0, DateTimeKind.Utc); // 01:30 EST

        Assert.Equal(new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc), quiet.NextAllowed(now, NewYork)); // 03:00 EDT
    }

    [Fact]
    public void EndAfterFallBack_UsesTheStandardOffset()
    {
        // 1 November 2026: 02:00 EDT falls back to 01:00 EST; 09:00 that morning is EST (UTC-5).
        var quiet = new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0));
        var now = new DateTime(2026, 11, 1, 3, 0, 0, DateTimeKind.Utc); // 23:00 EDT on 31 October

        Assert.Equal(new DateTime(2026, 11, 1, 14, 0, 0, DateTimeKind.Utc), quiet.NextAllowed(now, NewYork));
    }

    [Fact]
    public void EqualStartAndEnd_MeansNoQuietHours()
    {
        Assert.Null(new QuietHours(new TimeOnly(0, 0), new TimeOnly(0, 0)).NextAllowed(new DateTime(2026, 4, 28, 16, 0, 0, DateTimeKind.Utc), Shanghai));
    }
}
