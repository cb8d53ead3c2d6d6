using System.Globalization;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>The dispatcher: batches, retries, protections (frequency cap, quiet hours), circuits, rates, links.</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>Where contacts and providers reach this host: unsubscribe links, and the URL Twilio signs.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>HMAC key of unsubscribe links; when empty one is generated and kept in the Settings table.</summary>
    public string? UnsubscribeSecret { get; set; }

    /// <summary>Recurring dispatch (Quartz cron, UTC) and how long one firing keeps taking batches.</summary>
    public string Cron { get; set; } = "0/2 * * * * ?";
    public int BudgetSeconds { get; set; } = 20;

    /// <summary>
    /// Rows one round claims per channel (at most; the rate limit and an open circuit take fewer). Big rounds spread a
    /// round's fixed cost (claim, guard lookups, template lookups, commits) over more messages, and leave the connections
    /// idle less often between rounds. A round's sends must still finish well within <see cref="LeaseSeconds"/>.
    /// </summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Rounds prepared ahead while one sends (ADR 0025): with 2, two rounds are claimed, checked and built side by side
    /// (their guard checks and Sending commits still one at a time), so the connections do not wait on one preparing
    /// thread. 1 is ADR 0011's pipeline. A crash leaves up to this many rounds plus the one sending in Sending.
    /// Unset: 2 where the database is another process (PostgreSQL, SQL Server), 1 on SQLite, whose calls run on the
    /// calling thread, so a second round ahead overlaps nothing and only keeps more built emails alive (measured).
    /// </summary>
    public int? PrepareAhead { get; set; }

    /// <summary>A journey's message not sent within this many hours of its step is expired (a send step's <c>expireAfter</c> overrides it).</summary>
    public double JourneyMessageExpiryHours { get; set; } = 24;

    /// <summary>How long a claimed row is held; a row still sending after this was on a host that died.</summary>
    public int LeaseSeconds { get; set; } = 300;

    public int MaxAttempts { get; set; } = 6;
    public int BaseBackoffSeconds { get; set; } = 30;
    public int MaxBackoffSeconds { get; set; } = 3600;

    public FrequencyCapSettings FrequencyCap { get; set; } = new();
    public QuietHoursSettings QuietHours { get; set; } = new();

    /// <summary>IANA zone for contacts without one.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    public CircuitSettings Circuit { get; set; } = new();

    public ChannelLimits Email { get; set; } = new() { RatePerSecond = 50, MaxConcurrent = 4 };
    public ChannelLimits Sms { get; set; } = new() { RatePerSecond = 10, MaxConcurrent = 4 };
    public ChannelLimits Push { get; set; } = new() { RatePerSecond = 100, MaxConcurrent = 8 };

    public WebhookSettings Webhooks { get; set; } = new();

    public DispatchPolicy ToPolicy() => new()
    {
        MaxAttempts = MaxAttempts,
        BaseBackoff = TimeSpan.FromSeconds(BaseBackoffSeconds),
        MaxBackoff = TimeSpan.FromSeconds(MaxBackoffSeconds),
        FrequencyCap = FrequencyCap.Count,
        FrequencyWindow = TimeSpan.FromDays(FrequencyCap.Days),
        QuietHours = new QuietHours(ParseTime(QuietHours.Start), ParseTime(QuietHours.End)),
        DefaultTimeZone = DefaultTimeZone,
    };

    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return "Dispatch:PublicBaseUrl must be an absolute http(s) URL.";
        }

        if (!Quartz.CronExpression.TryParse(Cron, out _))
        {
            yield return $"Dispatch:Cron '{Cron}' is not a valid Quartz cron expression.";
        }

        if (BatchSize is < 1 or > 5000)
        {
            yield return "Dispatch:BatchSize must be 1-5000.";
        }

        if (PrepareAhead is { } ahead && ahead is < 1 or > 4)
        {
            yield return "Dispatch:PrepareAhead must be 1-4.";
        }

        if (MaxAttempts < 1 || BaseBackoffSeconds < 1 || MaxBackoffSeconds < BaseBackoffSeconds || LeaseSeconds < 10 || BudgetSeconds < 1)
        {
            yield return "Dispatch: MaxAttempts >= 1, BaseBackoffSeconds >= 1, MaxBackoffSeconds >= BaseBackoffSeconds, LeaseSeconds >= 10, BudgetSeconds >= 1.";
        }

        if (JourneyMessageExpiryHours <= 0)
        {
            yield return "Dispatch:JourneyMessageExpiryHours must be > 0.";
        }

        if (FrequencyCap.Count < 0 || FrequencyCap.Days < 1)
        {
            yield return "Dispatch:FrequencyCap: Count >= 0 (0 = no cap) and Days >= 1.";
        }

        if (!TimeOnly.TryParseExact(QuietHours.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || !TimeOnly.TryParseExact(QuietHours.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return "Dispatch:QuietHours:Start and End must be HH:mm (equal values switch quiet hours off).";
        }

        if (TimeZones.Find(DefaultTimeZone) is null)
        {
            yield return $"Dispatch:DefaultTimeZone '{DefaultTimeZone}' is not an IANA time zone.";
        }

        foreach (var (name, limits) in new[] { ("Email", Email), ("Sms", Sms), ("Push", Push) })
        {
            if (limits.RatePerSecond < 0 || limits.MaxConcurrent < 1 || limits.BurstSeconds is <= 0 or > 60)
            {
                yield return $"Dispatch:{name}: RatePerSecond >= 0 (0 = unlimited), MaxConcurrent >= 1, BurstSeconds in (0, 60].";
            }
        }

        if (Circuit.FailureThreshold < 1 || Circuit.BreakSeconds < 1 || Webhooks.MaxAttempts < 1 || Webhooks.TimeoutSeconds < 1 || Webhooks.BatchSize < 1)
        {
            yield return "Dispatch:Circuit and Dispatch:Webhooks values must be >= 1.";
        }
    }

    private static TimeOnly ParseTime(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : default;
}

public sealed class FrequencyCapSettings
{
    /// <summary>Capped messages a contact may get within <see cref="Days"/>, all channels and workflows together; 0 = no cap.</summary>
    public int Count { get; set; } = 3;
    public int Days { get; set; } = 7;
}

public sealed class QuietHoursSettings
{
    /// <summary>Local time (contact's zone) from which nothing is sent, HH:mm.</summary>
    public string Start { get; set; } = "21:00";

    /// <summary>Local time at which sending resumes, HH:mm; equal to Start switches quiet hours off.</summary>
    public string End { get; set; } = "09:00";
}

public sealed class CircuitSettings
{
    /// <summary>Transient failures in a row on one channel that open its circuit.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit keeps the channel's rows waiting before one probe is tried.</summary>
    public int BreakSeconds { get; set; } = 30;
}

public sealed class ChannelLimits
{
    /// <summary>Messages per second leaving this host on the channel (token bucket, one second of burst); 0 = unlimited.</summary>
    public double RatePerSecond { get; set; }

    /// <summary>
    /// How many seconds' worth of messages may leave at once after an idle spell (the token bucket's size). One second
    /// by default; a smaller value keeps short runs closer to <see cref="RatePerSecond"/>, but must exceed the time a
    /// round takes, or the bucket overflows between rounds and the channel falls below its rate.
    /// </summary>
    public double BurstSeconds { get; set; } = 1;

    public int MaxConcurrent { get; set; } = 4;
}

public sealed class WebhookSettings
{
    /// <summary>Deliveries claimed per round: calls wait on other systems (up to <see cref="TimeoutSeconds"/> each), so rounds stay small.</summary>
    public int BatchSize { get; set; } = 200;

    public int MaxAttempts { get; set; } = 8;
    public int TimeoutSeconds { get; set; } = 10;
}
