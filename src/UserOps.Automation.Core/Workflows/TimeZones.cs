namespace UserOps.Automation.Core.Workflows;

/// <summary>IANA zones only: Windows ids are refused so that files mean the same on every host.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || (!id.Contains('/', StringComparison.Ordinal) && id != "UTC"))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    /// <summary>The next instant (UTC) after <paramref name="nowUtc"/> at which the wall clock in <paramref name="zone"/> shows <paramref name="time"/>.</summary>
    /// <param name="dayOffset">Null: the next time the clock shows <paramref name="time"/>. N: that time on the local date N days after today.</param>
    public static DateTime NextLocalTime(DateTime nowUtc, TimeOnly time, TimeZoneInfo zone, int? dayOffset = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        var candidate = localNow.Date.AddDays(dayOffset ?? 0) + time.ToTimeSpan();
        if (dayOffset is null && candidate <= localNow)
        {
            candidate = candidate.AddDays(1);
        }

        var utc = ToUtc(candidate, zone);
        return utc < nowUtc ? nowUtc : utc;
    }

    /// <summary>A wall-clock time in a zone as UTC; a time skipped by a DST jump moves forward by the gap, an ambiguous one takes the first.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max();
            return DateTime.SpecifyKind(local - first, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
