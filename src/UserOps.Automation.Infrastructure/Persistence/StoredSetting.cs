namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>A small piece of state the hosts share through the database (e.g. the current RFM breakpoints).</summary>
public sealed class StoredSetting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
