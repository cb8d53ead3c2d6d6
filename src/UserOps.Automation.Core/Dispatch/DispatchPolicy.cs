namespace UserOps.Automation.Core.Dispatch;

/// <summary>The operator's protections and retry rules, as plain values (bound from <c>Dispatch</c> settings by the host).</summary>
public sealed record DispatchPolicy
{
    /// <summary>Send attempts before a transiently failing message fails for good.</summary>
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many capped messages per contact within <see cref="FrequencyWindow"/>, across channels and workflows; 0 = no cap.</summary>
    public int FrequencyCap { get; init; } = 3;
    public TimeSpan FrequencyWindow { get; init; } = TimeSpan.FromDays(7);

    public QuietHours QuietHours { get; init; } = new(new TimeOnly(21, 0), new TimeOnly(9, 0));

    /// <summary>IANA zone used for a contact without one of its own.</summary>
    public string DefaultTimeZone { get; init; } = "UTC";
}
