namespace UserOps.Automation.Infrastructure.Reporting;

/// <summary>A time range cut into whole UTC hours or days.</summary>
public sealed record DashboardRange
{
    public const string Hour = "hour";
    public const string Day = "day";
    public const int MaxBuckets = 800;

    private DashboardRange(DateTime from, DateTime to, string bucket)
    {
        From = from;
        To = to;
        Bucket = bucket;
    }

    public DateTime From { get; }
    public DateTime To { get; }
    public string Bucket { get; }
    public bool Hourly => Bucket == Hour;
    public TimeSpan Size => Hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
    public int Count => (int)((To - From).Ticks / Size.Ticks);

    /// <summary>The range rounded out to whole buckets, or an error naming the wrong field.</summary>
    public static (DashboardRange? Range, string? Field, string? Error) Create(DateTime from, DateTime to, string? bucket)
    {
        from = Utc(from);
        to = Utc(to);
        if (to <= from)
        {
            return (null, "to", "'to' must be later than 'from'.");
        }

        bucket ??= to - from > TimeSpan.FromDays(3) ? Day : Hour;
        if (bucket is not (Hour or Day))
        {
            return (null, "bucket", $"'{bucket}' is not a bucket: use 'hour' or 'day'.");
        }

        var size = bucket == Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var start = new DateTime(from.Ticks - (from.Ticks % size.Ticks), DateTimeKind.Utc);
        var endTicks = to.Ticks % size.Ticks == 0 ? to.Ticks : to.Ticks - (to.Ticks % size.Ticks) + size.Ticks;
        var range = new DashboardRange(start, new DateTime(endTicks, DateTimeKind.Utc), bucket);
        return range.Count > MaxBuckets
            ? (null, "bucket", $"The range has {range.Count} {bucket}s; at most {MaxBuckets} are drawn. Use a coarser bucket or a shorter range.")
            : (range, null, null);
    }

    /// <summary>The preset ranges the console offers, reckoned on the host's clock.</summary>
    public static IReadOnlyList<string> Presets { get; } = ["24h", "7d", "30d", "90d"];

    /// <summary>
    /// A preset range ending with the bucket that holds <paramref name="now"/>: <c>24h</c> hourly, <c>7d</c>,
    /// <c>30d</c>, <c>90d</c> daily. The host reckons it so a browser with a wrong clock still sees the right days.
    /// </summary>
    public static (DashboardRange? Range, string? Field, string? Error) Preset(string preset, DateTime now)
    {
        now = Utc(now);
        var (size, count) = preset switch
        {
            "24h" => (TimeSpan.FromHours(1), 24),
            "7d" => (TimeSpan.FromDays(1), 7),
            "30d" => (TimeSpan.FromDays(1), 30),
            "90d" => (TimeSpan.FromDays(1), 90),
            _ => (TimeSpan.Zero, 0),
        };
        if (count == 0)
        {
            return (null, "range", $"'{preset}' is not a preset range: use {string.Join(", ", Presets.Select(p => $"'{p}'"))}, or 'from' and 'to'.");
        }

        var end = new DateTime(now.Ticks - (now.Ticks % size.Ticks), DateTimeKind.Utc) + size;
        return Create(end - (size * count), end, size == TimeSpan.FromHours(1) ? Hour : Day);
    }

    // An instant without a zone is taken as UTC (the dashboard speaks UTC), not as the host's local time.
    private static DateTime Utc(DateTime at) =>
        at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();

    public IReadOnlyList<DateTime> Starts() => Enumerable.Range(0, Count).Select(i => From + (Size * i)).ToList();

    /// <summary>The index of the bucket holding the instant made of a UTC date and an hour (0 for daily buckets); -1 outside.</summary>
    public int IndexOf(DateTime date, int hour)
    {
        var at = DateTime.SpecifyKind(date.Date, DateTimeKind.Utc).AddHours(hour);
        var index = (int)((at - From).Ticks / Size.Ticks);
        return at < From || index >= Count ? -1 : index;
    }
}
