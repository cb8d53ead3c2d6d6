using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Dispatch;

/// <summary>
/// A nightly window, in the contact's own wall-clock time, in which nothing is sent; it may wrap midnight
/// (21:00–09:00). <see cref="Start"/> equal to <see cref="End"/> means no quiet hours.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public bool Enabled => Start != End;

    /// <summary>Null when <paramref name="nowUtc"/> is outside the window in <paramref name="zone"/>; else the next instant it ends.</summary>
    public DateTime? NextAllowed(DateTime nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!Enabled)
        {
            return null;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone));
        var quiet = Start < End ? local >= Start && local < End : local >= Start || local < End;

        // NextLocalTime handles DST: an end time skipped by a spring-forward gap moves on by the gap.
        return quiet ? TimeZones.NextLocalTime(nowUtc, End, zone) : null;
    }
}
